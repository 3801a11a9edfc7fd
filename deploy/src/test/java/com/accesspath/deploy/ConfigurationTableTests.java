package com.accesspath.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table and the services' application.yml say the same: every
 * environment variable a yml reads (in any profile) is in the table, with every service
 * that reads it in its "used by" column; every variable of the table is read somewhere;
 * and each default of the default profile is shown in the variable's row.
 */
class ConfigurationTableTests {

	/**
	 * Read by Spring Boot's relaxed binding, the starter, the gateway's main (Reactor
	 * Netty reads its access log switch at start) or ./platform rather than by a yml
	 * placeholder.
	 */
	static final Set<String> NOT_IN_YML = Set.of("SPRING_PROFILES_ACTIVE", "JWT_SECRET", "JWT_ISSUER_URI",
			"JWT_JWK_SET_URI", "MONGODB_WRITE_CONCERN", "MONGODB_READ_PREFERENCE", "MONGODB_REQUEST_DEADLINE",
			"MONGODB_SERVER_SELECTION_TIMEOUT", "REDIS_CLUSTER_NODES", "REDIS_SENTINEL_MASTER", "REDIS_SENTINEL_NODES",
			"GATEWAY_ACCESS_LOG", "PLATFORM_SERVICE_HEAP", "PLATFORM_START_TIMEOUT", "PLATFORM_JAVA_OPTS",
			"PLATFORM_AOT");

	/**
	 * {@code ${VAR}} or {@code ${VAR:default}}; a default may itself hold a placeholder.
	 */
	static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)(?::((?:[^{}]|\\$\\{[^}]*})*))?}");

	/**
	 * What a variable is: which services read it, and its defaults in their default
	 * profile.
	 */
	record Variable(Set<String> services, Set<String> defaults) {
	}

	@Test
	void everyVariableOfTheYmlIsInTheTableAndEveryVariableOfTheTableIsRead() throws IOException {
		Map<String, Variable> yml = ymlVariables();
		Set<String> table = tableVariables();
		Set<String> undocumented = new TreeSet<>(yml.keySet());
		undocumented.removeAll(table);
		Set<String> unread = new TreeSet<>(table);
		unread.removeAll(yml.keySet());
		unread.removeAll(NOT_IN_YML);
		assertThat(undocumented).as("variables read by a yml but missing from README's configuration table").isEmpty();
		assertThat(unread).as("variables in README's configuration table that no yml reads").isEmpty();
	}

	@Test
	void eachRowNamesEveryServiceThatReadsItsVariables() throws IOException {
		Map<String, Variable> yml = ymlVariables();
		List<String> wrong = new ArrayList<>();
		for (String row : tableRows()) {
			String usedBy = row.split("\\|")[2];
			if (usedBy.contains("all")) {
				continue;
			}
			for (String variable : variablesOf(row.split("\\|")[1])) {
				Variable read = yml.get(variable);
				if (read == null) {
					continue;
				}
				for (String service : read.services()) {
					if (!usedBy.contains(service)) {
						wrong.add(variable + " is read by " + service + " but the row says: " + usedBy.strip());
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void eachDefaultOfTheYmlIsShownInItsVariablesRow() throws IOException {
		Map<String, Variable> yml = ymlVariables();
		List<String> wrong = new ArrayList<>();
		for (String row : tableRows()) {
			String meaning = row.substring(row.indexOf('|', row.indexOf('|', 1) + 1));
			for (String variable : variablesOf(row.split("\\|")[1])) {
				Variable read = yml.get(variable);
				if (read == null) {
					continue;
				}
				for (String fallback : read.defaults()) {
					if (!fallback.isEmpty() && !fallback.contains("${") && !meaning.contains(fallback)) {
						wrong.add(variable + ": the yml's default '" + fallback + "' is not in: " + row);
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void theParsingFindsWhatItShould() {
		Matcher matcher = PLACEHOLDER.matcher("a: ${ONE} b: ${TWO:2s} c: ${THREE:${other.property}}");
		List<String> found = new ArrayList<>();
		while (matcher.find()) {
			found.add(matcher.group(1) + "=" + matcher.group(2));
		}
		assertThat(found).containsExactly("ONE=null", "TWO=2s", "THREE=${other.property}");
		assertThat(variablesOf("`RATE_LIMIT_VIEWS_REPLENISH/BURST`, `PORT`"))
			.containsExactly("RATE_LIMIT_VIEWS_REPLENISH", "RATE_LIMIT_VIEWS_BURST", "PORT");
	}

	static Map<String, Variable> ymlVariables() throws IOException {
		Map<String, Variable> variables = new TreeMap<>();
		for (Path file : CodeShapeTests.mainSources(".yml")) {
			if (!file.getFileName().toString().startsWith("application")) {
				continue;
			}
			String service = serviceOf(file);
			String[] profiles = Files.readString(file).split("(?m)^---\\s*$");
			for (int i = 0; i < profiles.length; i++) {
				Matcher matcher = PLACEHOLDER.matcher(profiles[i]);
				while (matcher.find()) {
					Variable variable = variables.computeIfAbsent(matcher.group(1),
							name -> new Variable(new TreeSet<>(), new TreeSet<>()));
					variable.services().add(service);
					// The local profile's defaults are conveniences of ./platform, not
					// the
					// product's: only the first (default) section's are documented.
					if (i == 0 && matcher.group(2) != null) {
						variable.defaults().add(matcher.group(2));
					}
				}
			}
		}
		return variables;
	}

	/**
	 * "gateway", "article", "ranking", …: how the table's "used by" column names a
	 * service.
	 */
	static String serviceOf(Path file) {
		String module = CodeShapeTests.ROOT.relativize(file).getName(0).toString();
		return module.replace("-service", "");
	}

	static List<String> tableRows() throws IOException {
		String readme = Files.readString(CodeShapeTests.ROOT.resolve("README.md"));
		int start = readme.indexOf("## Configuration");
		int end = readme.indexOf("\n## ", start + 1);
		List<String> rows = new ArrayList<>();
		for (String line : readme.substring(start, end).split("\n")) {
			if (line.startsWith("| `")) {
				rows.add(line);
			}
		}
		assertThat(rows).as("README's configuration table").hasSizeGreaterThan(10);
		return rows;
	}

	static Set<String> tableVariables() throws IOException {
		Set<String> variables = new TreeSet<>();
		for (String row : tableRows()) {
			variables.addAll(variablesOf(row.split("\\|")[1]));
		}
		return variables;
	}

	/**
	 * {@code `A`, `B`} and the short form {@code `RATE_LIMIT_VIEWS_REPLENISH/BURST`}.
	 */
	static List<String> variablesOf(String cell) {
		List<String> variables = new ArrayList<>();
		Matcher matcher = Pattern.compile("`([A-Z][A-Z0-9_]+)((?:/[A-Z0-9_]+)*)`").matcher(cell);
		while (matcher.find()) {
			String first = matcher.group(1);
			variables.add(first);
			if (!matcher.group(2).isEmpty()) {
				String stem = first.substring(0, first.lastIndexOf('_') + 1);
				for (String suffix : matcher.group(2).substring(1).split("/")) {
					variables.add(stem + suffix);
				}
			}
		}
		return variables;
	}

}
