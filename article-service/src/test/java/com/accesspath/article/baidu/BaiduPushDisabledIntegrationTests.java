package com.accesspath.article.baidu;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.accesspath.article.ArticleIntegrationTest;
import com.accesspath.devstack.LocalTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The push is off by default (the shared test context): publishing records nothing, so
 * nothing can be sent.
 */
@ArticleIntegrationTest
class BaiduPushDisabledIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	BaiduPushSender sender;

	@Autowired
	BaiduPushProperties properties;

	@Test
	void publishingRecordsAndSendsNothing() throws Exception {
		assertThat(this.properties.enabled()).isFalse();
		this.mongo.dropCollection(BaiduPushOutbox.COLLECTION);
		this.mvc
			.perform(post("/api/admin/articles")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "不推送", "summary": "摘要", "body": "<p>正文</p>", "category": "tech",
						 "tags": [], "publishAt": "2020-01-01T00:00:00Z"}
						"""))
			.andExpect(status().isCreated());
		assertThat(this.sender.sendDue()).isZero();
		assertThat(this.mongo.count(new Query(), BaiduPushOutbox.COLLECTION)).isZero();
	}

}
