package com.accesspath.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table and the services' application.yml say the same: every
 * environment variable a yml reads is in the table, every variable of the table is read
 * somewhere, and where a row names one variable the table shows its default as the yml
 * has it.
 */
class ConfigurationTableTests {

	/**
	 * Read by Spring Boot, the starter, the gateway's main (Reactor Netty reads its
	 * access log switch at start) or ./platform rather than by a yml placeholder.
	 */
	static final Set<String> NOT_IN_YML = Set.of("SPRING_PROFILES_ACTIVE", "JWT_SECRET", "JWT_ISSUER_URI",
			"JWT_JWK_SET_URI", "SPRING_MAIL_HOST", "SPRING_MAIL_PORT", "GATEWAY_ACCESS_LOG", "PLATFORM_SERVICE_HEAP",
			"PLATFORM_START_TIMEOUT", "PLATFORM_JAVA_OPTS");

	static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+):([^}]*)}");

	@Test
	void everyVariableOfTheYmlIsInTheTableAndEveryVariableOfTheTableIsRead() throws IOException {
		Map<String, Set<String>> yml = ymlVariables();
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
	void aRowOfOneVariableShowsTheDefaultOfTheYml() throws IOException {
		Map<String, Set<String>> yml = ymlVariables();
		List<String> wrong = new ArrayList<>();
		for (String row : tableRows()) {
			List<String> variables = variablesOf(row.split("\\|")[1]);
			if (variables.size() != 1 || !yml.containsKey(variables.get(0))) {
				continue;
			}
			for (String fallback : yml.get(variables.get(0))) {
				if (!fallback.isEmpty() && !row.contains("`" + fallback + "`")) {
					wrong.add(variables.get(0) + ": the yml's default `" + fallback + "` is not in: " + row);
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	static Map<String, Set<String>> ymlVariables() throws IOException {
		Map<String, Set<String>> variables = new LinkedHashMap<>();
		for (Path file : CodeShapeTests.mainSources(".yml")) {
			if (!file.getFileName().toString().startsWith("application")) {
				continue;
			}
			// Only the default profile's section: the local profile's defaults are
			// conveniences, not the product's.
			String defaults = Files.readString(file).split("(?m)^---\\s*$")[0];
			Matcher matcher = PLACEHOLDER.matcher(defaults);
			while (matcher.find()) {
				variables.computeIfAbsent(matcher.group(1), name -> new TreeSet<>()).add(matcher.group(2));
			}
		}
		return variables;
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
	 * {@code `A`, `B`} and the short forms {@code `RATE_LIMIT_VIEWS_REPLENISH/BURST`} and
	 * {@code `A_TIMEOUT` … `D_TIMEOUT`}.
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
