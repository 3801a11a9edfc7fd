package com.accesspath.article.seed;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import com.accesspath.article.article.ArticleSeeding;
import com.accesspath.article.config.ArticleProperties;
import com.accesspath.article.site.SiteSeeding;
import com.accesspath.article.site.SiteSeeding.DemoPage;
import com.accesspath.article.site.SiteSeeding.DemoSettings;

/**
 * Loads the demo content when {@code accesspath.article.seed.enabled} (the {@code local}
 * profile): articles, and the site's settings and pages. Idempotent: an article or a page
 * whose slug exists, and settings that exist, are left alone (an editor's changes
 * survive), so restarts and several replicas add nothing twice.
 */
@Component
@ConditionalOnBooleanProperty("accesspath.article.seed.enabled")
class DemoContentLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoContentLoader.class);

	/** Who the demo content says uploaded it. */
	static final String DEMO_EDITOR = "AccessPath 编辑部";

	record DemoContent(List<DemoArticle> articles) {
	}

	record DemoSiteContent(DemoSettings settings, List<DemoPage> pages) {
	}

	record DemoArticle(String slug, String title, String category, List<String> tags, String author,
			Instant publishedAt, String summary, String body, List<ArticleSeeding.DemoSource> sources,
			String coverImage, String attachment) {
	}

	private final ArticleProperties properties;

	private final ArticleSeeding seeding;

	private final SiteSeeding siteSeeding;

	private final JsonMapper json;

	private final Clock clock;

	private final DemoCovers covers;

	DemoContentLoader(ArticleProperties properties, ArticleSeeding seeding, SiteSeeding siteSeeding, JsonMapper json,
			Clock clock, DemoCovers covers) {
		this.covers = covers;
		this.properties = properties;
		this.seeding = seeding;
		this.siteSeeding = siteSeeding;
		this.clock = clock;
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		DemoContent content;
		try (InputStream in = this.properties.seed().location().getInputStream()) {
			content = this.json.readValue(in, DemoContent.class);
		}
		Duration shift = shift(content.articles());
		int added = 0;
		for (DemoArticle article : content.articles()) {
			if (this.seeding.exists(article.slug())) {
				continue;
			}
			Instant publishedAt = (article.publishedAt() != null) ? article.publishedAt().plus(shift) : null;
			String cover = (article.coverImage() != null) ? article.coverImage()
					: this.covers.coverFor(article.slug(), article.category());
			if (this.seeding.addIfAbsent(article.slug(), article.title(), article.summary(), article.body(),
					article.category(), article.tags(), article.author(), article.sources(), cover, publishedAt,
					article.attachment())) {
				added++;
			}
		}
		log.info("Demo content: {} of {} articles added", added, content.articles().size());
		loadSite();
	}

	private void loadSite() throws IOException {
		DemoSiteContent site;
		try (InputStream in = this.properties.seed().siteLocation().getInputStream()) {
			site = this.json.readValue(in, DemoSiteContent.class);
		}
		boolean settings = this.siteSeeding.addSettingsIfAbsent(site.settings());
		long pages = site.pages().stream().filter(this.siteSeeding::addPageIfAbsent).count();
		log.info("Demo site: settings {}, {} of {} pages added", settings ? "added" : "kept", pages,
				site.pages().size());
	}

	private Duration shift(List<DemoArticle> articles) {
		if (!this.properties.seed().recent()) {
			return Duration.ZERO;
		}
		return articles.stream()
			.map(DemoArticle::publishedAt)
			.filter(Objects::nonNull)
			.max(Instant::compareTo)
			.map(newest -> Duration.between(newest, this.clock.instant().minus(Duration.ofHours(1))))
			.orElse(Duration.ZERO);
	}

}
