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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.accesspath.article.ArticleIntegrationTest;
import com.accesspath.article.article.Article;
import com.accesspath.article.article.ArticleSeeding;
import com.accesspath.article.config.ArticleProperties;
import com.accesspath.article.site.SiteSeeding;
import com.accesspath.devstack.LocalTokens;
import com.accesspath.devstack.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
	SiteSeeding siteSeeding;

	@Autowired
	JsonMapper json;

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	DemoCovers covers;

	@Test
	void loadsTheDemoContentOnceAndTheSeedArticleIsFoundLikeTheContractSays() throws Exception {
		this.mongo.dropCollection(Article.class);
		DemoContentLoader loader = loader();
		loader.run(new DefaultApplicationArguments());
		loader.run(new DefaultApplicationArguments());
		assertThat(this.mongo.count(new Query(), Article.class)).isEqualTo(19);
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
		// Every demo article has a cover of its own from the media library, served with
		// its renditions.
		assertThat(all).allSatisfy(article -> assertThat(article.coverImage()).matches("/media/[0-9a-f]{32}/.+\\.jpg"));
		assertThat(all.stream().map(Article::coverImage).distinct()).hasSize(all.size());
		byte[] cover = this.mvc.perform(get(nato.coverImage() + "?w=640"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(cover));
		assertThat(image.getWidth()).isEqualTo(640);
		assertThat(image.getHeight()).isEqualTo(360);
		// The guide the site's /guide page offers, with its file.
		this.mvc.perform(get("/api/articles/ai-landing-guide"))
			.andExpect(jsonPath("$.category.name").value("白皮书"))
			.andExpect(jsonPath("$.attachment").value("ai-landing-guide.pdf"));
	}

	@Test
	void loadsTheSitesSettingsAndPagesAndNeverOverwritesWhatAnEditorChanged() throws Exception {
		this.mongo.dropCollection("site");
		this.mongo.dropCollection("sitePages");
		loader().run(new DefaultApplicationArguments());
		assertThat(this.mongo.getCollection("sitePages").countDocuments()).isEqualTo(6);
		this.mvc.perform(get("/api/site"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("前途科技"))
			.andExpect(jsonPath("$.legalName").value("前途国际科技咨询(北京)有限公司"))
			.andExpect(jsonPath("$.icp").value("京ICP备17045010号-1"))
			.andExpect(jsonPath("$.publicSecurityRecord").value("京公网安备 11010502033860号"))
			.andExpect(jsonPath("$.wechat.account").value("前途科技AI"))
			.andExpect(jsonPath("$.wechat.qrImage").value(containsString("/assets/")))
			.andExpect(jsonPath("$.contact.address").value(containsString("北京市")));
		for (String slug : new String[] { "insights", "services", "about", "contact", "privacy", "terms" }) {
			this.mvc.perform(get("/api/site/pages/" + slug))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.slug").value(slug))
				.andExpect(jsonPath("$.body").value(containsString("<p>")));
		}
		this.mvc.perform(get("/api/site/pages/privacy"))
			.andExpect(jsonPath("$.body").value(containsString("《个人信息保护法》")))
			.andExpect(jsonPath("$.body").value(containsString("诊断答卷")))
			.andExpect(jsonPath("$.body").value(containsString("订阅")))
			.andExpect(jsonPath("$.body").value(containsString("阅读计数")));
		this.mvc.perform(get("/api/site/pages/about"))
			.andExpect(jsonPath("$.body").value(containsString("前途科技(英文品牌 AccessPath)")));

		// An editor changes a page and an administrator the settings; loading again keeps
		// both.
		this.mvc
			.perform(put("/api/admin/site/pages/about")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\": \"关于我们\", \"body\": \"<p>编辑改过的介绍</p>\"}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(put("/api/admin/site")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("ADMIN"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"前途科技 AccessPath\", \"legalName\": \"前途国际科技咨询(北京)有限公司\", "
						+ "\"wechat\": {}, \"contact\": {}}"))
			.andExpect(status().isOk());
		this.mongo.dropCollection(Article.class);
		loader().run(new DefaultApplicationArguments());
		assertThat(this.mongo.getCollection("sitePages").countDocuments()).isEqualTo(6);
		this.mvc.perform(get("/api/site/pages/about"))
			.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
			.andExpect(jsonPath("$.body").value("<p>编辑改过的介绍</p>"));
		this.mvc.perform(get("/api/site"))
			.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
			.andExpect(jsonPath("$.name").value("前途科技 AccessPath"));
		this.mongo.dropCollection("site");
		this.mongo.dropCollection("sitePages");
	}

	private DemoContentLoader loader() {
		return new DemoContentLoader(this.properties, this.seeding, this.siteSeeding, this.json, this.clock,
				this.covers);
	}

}
