package com.accesspath.article.article;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.accesspath.article.ArticleIntegrationTest;
import com.accesspath.devstack.test.MutableClock;

import static com.accesspath.article.article.ArticleFixtures.articleJson;
import static com.accesspath.article.article.ArticleFixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the article API's integration tests share: one context (cached across them), an
 * empty database per test.
 */
@ArticleIntegrationTest
abstract class ArticleApiTestSupport {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ArticleRepository repository;

	@Autowired
	PublishedArticleCache cache;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void emptyDatabase() {
		this.mongo.dropCollection(Article.class);
		this.mongo.dropCollection(TagCounts.COLLECTION);
		this.repository.createIndexes();
		this.cache.clear();
		this.clock.reset();
	}

	String create(String json) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	String publishedArticle(String title, String category, String... tags) throws Exception {
		String publishAt = this.clock.instant().minusSeconds(1).toString();
		this.clock.advance(Duration.ofSeconds(1));
		return create(articleJson(title, category, List.of(tags), publishAt));
	}

	long storedArticles() {
		return this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), Article.class);
	}

}
