package com.accesspath.article.seed;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

import com.accesspath.article.ArticleIntegrationTest;
import com.accesspath.article.article.Article;
import com.accesspath.article.article.ArticleSeeding;
import com.accesspath.article.config.ArticleProperties;
import com.accesspath.devstack.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

@ArticleIntegrationTest
class DemoContentLoaderIntegrationTests {

	/** Two articles' dates as the seed file has them. */
	static final String SEED_NATO = "2026-03-04T02:00:00Z";

	static final String SEED_COLOSSAL = "2026-03-05T08:00:00Z";

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ArticleProperties properties;

	@Autowired
	ArticleSeeding seeding;

	@Autowired
	JsonMapper json;

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Test
	void loadsTheDemoContentOnceAndTheSeedArticleIsFoundLikeTheContractSays() throws Exception {
		this.mongo.dropCollection(Article.class);
		DemoContentLoader loader = new DemoContentLoader(this.properties, this.seeding, this.json, this.clock);
		loader.run(new DefaultApplicationArguments());
		loader.run(new DefaultApplicationArguments());
		assertThat(this.mongo.count(new Query(), Article.class)).isEqualTo(18);
		// Dated as today's news: the newest an hour before the load, the seed's order and
		// spacing kept.
		List<Article> all = this.mongo.findAll(Article.class);
		Instant newest = all.stream().map(Article::publishedAt).max(Instant::compareTo).orElseThrow();
		assertThat(newest).isCloseTo(this.clock.instant().minus(Duration.ofHours(1)), within(1, ChronoUnit.MILLIS));
		Article nato = all.stream()
			.filter(a -> a.slug().equals("openai-nato-classified-networks"))
			.findFirst()
			.orElseThrow();
		Article colossal = all.stream()
			.filter(a -> a.slug().equals("uae-colossal-genetic-ark"))
			.findFirst()
			.orElseThrow();
		assertThat(Duration.between(nato.publishedAt(), colossal.publishedAt()))
			.isEqualTo(Duration.between(Instant.parse(SEED_NATO), Instant.parse(SEED_COLOSSAL)));
		for (String filter : new String[] { "q=北约", "q=openai", "category=news", "category=policy" }) {
			this.mvc.perform(get("/api/articles?limit=50&" + filter))
				.andExpect(jsonPath("$.items[*].slug").value(hasItem("openai-nato-classified-networks")));
		}
		this.mvc.perform(get("/api/articles?category=resources&limit=50"))
			.andExpect(jsonPath("$.items[*].slug").value(hasItem("city-bank-rag-customer-service")));
	}

}
