package com.accesspath.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.accesspath.devstack.LocalTokens;
import com.accesspath.devstack.test.RealDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes of API.md reach their owners (local HTTP stubs that echo what they received);
 * the rest is closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RealDatabases
class GatewayRoutingIntegrationTests {

	static final Map<String, HttpServer> backends = Map.of("article", echo("article"), "ranking", echo("ranking"),
			"leads", echo("leads"), "newsletter", echo("newsletter"), "site", echo("site"));

	static HttpServer echo(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
				byte[] body = ("{\"service\":\"" + name + "\",\"path\":\"" + exchange.getRequestURI().getPath()
						+ "\",\"requestId\":\"" + requestId + "\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void backendUrls(DynamicPropertyRegistry registry) {
		backends.forEach((name, server) -> registry.add(name.toUpperCase() + "_SERVICE_URL",
				() -> "http://127.0.0.1:" + server.getAddress().getPort()));
	}

	@AfterAll
	static void stopBackends() {
		backends.values().forEach(server -> server.stop(0));
	}

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest
	@CsvSource({ "/api/categories,article", "/api/articles?q=x,article", "/api/articles/some-slug,article",
			"/api/tags,article", "/api/views/abc,ranking", "/api/rankings/hot,ranking", "/api/rankings/tags,ranking",
			"/api/diagnosis/questionnaire,leads", "/api/diagnosis/stats,leads",
			"/api/subscriptions/preferences,newsletter", "/api/wechat/callback,newsletter", "/api/site,article",
			"/api/site/pages/about,article", "/api/site/pages/privacy?x=1,article", "/api/pages/home,site",
			"/api/pages/article/some-slug,site", "/robots.txt,site", "/sitemap.xml,site",
			"/sitemaps/articles-1.xml,site", "/feed.xml,site", "/category/news/feed.xml,site",
			"/tags/RAG/feed.xml,site", "/,site", "/articles/openai-nato,site", "/category/news?cursor=abc,site",
			"/tags/%E5%A4%A7%E6%A8%A1%E5%9E%8B,site", "/search?q=x,site", "/about,site", "/contact,site", "/guide,site",
			"/diagnosis/report/abc?token=t,site", "/subscriptions/confirm?token=t,site", "/console/leads/123,site",
			"/console/leads/stats,site", "/assets/site-0123456789abcdef.css,site",
			"/webjars/echarts/5.3.1/dist/echarts.esm.min.js,site", "/favicon.ico,site", "/wp-admin,site",
			"/api/downloads/q3Vb0yqH8k2mXlJr4nT6cW1sZpA9dEfGhIjKlMnOpQr,leads", "/media/ai-landing-guide.pdf,article",
			"/media/3f2a9c0d1e4b5a6978c0d1e24b5a6978/factory-line.jpg,article",
			"/resources/ai-landing-guide/download,site" })
	void publicPathsReachTheirOwner(String path, String owner) throws Exception {
		HttpResponse<String> response = get(path, null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"service\":\"" + owner + "\"");
	}

	@ParameterizedTest
	@CsvSource({ "/api/admin/articles,EDITOR,article", "/api/admin/leads,SALES,leads",
			"/api/admin/newsletter/stats,EDITOR,newsletter", "/api/admin/leads,ADMIN,leads",
			"/api/admin/site,ADMIN,article", "/api/admin/site/pages,ADMIN,article",
			"/api/admin/site/pages/about,ADMIN,article", "/api/admin/site/pages/about,EDITOR,article",
			"/api/admin/media,EDITOR,article", "/api/admin/media,ADMIN,article" })
	void adminPathsNeedTheirRole(String path, String role, String owner) throws Exception {
		assertThat(get(path, null).statusCode()).isEqualTo(401);
		assertThat(get(path, "not-a-token").statusCode()).isEqualTo(401);
		String wrongRole = path.contains("leads") ? "EDITOR" : "SALES";
		HttpResponse<String> forbidden = get(path, LocalTokens.local().issue(wrongRole));
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		HttpResponse<String> allowed = get(path, LocalTokens.local().issue(role));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.body()).contains("\"service\":\"" + owner + "\"");
	}

	@Test
	void theBounceWebhooksSecretPassesAsABearerTokenWhileOtherPathsStillCheckTheirs() throws Exception {
		HttpRequest webhook = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/subscriptions/bounces"))
			.header("Authorization", "Bearer provider-shared-secret-not-a-jwt")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("[]"))
			.build();
		HttpResponse<String> response = this.http.send(webhook, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"service\":\"newsletter\"");
		assertThat(get("/api/subscriptions/preferences", "provider-shared-secret-not-a-jwt").statusCode())
			.isEqualTo(401);
	}

	@Test
	void siteSettingsAreForAdminsOnlyWhileEditorsMaintainTheSitePages() throws Exception {
		String editor = LocalTokens.local().issue("EDITOR");
		assertThat(get("/api/admin/site", editor).statusCode()).isEqualTo(403);
		assertThat(get("/api/admin/site/pages/about", editor).statusCode()).isEqualTo(200);
	}

	@Test
	void pathsOutsideTheContractAndServicesActuatorsAreUnreachable() throws Exception {
		for (String path : List.of("/api/nothing", "/actuator/env", "/api/admin/other", "/api/admin/site-x")) {
			HttpResponse<String> response = get(path, LocalTokens.local().issue("ADMIN"));
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).doesNotContain("\"service\"");
		}
		HttpResponse<String> unknown = get("/api/nothing", null);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
	}

	@Test
	void swaggerUisWebJarStaysTheGatewaysOwn() throws Exception {
		HttpResponse<String> response = get("/webjars/swagger-ui/index.html", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("swagger").doesNotContain("\"service\"");
	}

	@Test
	void onlyReadsReachTheSite() throws Exception {
		HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/about"))
			.POST(HttpRequest.BodyPublishers.ofString("x=1"))
			.build();
		HttpResponse<String> response = this.http.send(post, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isIn(404, 405);
		assertThat(response.body()).doesNotContain("\"service\"");
	}

}
