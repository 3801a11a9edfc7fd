package com.accesspath.leads.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.stereotype.Component;

import com.accesspath.boot.resilience.Fallbacks;

/**
 * The articles a report recommends: the newest cases of the company's industry (else of
 * all industries) and the newest reports tagged for its weakest dimensions (else any),
 * from article-service's public API. Lists are reused for other reports for
 * {@code accesspath.leads.report.resources.ttl}, so a report rarely waits for
 * article-service; when it cannot answer (the {@code article-service} breaker, time
 * limits in {@code spring.http.serviceclient.article-service}) the report comes without
 * articles, never with an error.
 */
@Component
public class ReportResources {

	static final String ARTICLE_SERVICE = "article-service";

	private final ArticleServiceClient articles;

	private final ReportProperties.Resources settings;

	private final CircuitBreaker breaker;

	private final Fallbacks fallbacks;

	private final Cache<String, List<ArticleSummary>> lists;

	private final Cache<String, Groups> taxonomy;

	/** The keys of the two groups, as article-service's taxonomy has them. */
	record Groups(ArticleServiceClient.Category cases, ArticleServiceClient.Category reports) {
	}

	ReportResources(ArticleServiceClient articles, ReportProperties properties, CircuitBreakerRegistry breakers,
			Fallbacks fallbacks) {
		this.articles = articles;
		this.settings = properties.resources();
		this.breaker = breakers.circuitBreaker(ARTICLE_SERVICE);
		this.fallbacks = fallbacks;
		this.lists = Caffeine.newBuilder().maximumSize(500).expireAfterWrite(this.settings.ttl()).build();
		this.taxonomy = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(this.settings.taxonomyTtl()).build();
	}

	/**
	 * Cases first, then reports, each article once; empty when article-service cannot
	 * answer.
	 */
	public List<ArticleSummary> forReport(String industry, List<String> tags) {
		try {
			Groups groups = groups();
			Map<String, ArticleSummary> found = new LinkedHashMap<>();
			if (groups.cases() != null && this.settings.cases() > 0) {
				Optional<ArticleServiceClient.Category> leaf = groups.cases()
					.childrenOrNone()
					.stream()
					.filter(child -> child.key().equals(industry))
					.findFirst();
				List<ArticleSummary> cases = leaf.isPresent() ? list(leaf.get().key(), null, this.settings.cases())
						: List.of();
				if (cases.isEmpty()) {
					cases = list(groups.cases().key(), null, this.settings.cases());
				}
				cases.forEach(article -> found.putIfAbsent(article.id(), article));
			}
			if (groups.reports() != null && this.settings.reports() > 0) {
				List<ArticleSummary> reports = new ArrayList<>();
				// The first tag with articles only: a report's time is not spent on many
				// look-ups.
				for (String tag : tags) {
					reports = list(groups.reports().key(), tag, this.settings.reports());
					if (!reports.isEmpty()) {
						break;
					}
				}
				if (reports.size() < this.settings.reports()) {
					reports = new ArrayList<>(reports);
					reports.addAll(list(groups.reports().key(), null, this.settings.reports()));
				}
				reports.stream()
					.filter(article -> !found.containsKey(article.id()))
					.distinct()
					.limit(this.settings.reports())
					.forEach(article -> found.put(article.id(), article));
			}
			this.fallbacks.recovered(ARTICLE_SERVICE);
			return List.copyOf(found.values());
		}
		catch (RuntimeException ex) {
			this.fallbacks.degraded(ARTICLE_SERVICE, "reports without recommended articles", ex);
			return List.of();
		}
	}

	/** Forgets every list and the taxonomy: the next report asks article-service. */
	void forget() {
		this.lists.invalidateAll();
		this.taxonomy.invalidateAll();
	}

	private Groups groups() {
		return this.taxonomy.get("groups", key -> {
			List<ArticleServiceClient.Category> tree = call(this.articles::categories);
			return new Groups(group(tree, this.settings.casesGroup()), group(tree, this.settings.reportsGroup()));
		});
	}

	/** The group (not a leaf: a leaf may bear a group's name) with that name. */
	private static ArticleServiceClient.Category group(List<ArticleServiceClient.Category> tree, String name) {
		for (ArticleServiceClient.Category category : (tree != null) ? tree
				: List.<ArticleServiceClient.Category>of()) {
			if (!category.childrenOrNone().isEmpty()) {
				if (name.equals(category.name())) {
					return category;
				}
				ArticleServiceClient.Category inside = group(category.children(), name);
				if (inside != null) {
					return inside;
				}
			}
		}
		return null;
	}

	private List<ArticleSummary> list(String category, String tag, int limit) {
		return this.lists.get(category + '\u0000' + tag + '\u0000' + limit, key -> {
			ArticleServiceClient.ArticlePage page = call(() -> this.articles.articles(category, tag, limit));
			return (page == null || page.items() == null) ? List.of() : List.copyOf(page.items());
		});
	}

	private <T> T call(Supplier<T> call) {
		return this.breaker.executeSupplier(call);
	}

}
