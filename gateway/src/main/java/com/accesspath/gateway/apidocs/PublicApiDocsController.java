package com.accesspath.gateway.apidocs;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.accesspath.boot.problem.ProblemJson;
import com.accesspath.boot.problem.Problems;
import com.accesspath.gateway.apidocs.PublicApiDocument.Header;
import com.accesspath.gateway.apidocs.PublicApiDocument.ServiceDocument;
import com.accesspath.gateway.config.GatewayProperties;

/**
 * {@code GET /v3/api-docs/public}: the one API document for clients (mobile teams
 * generate their code from it), merged from the services' own documents
 * ({@link PublicApiDocument}). Merged at most once per {@code refresh} however many ask;
 * while a service cannot be asked, the last merged document is served, and before there
 * is one the answer is a 503.
 */
@RestController
class PublicApiDocsController {

	private static final Logger logger = LoggerFactory.getLogger(PublicApiDocsController.class);

	private static final String DESCRIPTION = """
			AccessPath 平台的公共 API：AI 资讯、资源中心、热榜、企业 AI 成熟度诊断、订阅与后台管理。\
			所有客户端只经过网关。时间为 ISO-8601 UTC，文本为 UTF-8。\
			错误一律是 RFC 9457 的 application/problem+json；/api/admin/** 需要 Bearer JWT。""";

	private record Merged(byte[] body, String etag) {
	}

	private final PublicApiDocsProperties properties;

	private final GatewayProperties gateway;

	private final JsonMapper json;

	private final WebClient client = WebClient.builder()
		.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
		.build();

	private final AtomicReference<Merged> lastMerged = new AtomicReference<>();

	private final Mono<Merged> merged;

	private final RouteDefinitionLocator routes;

	PublicApiDocsController(PublicApiDocsProperties properties, GatewayProperties gateway, JsonMapper json,
			RouteDefinitionLocator routes) {
		this.properties = properties;
		this.gateway = gateway;
		this.json = json;
		this.routes = routes;
		// One merge shared by every request that arrives while it runs, kept for
		// `refresh`; a failed merge is not kept.
		this.merged = Mono.defer(this::merge)
			.cache((merged) -> properties.refresh(), (failure) -> Duration.ZERO, () -> Duration.ZERO);
	}

	@GetMapping("/v3/api-docs/public")
	Mono<ResponseEntity<byte[]>> publicApi(
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return this.merged.onErrorResume((failure) -> {
			Merged last = this.lastMerged.get();
			logger.warn("The public API document could not be merged ({}); {}", failure.getMessage(),
					(last != null) ? "serving the last one" : "none yet");
			return (last != null) ? Mono.just(last) : Mono.empty();
		}).map((merged) -> {
			if (merged.etag().equals(ifNoneMatch)) {
				return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(merged.etag()).<byte[]>build();
			}
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.eTag(merged.etag())
				.header(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
				.body(merged.body());
		})
			.defaultIfEmpty(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ProblemJson.bytes(HttpStatus.SERVICE_UNAVAILABLE,
						"The services' API documents cannot be read right now.", "/v3/api-docs/public")));
	}

	private Mono<Merged> merge() {
		Mono<List<ServiceDocument>> documents = Flux.fromIterable(this.properties.services())
			.flatMapSequential(this::documentOf)
			.collectList();
		return Mono.zip(documents, rateLimited()).map((both) -> {
			Header header = new Header("AccessPath 平台公共 API", this.properties.version(), DESCRIPTION,
					this.properties.serverUrl());
			byte[] body = this.json.writeValueAsBytes(PublicApiDocument.merge(header, both.getT1(), both.getT2()));
			Merged merged = new Merged(body, "\"" + DigestUtils.md5DigestAsHex(body) + "\"");
			this.lastMerged.set(merged);
			return merged;
		});
	}

	/**
	 * Whether an operation is rate-limited here: a route with the {@code ClientRateLimit}
	 * filter (its {@code Path} patterns and {@code Method}s), or a direct write.
	 */
	private Mono<BiPredicate<String, String>> rateLimited() {
		Flux<BiPredicate<String, String>> directWrites = Flux.fromIterable(this.gateway.direct().writes())
			.map((write) -> matching(List.of("POST"), List.of(write.path())));
		Flux<BiPredicate<String, String>> limitedRoutes = this.routes.getRouteDefinitions()
			.filter((route) -> route.getFilters()
				.stream()
				.anyMatch((filter) -> "ClientRateLimit".equals(filter.getName())))
			.map((route) -> matching(argumentsOf(route, "Method"), argumentsOf(route, "Path")));
		return Flux.concat(directWrites, limitedRoutes)
			.collectList()
			.map((limited) -> (method, path) -> limited.stream().anyMatch((test) -> test.test(method, path)));
	}

	private static List<String> argumentsOf(RouteDefinition route, String predicate) {
		return route.getPredicates()
			.stream()
			.filter((definition) -> predicate.equals(definition.getName()))
			.flatMap((definition) -> definition.getArgs().values().stream())
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.toList();
	}

	/** Any method when none is named. */
	private static BiPredicate<String, String> matching(List<String> methods, List<String> patterns) {
		List<PathPattern> parsed = patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
		return (method, path) -> (methods.isEmpty() || methods.stream().anyMatch(method::equalsIgnoreCase))
				&& parsed.stream().anyMatch((pattern) -> pattern.matches(PathContainer.parsePath(path)));
	}

	private Mono<ServiceDocument> documentOf(String service) {
		return this.client.get()
			.uri(this.gateway.backend(service).url().resolve("/v3/api-docs"))
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToMono(byte[].class)
			.timeout(this.properties.timeout())
			.map((bytes) -> new ServiceDocument(service, this.json.readTree(bytes)));
	}

}
