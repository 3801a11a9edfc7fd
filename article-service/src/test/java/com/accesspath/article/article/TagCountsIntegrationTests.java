package com.accesspath.article.article;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.accesspath.article.article.ArticleFixtures.articleJson;
import static com.accesspath.article.article.ArticleFixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/tags} from counts kept as articles change (issue #21: no more reading
 * every visible article every 10 s): edits, archiving and scheduled publication move
 * them; counting again, concurrently or after a cut-off count never counts twice.
 */
class TagCountsIntegrationTests extends ArticleApiTestSupport {

	@Autowired
	TagCounts tagCounts;

	@Autowired
	ArticleService articles;

	@Test
	void editsAndArchivingMoveTheCountsAtOnce() throws Exception {
		String first = publishedArticle("一", "tech", "大模型", "Agent");
		String second = publishedArticle("二", "tech", "大模型");
		assertThat(counts()).containsExactly("大模型=2", "Agent=1");

		this.mvc
			.perform(put("/api/admin/articles/" + first).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content(articleJson("一", "tech", List.of("RAG"), null)))
			.andExpect(status().isOk());
		assertThat(counts()).containsExactly("RAG=1", "大模型=1");

		this.mvc.perform(delete("/api/admin/articles/" + second).header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
			.andExpect(status().isNoContent());
		assertThat(counts()).containsExactly("RAG=1");
	}

	@Test
	void aScheduledArticleIsCountedWhenItTurnsPublicNotBefore() throws Exception {
		publishedArticle("一", "tech", "大模型");
		create(articleJson("预定", "tech", List.of("具身智能"), this.clock.instant().plus(Duration.ofHours(1)).toString()));
		this.tagCounts.countDue();
		assertThat(counts()).containsExactly("大模型=1");

		this.clock.advance(Duration.ofHours(2));
		this.tagCounts.countDue();

		assertThat(counts()).containsExactly("具身智能=1", "大模型=1");
	}

	@Test
	void countingOneArticleManyTimesAtOnceCountsItOnce() throws Exception {
		String id = publishedArticle("一", "tech", "大模型", "Agent");
		List<Callable<Void>> counts = IntStream.range(0, 16).<Callable<Void>>mapToObj((i) -> () -> {
			this.tagCounts.markDue(id);
			this.tagCounts.count(id);
			return null;
		}).toList();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			for (var result : threads.invokeAll(counts)) {
				result.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		this.tagCounts.countDue();

		assertThat(counts()).containsExactlyInAnyOrder("大模型=1", "Agent=1");
		assertThat(this.mongo.count(Query.query(Criteria.where(TagCounts.DUE).exists(true)), Article.class)).isZero();
	}

	@Test
	void aCountCutOffBeforeItFinishedIsRepeatedWithoutCountingTwice() throws Exception {
		String id = publishedArticle("一", "tech", "大模型", "Agent");
		// As if a count had added the article to 大模型 and stopped there: it is still
		// due, and one tag document already lists it.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is("Agent")),
				new Update().pull("articleIds", id).inc("articles", -1), TagCounts.COLLECTION);
		this.tagCounts.markDue(id);

		this.tagCounts.countDue();

		assertThat(counts()).containsExactlyInAnyOrder("大模型=1", "Agent=1");
	}

	@Test
	void articlesNeverCountedAreCountedAfterAStart() throws Exception {
		publishedArticle("一", "tech", "大模型");
		// Data from before tag counts were kept: no marks, no counts.
		this.mongo.updateMulti(new Query(), new Update().unset(TagCounts.COUNTED).unset(TagCounts.DUE), Article.class);
		this.mongo.dropCollection(TagCounts.COLLECTION);

		this.tagCounts.afterPropertiesSet();
		this.tagCounts.countDue();

		assertThat(counts()).containsExactly("大模型=1");
	}

	private List<String> counts() {
		this.cache.clear();
		List<String> fromDocuments = this.mongo.findAll(Document.class, TagCounts.COLLECTION)
			.stream()
			.filter((tag) -> tag.get("articles", Number.class).longValue() != 0)
			.map((tag) -> tag.getString("_id") + "=" + tag.getList("articleIds", String.class).size())
			.sorted()
			.toList();
		List<String> served = this.articles.tags(100).stream().map((tag) -> tag.tag() + "=" + tag.articles()).toList();
		// What is served agrees with the lists of ids behind it.
		assertThat(served).containsExactlyInAnyOrderElementsOf(fromDocuments);
		return served;
	}

}
