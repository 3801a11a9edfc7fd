package com.accesspath.gateway.edgecache;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;

import com.accesspath.gateway.edgecache.EdgeCachePolicy.Variant;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeCachePolicyTests {

	static final EdgeCacheProperties PROPERTIES = new EdgeCacheProperties(true, Duration.ofSeconds(5),
			Duration.ofSeconds(30), Duration.ofMinutes(10), DataSize.ofMegabytes(32), DataSize.ofKilobytes(512),
			Duration.ofSeconds(3), List.of("/api/articles", "/api/articles/{idOrSlug}", "/api/admin/articles"),
			List.of("/articles/{slug}"), List.of("/api/admin/articles/**"), "channel");

	final EdgeCachePolicy policy = new EdgeCachePolicy(PROPERTIES);

	static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	@Nested
	class Requests {

		Variant variant(String path, String... headers) {
			return EdgeCachePolicyTests.this.policy.variantOf(HttpMethod.GET, PathContainer.parsePath(path),
					headers(headers));
		}

		@Test
		void anonymousReadsOfConfiguredPathsInTheirRepresentation() {
			assertThat(variant("/api/articles")).isEqualTo(Variant.JSON);
			assertThat(variant("/api/articles/openai", "Accept", "application/json")).isEqualTo(Variant.JSON);
			assertThat(variant("/api/articles/openai", "Accept", "*/*")).isEqualTo(Variant.JSON);
			assertThat(variant("/api/articles/openai", "Accept", "application/*")).isEqualTo(Variant.JSON);
			assertThat(variant("/articles/openai", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"))
				.isEqualTo(Variant.HTML);
			assertThat(EdgeCachePolicyTests.this.policy.variantOf(HttpMethod.HEAD,
					PathContainer.parsePath("/api/articles"), headers()))
				.isEqualTo(Variant.JSON);
		}

		@Test
		void aClientThatPrefersAnotherRepresentationIsNotACandidate() {
			assertThat(variant("/api/articles", "Accept", "application/yaml")).isNull();
			assertThat(variant("/api/articles", "Accept", "application/yaml, application/json;q=0.5")).isNull();
			assertThat(variant("/api/articles", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8")).isNull();
			assertThat(variant("/articles/openai", "Accept", "application/json")).isNull();
			assertThat(variant("/api/articles", "Accept", "application/json;q=0")).isNull();
			assertThat(variant("/api/articles", "Accept", "no/such/type;;")).isNull();
		}

		@Test
		void anythingThatMakesTheRequestPersonalOrAWriteIsNot() {
			assertThat(variant("/api/articles", "Authorization", "Bearer x")).isNull();
			assertThat(variant("/api/articles", "Cookie", "a=b")).isNull();
			assertThat(variant("/api/articles", "Origin", "https://www.accesspath.cn")).isNull();
			assertThat(EdgeCachePolicyTests.this.policy.variantOf(HttpMethod.POST,
					PathContainer.parsePath("/api/articles"), headers()))
				.isNull();
			assertThat(variant("/api/admin/articles")).as("admin, even when configured").isNull();
			assertThat(variant("/api/views/1")).isNull();
		}

		@Test
		void pathsTheFirewallWouldRefuseOrRewriteAreLeftToTheRoutes() {
			assertThat(variant("/api/%61dmin/articles")).isNull();
			assertThat(variant("/api/admin")).isNull();
			assertThat(variant("/api/articles/a;b")).isNull();
			assertThat(variant("/api/articles/..%2Fadmin")).isNull();
			assertThat(variant("/api//articles")).isNull();
			assertThat(variant("/api/articles/%2e%2e")).isNull();
			assertThat(variant("/api/articles/%E5%8C%97%E7%BA%A6")).as("a Chinese slug").isEqualTo(Variant.JSON);
		}

		@Test
		void theKeyHoldsTheRepresentationPathAndQuery() {
			EdgeCachePolicy policy = EdgeCachePolicyTests.this.policy;
			assertThat(policy.keyOf(Variant.JSON, "/api/articles", "tag=a"))
				.isNotEqualTo(policy.keyOf(Variant.HTML, "/api/articles", "tag=a"))
				.isNotEqualTo(policy.keyOf(Variant.JSON, "/api/articles", "tag=b"))
				.isNotEqualTo(policy.keyOf(Variant.JSON, "/api/articles", null));
		}

	}

	@Nested
	class Answers {

		Duration fresh(Variant variant, int status, String... headers) {
			return EdgeCachePolicyTests.this.policy.freshFor(variant, status, headers(headers));
		}

		@Test
		void sharedAnswersAreKeptForTheShorterOfTheirMaxAgeAndTheTtl() {
			assertThat(
					fresh(Variant.JSON, 200, "Content-Type", "application/json", "Cache-Control", "max-age=2, public"))
				.isEqualTo(Duration.ofSeconds(2));
			assertThat(fresh(Variant.JSON, 200, "Content-Type", "application/json;charset=UTF-8", "Cache-Control",
					"max-age=60"))
				.isEqualTo(Duration.ofSeconds(5));
			assertThat(fresh(Variant.JSON, 200, "Content-Type", "application/json", "Cache-Control",
					"max-age=60, s-maxage=1"))
				.isEqualTo(Duration.ofSeconds(1));
			assertThat(fresh(Variant.HTML, 200, "Content-Type", "text/html;charset=UTF-8", "Cache-Control",
					"public, max-age=3"))
				.isEqualTo(Duration.ofSeconds(3));
		}

		@Test
		void onlyTheKeysRepresentationIsStored() {
			assertThat(fresh(Variant.JSON, 200, "Content-Type", "application/yaml", "Cache-Control", "max-age=5"))
				.isZero();
			assertThat(fresh(Variant.JSON, 200, "Content-Type", "text/html", "Cache-Control", "max-age=5")).isZero();
			assertThat(fresh(Variant.HTML, 200, "Content-Type", "application/json", "Cache-Control", "max-age=5"))
				.isZero();
			assertThat(fresh(Variant.JSON, 200, "Cache-Control", "max-age=5")).as("no type").isZero();
			assertThat(fresh(Variant.JSON, 200, "Content-Type", "application/json", "Content-Encoding", "gzip",
					"Cache-Control", "max-age=5"))
				.isZero();
		}

		@Test
		void personalUnsharedVaryingOrFailedAnswersAreNot() {
			String[] json = { "Content-Type", "application/json" };
			assertThat(fresh(Variant.JSON, 404, "Content-Type", "application/json", "Cache-Control", "max-age=5"))
				.isZero();
			assertThat(fresh(Variant.JSON, 200, json[0], json[1])).as("no max-age").isZero();
			assertThat(fresh(Variant.JSON, 200, json[0], json[1], "Cache-Control", "no-store, max-age=5")).isZero();
			assertThat(fresh(Variant.JSON, 200, json[0], json[1], "Cache-Control", "private, max-age=5")).isZero();
			assertThat(fresh(Variant.JSON, 200, json[0], json[1], "Cache-Control", "no-cache")).isZero();
			assertThat(fresh(Variant.JSON, 200, json[0], json[1], "Cache-Control", "max-age=5", "Set-Cookie", "a=b"))
				.isZero();
			assertThat(
					fresh(Variant.JSON, 200, json[0], json[1], "Cache-Control", "max-age=5", "Vary", "Accept-Language"))
				.isZero();
			assertThat(
					fresh(Variant.JSON, 200, json[0], json[1], "Cache-Control", "max-age=5", "Vary", "Origin, Accept"))
				.isEqualTo(Duration.ofSeconds(5));
			assertThat(fresh(Variant.JSON, 200, json[0], json[1], "Cache-Control", "max-age=junk")).isZero();
		}

		@Test
		void staleServingIsForAnswersThatDoNotForbidIt() {
			EdgeCachePolicy policy = EdgeCachePolicyTests.this.policy;
			assertThat(policy.allowsStale(headers("Cache-Control", "max-age=5, public"))).isTrue();
			assertThat(policy.allowsStale(headers("Cache-Control", "max-age=5, must-revalidate"))).isFalse();
			assertThat(policy.allowsStale(headers("Cache-Control", "public", "Cache-Control", "proxy-revalidate")))
				.isFalse();
		}

	}

}
