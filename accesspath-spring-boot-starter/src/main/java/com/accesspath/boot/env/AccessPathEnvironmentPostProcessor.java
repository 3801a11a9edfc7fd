package com.accesspath.boot.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.util.ClassUtils;

/**
 * Gives every service the same technical defaults
 * ({@code accesspath-defaults.properties}: lowest precedence, so any service or
 * environment variable wins), supplies the local JWT secret only to the {@code local} and
 * {@code test} profiles, and refuses to start anywhere else while a secret or database
 * URI is missing or still the local one.
 */
public class AccessPathEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * The signing secret of local runs and tests. Known to everyone, so it is refused
	 * outside those profiles.
	 */
	public static final String LOCAL_JWT_SECRET = "local-only-accesspath-jwt-secret-change-me-0123456789";

	/** Where the technical defaults are listed, one documented line each. */
	static final String DEFAULTS = "/accesspath-defaults.properties";

	static final List<String> CONVENIENCE_PROFILES = List.of("local", "test");

	@Override
	public int getOrder() {
		// After config data (application.yml, profiles) has been loaded.
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(defaults());

		// The short environment variable names of the README, in one place for every
		// service.
		Map<String, Object> fromEnvironment = new LinkedHashMap<>();
		copyIfSet(environment, "JWT_SECRET", "accesspath.security.jwt-secret", fromEnvironment);
		copyIfSet(environment, "JWT_ISSUER_URI", "spring.security.oauth2.resourceserver.jwt.issuer-uri",
				fromEnvironment);
		copyIfSet(environment, "JWT_JWK_SET_URI", "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				fromEnvironment);
		// Redis Cluster or Sentinel instead of REDIS_URL. Not in application.yml as
		// ${...:}: a blank cluster or sentinel property would still switch Boot to that
		// mode.
		copyIfSet(environment, "REDIS_CLUSTER_NODES", "spring.data.redis.cluster.nodes", fromEnvironment);
		copyIfSet(environment, "REDIS_SENTINEL_MASTER", "spring.data.redis.sentinel.master", fromEnvironment);
		copyIfSet(environment, "REDIS_SENTINEL_NODES", "spring.data.redis.sentinel.nodes", fromEnvironment);
		redisUrlForClusterOrSentinel(environment, fromEnvironment);
		if (isConvenienceProfile(environment) && !hasText(environment, "accesspath.security.jwt-secret")
				&& !fromEnvironment.containsKey("accesspath.security.jwt-secret")
				&& !hasText(environment, "spring.security.oauth2.resourceserver.jwt.issuer-uri")
				&& !hasText(environment, "spring.security.oauth2.resourceserver.jwt.jwk-set-uri")) {
			fromEnvironment.put("accesspath.security.jwt-secret", LOCAL_JWT_SECRET);
		}
		if (!fromEnvironment.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("accesspathEnvironment", fromEnvironment));
		}
		if (!isConvenienceProfile(environment)) {
			List<String> problems = productionProblems(environment);
			if (!problems.isEmpty()) {
				throw new IllegalStateException(
						"Refusing to start outside the 'local' profile: " + String.join("; ", problems)
								+ ". Set them through the environment (see README, 'Configuration').");
			}
		}
	}

	/**
	 * The documented defaults of {@value #DEFAULTS}, as the lowest-precedence property
	 * source.
	 */
	static PropertiesPropertySource defaults() {
		try {
			return new PropertiesPropertySource("accesspathDefaults", PropertiesLoaderUtils
				.loadProperties(new ClassPathResource(DEFAULTS, AccessPathEnvironmentPostProcessor.class)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The starter's " + DEFAULTS + " cannot be read", ex);
		}
	}

	static List<String> productionProblems(ConfigurableEnvironment environment) {
		List<String> problems = new ArrayList<>();
		String secret = environment.getProperty("accesspath.security.jwt-secret");
		boolean issuer = hasText(environment, "spring.security.oauth2.resourceserver.jwt.issuer-uri")
				|| hasText(environment, "spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
		if (LOCAL_JWT_SECRET.equals(secret)) {
			problems.add("JWT_SECRET is the published local secret");
		}
		else if ((secret == null || secret.isBlank()) && !issuer) {
			problems.add("no JWT_SECRET and no JWT issuer-uri / jwk-set-uri");
		}
		boolean usesMongo = ClassUtils.isPresent("com.mongodb.client.MongoClient",
				AccessPathEnvironmentPostProcessor.class.getClassLoader())
				&& environment.getProperty("accesspath.mongodb.required", Boolean.class, true);
		if (usesMongo && !hasText(environment, "spring.mongodb.uri")) {
			problems.add("no MONGODB_URI");
		}
		boolean usesRedis = ClassUtils.isPresent("org.springframework.data.redis.connection.RedisConnectionFactory",
				AccessPathEnvironmentPostProcessor.class.getClassLoader())
				&& environment.getProperty("accesspath.redis.required", Boolean.class, true);
		boolean sentinel = hasText(environment, "spring.data.redis.sentinel.master")
				&& hasText(environment, "spring.data.redis.sentinel.nodes");
		if (usesRedis && !hasText(environment, "spring.data.redis.url")
				&& !hasText(environment, "spring.data.redis.host")
				&& !hasText(environment, "spring.data.redis.cluster.nodes") && !sentinel) {
			problems.add("no REDIS_URL (nor REDIS_CLUSTER_NODES, nor REDIS_SENTINEL_MASTER and REDIS_SENTINEL_NODES)");
		}
		return problems;
	}

	/**
	 * Boot refuses a blank {@code spring.data.redis.url} (the services' yml has
	 * {@code url: ${REDIS_URL:}}) even when it then uses the cluster or the sentinels;
	 * with those it only takes credentials and TLS from the URL. So without a
	 * {@code REDIS_URL}, the first node stands in.
	 */
	private static void redisUrlForClusterOrSentinel(ConfigurableEnvironment environment,
			Map<String, Object> fromEnvironment) {
		if (hasText(environment, "spring.data.redis.url")) {
			return;
		}
		Object nodes = fromEnvironment.getOrDefault("spring.data.redis.cluster.nodes",
				environment.getProperty("spring.data.redis.cluster.nodes"));
		if (nodes == null || nodes.toString().isBlank()) {
			nodes = fromEnvironment.getOrDefault("spring.data.redis.sentinel.nodes",
					environment.getProperty("spring.data.redis.sentinel.nodes"));
		}
		if (nodes != null && !nodes.toString().isBlank()) {
			fromEnvironment.put("spring.data.redis.url", "redis://" + nodes.toString().split(",")[0].strip());
		}
	}

	private static void copyIfSet(ConfigurableEnvironment environment, String variable, String property,
			Map<String, Object> target) {
		if (hasText(environment, variable) && !hasText(environment, property)) {
			target.put(property, environment.getProperty(variable));
		}
	}

	private static boolean isConvenienceProfile(ConfigurableEnvironment environment) {
		for (String profile : environment.getActiveProfiles()) {
			if (CONVENIENCE_PROFILES.contains(profile)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasText(ConfigurableEnvironment environment, String key) {
		String value = environment.getProperty(key);
		return value != null && !value.isBlank();
	}

}
