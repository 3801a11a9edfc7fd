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

/** Hostile and malformed requests: 4xx problem+json, nothing stored. */
class ArticleBadInputIntegrationTests extends ArticleApiTestSupport {

	@Nested
	class BadInput {

		@ParameterizedTest
		@ValueSource(strings = { "{\"body\": \"b\", \"category\": \"tech\"}|title",
				"{\"title\": \"t\", \"category\": \"tech\"}|body",
				"{\"title\": \"TOO_LONG\", \"body\": \"b\", \"category\": \"tech\"}|title",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"nope\"}|category",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"news\"}|category",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"tags\": [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}|tags",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"tags\": [\"0123456789012345678901234567890\"]}|tags[0]",
				"{\"title\": {\"$gt\": \"\"}, \"body\": \"b\", \"category\": \"tech\"}|title",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": {\"$ne\": null}}|category",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"tags\": [{\"$gt\": \"\"}]}|tags[0]",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"coverImage\": \"javascript:alert(1)\"}|coverImage",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"admin\": true}|",
				"{\"title\": 5, \"body\": \"b\", \"category\": \"tech\"}|title",
				"{\"title\": \"t\", \"body\": true, \"category\": \"tech\"}|body",
				"{\"title\": \"t\", \"body\": \"b\", \"category\": \"tech\", \"tags\": [1.5]}|tags[0]" })
		void isA400NamingTheFieldAndWritesNothing(String caseAndField) throws Exception {
			String[] parts = caseAndField.split("\\|", -1);
			String json = parts[0].replace("TOO_LONG", "长".repeat(201));
			var result = mvc
				.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
					.contentType(MediaType.APPLICATION_JSON)
					.content(json))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(400));
			if (!parts[1].isEmpty()) {
				result.andExpect(jsonPath("$.errors[*].field").value(hasItem(parts[1])));
			}
			assertThat(storedArticles()).isZero();
		}

		@Test
		void malformedJsonIs400() throws Exception {
			mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\": "))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").exists())
				.andExpect(jsonPath("$.title").exists())
				.andExpect(jsonPath("$.detail").exists())
				.andExpect(jsonPath("$.instance").value("/api/admin/articles"));
		}

		@Test
		void unknownPath404WrongMethod405WrongMediaType415() throws Exception {
			mvc.perform(get("/api/nothing-here"))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(delete("/api/categories"))
				.andExpect(status().isMethodNotAllowed())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			mvc.perform(post("/api/admin/articles").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.contentType(MediaType.TEXT_PLAIN)
				.content("hello"))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

		@Test
		void publicBodyOverTheLimitIs413() throws Exception {
			mvc.perform(post("/api/articles").contentType(MediaType.APPLICATION_JSON).content("x".repeat(70 * 1024)))
				.andExpect(status().isContentTooLarge())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

	}

}
