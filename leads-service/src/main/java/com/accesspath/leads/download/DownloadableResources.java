package com.accesspath.leads.download;

import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.service.registry.ImportHttpServices;

import com.accesspath.boot.resilience.Fallbacks;

/**
 * Which resources can be downloaded: a published article of article-service that has a
 * file attached (article-service allows attachments on 资源中心 articles only). Asked per
 * request, through the {@code article-service} circuit breaker: while article-service
 * cannot answer, a download request is refused with 503 and stores nothing.
 */
@Component
class DownloadableResources {

	static final String ARTICLE_SERVICE = "article-service";

	/** A file that may be requested, with the article it belongs to. */
	record Resource(String slug, String title, String attachment) {
	}

	private final ArticleServiceClient articles;

	private final CircuitBreaker breaker;

	private final Fallbacks fallbacks;

	DownloadableResources(ArticleServiceClient articles, CircuitBreakerRegistry breakers, Fallbacks fallbacks) {
		this.articles = articles;
		this.breaker = breakers.circuitBreaker(ARTICLE_SERVICE);
		this.fallbacks = fallbacks;
	}

	/** The resource, or empty when there is no such article or it offers no file. */
	Optional<Resource> find(String slug) {
		ArticleServiceClient.Article article;
		try {
			article = this.breaker.executeSupplier(() -> {
				try {
					return this.articles.article(slug);
				}
				catch (HttpClientErrorException.NotFound ex) {
					// An answer, not a failure: the breaker counts it as a success.
					return null;
				}
			});
		}
		catch (RuntimeException ex) {
			this.fallbacks.degraded(ARTICLE_SERVICE, "download requests refused with 503", ex);
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The download cannot be checked right now; try again shortly.");
		}
		this.fallbacks.recovered(ARTICLE_SERVICE);
		if (article == null || article.attachment() == null || article.attachment().isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new Resource(slug, article.title(), article.attachment()));
	}

	/** Registers the client in group {@value #ARTICLE_SERVICE}. */
	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = ARTICLE_SERVICE, types = ArticleServiceClient.class)
	static class Clients {

	}

}
