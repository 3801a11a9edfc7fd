package com.accesspath.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions of DESIGN.md that a reviewer would otherwise check by grep, checked on
 * every build over the whole repository's main code: one way to configure resilience, one
 * source for the taxonomy, validated configuration. They live beside the manifest checks,
 * which read the repository as files too.
 */
class CodeShapeTests {

	static final Path ROOT = Manifests.ROOT;

	/**
	 * Leads' company industries share some words with the taxonomy's case leaves; they
	 * are another vocabulary.
	 */
	static final Set<String> INDUSTRY_VOCABULARY = Set.of(
			"leads-service/src/main/java/com/accesspath/leads/lead/LeadScore.java",
			"web/src/main/resources/static/assets/lib/leads.js");

	/**
	 * The site's pages of API.md whose path shares a word with the taxonomy: the gated
	 * download of a resource ({@code /resources/{slug}/download}), written as the
	 * contract writes it (or as the gateway's route pattern). Any other use of the word
	 * is still a key.
	 */
	static final List<String> CONTRACT_PATHS = List.of("/resources/{slug}/download", "/resources/*/download");

	/**
	 * Resilience4j configured in code: its config builders, or registries and instances
	 * made with of…().
	 */
	static final Pattern HAND_BUILT = Pattern
		.compile("\\b(CircuitBreakerConfig|TimeLimiterConfig|RetryConfig|RateLimiterConfig)\\b"
				+ "|\\b(CircuitBreaker|Retry|TimeLimiter|RateLimiter)(Registry)?\\.of\\w*\\(");

	@Test
	void noCircuitBreakerRetryOrTimeLimiterIsBuiltInCode() throws IOException {
		assertThat(matches(mainSources(".java"), HAND_BUILT))
			.as("resilience configured in code instead of application.yml")
			.isEmpty();
	}

	@Test
	void theTaxonomyIsWrittenOnlyInArticleService() throws IOException {
		Set<String> keys = taxonomyKeys();
		assertThat(keys).contains("news", "flash", "whitepaper", "manufacturing").hasSize(24);
		String alternatives = String.join("|", keys.stream().map(Pattern::quote).toList());
		List<String> found = new ArrayList<>();
		found.addAll(matches(outsideArticleService(".java", ".js", ".html", ".css"), codeKeyPattern(alternatives),
				CONTRACT_PATHS));
		found.addAll(matches(outsideArticleService(".yml", ".yaml", ".properties"), keyPattern(alternatives)));
		assertThat(found).as("taxonomy keys outside article-service (read /api/categories instead)").isEmpty();
	}

	@Test
	void everyConfigurationPropertiesClassIsValidated() throws IOException {
		List<String> unvalidated = new ArrayList<>();
		for (Path file : mainSources(".java")) {
			String source = Files.readString(file);
			if (source.contains("@ConfigurationProperties(") && !source.contains("@Validated")) {
				unvalidated.add(ROOT.relativize(file).toString());
			}
		}
		assertThat(unvalidated).as("@ConfigurationProperties without @Validated").isEmpty();
	}

	/**
	 * A port a test binds on purpose: GreenMail's fixed test setups (SMTP 3025, …) or a
	 * literal port for GreenMail, a socket, an HTTP server, a Spring Boot server or a
	 * Redis.
	 */
	static final Pattern FIXED_PORT = Pattern.compile("new ServerSetup\\(\\s*[0-9]|ServerSetupTest\\.[A-Z]"
			+ "|new ServerSocket\\(\\s*[1-9]|(HttpServer\\.create|\\.bind)\\(new InetSocketAddress\\([^)]*,\\s*[1-9]"
			+ "|WebEnvironment\\.DEFINED_PORT|\\b(server|management\\.server)\\.port\\s*[=:]\\s*\"?[1-9]|--port\\s+[1-9]");

	@Test
	void everyPortATestBindsIsChosenByTheSystem() throws IOException {
		List<Path> files = new ArrayList<>();
		for (String extension : List.of(".java", ".yml", ".yaml", ".properties")) {
			files.addAll(testSources(extension));
		}
		// Developers run ./mvnw verify while ./platform up holds its ports (issue #21).
		assertThat(matches(files, FIXED_PORT)).as("tests binding a fixed port").isEmpty();
	}

	@Test
	void theChecksThemselvesFindWhatTheyLookFor() {
		assertThat(FIXED_PORT.matcher("new GreenMail(ServerSetupTest.SMTP)").find()).isTrue();
		assertThat(FIXED_PORT.matcher("new ServerSetup(3025, \"127.0.0.1\", \"smtp\")").find()).isTrue();
		assertThat(FIXED_PORT.matcher("HttpServer.create(new InetSocketAddress(\"127.0.0.1\", 8089), 0)").find())
			.isTrue();
		assertThat(FIXED_PORT.matcher("properties = \"server.port=8081\"").find()).isTrue();
		assertThat(FIXED_PORT.matcher("  port: 8080").find()).isFalse();
		assertThat(FIXED_PORT.matcher("new ServerSetup(freePort(), \"127.0.0.1\", \"smtp\")").find()).isFalse();
		assertThat(FIXED_PORT.matcher("HttpServer.create(new InetSocketAddress(\"127.0.0.1\", 0), 0)").find())
			.isFalse();
		assertThat(FIXED_PORT.matcher("\"spring.mail.port=1\"").find()).isFalse();
		assertThat(HAND_BUILT.matcher("CircuitBreakerConfig.custom().build()").find()).isTrue();
		assertThat(HAND_BUILT.matcher("CircuitBreakerRegistry.ofDefaults()").find()).isTrue();
		assertThat(HAND_BUILT.matcher("Retry.of(\"x\", config)").find()).isTrue();
		assertThat(HAND_BUILT.matcher("registry.circuitBreaker(\"article-service\")").find()).isFalse();
		Pattern key = keyPattern("news|flash");
		assertThat(key.matcher("api(\"/category/news\")").find()).isTrue();
		assertThat(key.matcher("groups: [flash, product]").find()).isTrue();
		assertThat(key.matcher("  - news").find()).isTrue();
		assertThat(key.matcher("    category: news").find()).isTrue();
		assertThat(key.matcher("fetch('/api/articles?category=news&limit=6')").find()).isTrue();
		assertThat(key.matcher("String newsletter = \"newsletter\";").find()).isFalse();
		assertThat(key.matcher("newsLetters: flash-sale").find()).isFalse();
		Pattern code = codeKeyPattern("news|policy");
		assertThat(
				code.matcher("@GetMapping(\"/resources/{slug}/download\")".replace(CONTRACT_PATHS.get(0), "")).find())
			.isFalse();
		assertThat(codeKeyPattern("resources").matcher("\"/resources/\" + slug").find()).isTrue();
		assertThat(code.matcher("api(\"/category/news\")").find()).isTrue();
		assertThat(code.matcher("List.of(\"news\", \"flash\")").find()).isTrue();
		assertThat(code.matcher("return new Check(safe, policy, null);").find()).isFalse();
		Pattern group = codeKeyPattern("resources");
		assertThat(group.matcher("href: '/category/resources'").find()).isTrue();
		assertThat(group.matcher("addResourceLocations(\"classpath:/META-INF/resources/webjars/\")").find()).isFalse();
	}

	/**
	 * A key as a whole string literal, a path segment, a query value, or a YAML list item
	 * or value: what configuration or code naming a category looks like.
	 */
	static Pattern keyPattern(String alternatives) {
		return Pattern.compile("([\"'`/\\[,=]\\s*|^\\s*-\\s+|:\\s+)(" + alternatives + ")(\\s*[\"'`\\],/&]|\\s*$)",
				Pattern.MULTILINE);
	}

	/**
	 * In code a key is a string literal, a path segment or a query value: a variable that
	 * happens to be called {@code policy} is not one.
	 */
	static Pattern codeKeyPattern(String alternatives) {
		// META-INF/resources is the folder a jar's web files are in (servlet spec,
		// WebJars).
		return Pattern.compile("([\"'`/=]\\s*)(?<!META-INF/)(" + alternatives + ")(\\s*[\"'`/&]|[.]xml)");
	}

	static List<Path> outsideArticleService(String... extensions) throws IOException {
		List<Path> files = new ArrayList<>();
		for (String extension : extensions) {
			files.addAll(mainSources(extension));
		}
		files.removeIf(file -> {
			String path = ROOT.relativize(file).toString();
			return path.startsWith("article-service/") || INDUSTRY_VOCABULARY.contains(path);
		});
		return files;
	}

	static Set<String> taxonomyKeys() throws IOException {
		String taxonomy = Files
			.readString(ROOT.resolve("article-service/src/main/java/com/accesspath/article/category/Taxonomy.java"));
		Matcher matcher = Pattern.compile("Category\\.(?:leaf|group)\\(\"([a-z-]+)\"").matcher(taxonomy);
		Set<String> keys = new LinkedHashSet<>();
		while (matcher.find()) {
			keys.add(matcher.group(1));
		}
		return keys;
	}

	static List<Path> mainSources(String extension) throws IOException {
		return sources(extension, path -> path.contains("/src/main/") && !path.contains("/node_modules/"));
	}

	/**
	 * The tests' code and configuration, and devstack (the tests' databases and mail).
	 */
	static List<Path> testSources(String extension) throws IOException {
		return sources(extension, path -> (path.contains("/src/test/") || path.startsWith("devstack/src/main/"))
				&& !path.endsWith("deploy/src/test/java/com/accesspath/deploy/CodeShapeTests.java"));
	}

	/**
	 * The repository's files with this extension whose path (from the root) passes,
	 * builds' output left out.
	 */
	private static List<Path> sources(String extension, Predicate<String> included) throws IOException {
		try (Stream<Path> files = Files.walk(ROOT)) {
			return files.filter(Files::isRegularFile)
				.filter(file -> file.getFileName().toString().endsWith(extension))
				.filter(file -> {
					String path = ROOT.relativize(file).toString().replace('\\', '/');
					return !path.contains("/target/") && !path.startsWith(".") && included.test(path);
				})
				.toList();
		}
	}

	static List<String> matches(List<Path> files, Pattern pattern) throws IOException {
		return matches(files, pattern, List.of());
	}

	/** The lines that match, once the {@code allowed} strings are taken out of them. */
	static List<String> matches(List<Path> files, Pattern pattern, List<String> allowed) throws IOException {
		List<String> found = new ArrayList<>();
		for (Path file : files) {
			List<String> lines = Files.readAllLines(file);
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i).strip();
				if (line.startsWith("//") || line.startsWith("*") || line.startsWith("#") || line.startsWith("/*")) {
					continue;
				}
				String checked = lines.get(i);
				for (String text : allowed) {
					checked = checked.replace(text, "");
				}
				if (pattern.matcher(checked).find()) {
					found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + line);
				}
			}
		}
		return found;
	}

}
