package com.accesspath.article.seed;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import com.accesspath.article.ArticleIntegrationTest;
import com.accesspath.article.article.Article;
import com.accesspath.article.article.ArticleSeeding;
import com.accesspath.article.config.ArticleProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

@ArticleIntegrationTest
class DemoContentLoaderIntegrationTests {

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

	@Test
	void loadsTheDemoContentOnceAndTheSeedArticleIsFoundLikeTheContractSays() throws Exception {
		this.mongo.dropCollection(Article.class);
		DemoContentLoader loader = new DemoContentLoader(this.properties, this.seeding, this.json);
		loader.run(new DefaultApplicationArguments());
		loader.run(new DefaultApplicationArguments());
		assertThat(this.mongo.count(new Query(), Article.class)).isEqualTo(18);
		for (String filter : new String[] { "q=北约", "q=openai", "category=news", "category=policy" }) {
			this.mvc.perform(get("/api/articles?limit=50&" + filter))
				.andExpect(jsonPath("$.items[*].slug").value(hasItem("openai-nato-classified-networks")));
		}
		this.mvc.perform(get("/api/articles?category=resources&limit=50"))
			.andExpect(jsonPath("$.items[*].slug").value(hasItem("city-bank-rag-customer-service")));
	}

}
