package com.accesspath.leads.lead;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.accesspath.leads.LeadsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Where leads came from (the site's {@code source}), and the list sales works from:
 * views, counts, sort by score, the phone revealed on a click, the funnel.
 */
class SalesListIntegrationTests extends LeadsIntegrationTest {

	private static final String ARTICLE_CTA = """
			"source": {"page": "/articles/ai-quality-inspection", "cta": "article-inline-diagnosis",
			 "referrer": "https://www.baidu.com/", "utm": {"source": "wechat", "medium": "social",
			 "campaign": "2026-manufacturing", "term": "AI 质检", "content": "banner-a"}, "wechatScene": "1074"}""";

	private static String withSource(String body, String source) {
		return body.replace("\"consent\": true", "\"consent\": true, " + source);
	}

	private String leadOf(String company) {
		return all("leads").stream()
			.filter(lead -> company.equals(lead.get("company", org.bson.Document.class).getString("name")))
			.map(lead -> lead.getObjectId("_id").toHexString())
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aLeadFromAnArticleCtaWithUtmIsListedUnderItsSourceAndExportedWithIt() throws Exception {
		submit(withSource(diagnosis("manufacturing", answersAll(2), ZHANG), ARTICLE_CTA), null)
			.andExpect(status().isCreated());
		contact("{\"name\": \"李娜\", \"company\": \"某银行\", \"phone\": \"13900001111\", \"message\": \"请联系\", "
				+ "\"consent\": true, \"source\": {\"page\": \"/contact\", \"cta\": \"nav-contact\"}}", null)
			.andExpect(status().isCreated());
		String auth = bearer("SALES");
		for (String source : List.of("wechat", "article-inline-diagnosis")) {
			mvc.perform(get("/api/admin/leads?source=" + source).header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items[*].company.name").value(contains("星河制造")))
				.andExpect(jsonPath("$.items[0].source.utm.campaign").value("2026-manufacturing"))
				.andExpect(jsonPath("$.items[0].source.page").value("/articles/ai-quality-inspection"));
		}
		mvc.perform(get("/api/admin/leads?source=nav-contact").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.items[*].company.name").value(contains("某银行")));
		mvc.perform(get("/api/admin/leads?source=baidu").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.items", hasSize(0)));
		String csv = new String(
				mvc.perform(get("/api/admin/leads/export?source=wechat").header(HttpHeaders.AUTHORIZATION, auth))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsByteArray(),
				StandardCharsets.UTF_8);
		String[] lines = csv.split("\r\n");
		assertThat(lines).hasSize(2);
		assertThat(lines[0]).contains("utm_source", "utm_campaign", "CTA", "微信场景");
		assertThat(lines[1]).contains("\"/articles/ai-quality-inspection\"", "\"article-inline-diagnosis\"",
				"\"https://www.baidu.com/\"", "\"wechat\"", "\"social\"", "\"2026-manufacturing\"", "\"AI 质检\"",
				"\"banner-a\"", "\"1074\"");
		mvc.perform(get("/api/admin/leads/" + leadOf("星河制造")).header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.source.cta").value("article-inline-diagnosis"))
			.andExpect(jsonPath("$.submissions[0].source").doesNotExist());
	}

	@Test
	void aSourceThatIsNotStringsOfAtMost500CharactersIsRefusedAndNothingIsStored() throws Exception {
		for (String source : List.of("\"source\": {\"cta\": \"" + "x".repeat(501) + "\"}",
				"\"source\": {\"utm\": {\"source\": 12}}", "\"source\": {\"cta\": true}",
				"\"source\": {\"cta\": {\"$ne\": null}}", "\"source\": {\"page\": \"/a\\u0000b\"}",
				"\"source\": {\"tracker\": \"x\"}", "\"source\": \"wechat\"")) {
			submit(withSource(diagnosis("finance", answersAll(2), ZHANG), source), null)
				.andExpect(status().isBadRequest());
			contact("{\"name\": \"李娜\", \"company\": \"某银行\", \"phone\": \"13900001111\", \"message\": \"请联系\", "
					+ "\"consent\": true, " + source + "}", null)
				.andExpect(status().isBadRequest());
		}
		assertThat(count("leads")).isZero();
		assertThat(count("diagnoses")).isZero();
	}

	@Test
	void theListSortsByScoreAcrossPagesAndTheViewsHaveCounts() throws Exception {
		// Scores differ by size: 5000+ scores highest.
		List<String> sizes = List.of("1-50", "5000+", "201-1000", "51-200", "1001-5000");
		for (int i = 0; i < sizes.size(); i++) {
			submit(diagnosis("finance", answersAll(2), "{\"name\": \"客户\", \"phone\": \"1390000000" + i + "\"}")
				.replace("201-1000", sizes.get(i))
				.replace("星河制造", "规模" + sizes.get(i)), null).andExpect(status().isCreated());
		}
		String auth = bearer("SALES");
		String first = mvc.perform(get("/api/admin/leads?sort=score&limit=2").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.items[*].company.name").value(contains("规模5000+", "规模1001-5000")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String cursor = JsonPath.read(first, "$.nextCursor");
		String second = mvc
			.perform(
					get("/api/admin/leads?sort=score&limit=2&cursor=" + cursor).header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.items[*].company.name").value(contains("规模201-1000", "规模51-200")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		mvc.perform(get("/api/admin/leads?sort=score&limit=2&cursor=" + JsonPath.read(second, "$.nextCursor"))
			.header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.items[*].company.name").value(contains("规模1-50")))
			.andExpect(jsonPath("$.nextCursor").doesNotExist());
		mvc.perform(get("/api/admin/leads?sort=name").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/admin/leads?overdue=yes").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(status().isBadRequest());

		// Unassign one: the views count open leads only.
		String one = leadOf("规模1-50");
		mvc.perform(patch("/api/admin/leads/" + one).header(HttpHeaders.AUTHORIZATION, auth)
			.header(HttpHeaders.IF_MATCH, "\"1\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"assignee\": \"\"}")).andExpect(status().isOk());
		mvc.perform(patch("/api/admin/leads/" + leadOf("规模5000+")).header(HttpHeaders.AUTHORIZATION, auth)
			.header(HttpHeaders.IF_MATCH, "\"1\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\": \"LOST\"}")).andExpect(status().isOk());
		mvc.perform(get("/api/admin/leads/counts").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.all").value(4))
			.andExpect(jsonPath("$.unassigned").value(1))
			// local-sales had the 1st, 3rd and 5th lead; the 1st is unassigned now.
			.andExpect(jsonPath("$.mine").value(2));
		mvc.perform(get("/api/admin/leads?assignee=none").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(jsonPath("$.items[*].company.name").value(contains("规模1-50")));
	}

	@Test
	void theScoreIsExplainedByItsParts() throws Exception {
		submit(diagnosis("finance", answersAll(2), ZHANG), null);
		String body = mvc
			.perform(get("/api/admin/leads/" + onlyLeadId()).header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
			.andExpect(jsonPath("$.scoreFactors[*].label").value(hasItem("企业规模 201-1000 人")))
			.andExpect(jsonPath("$.scoreFactors[*].label").value(hasItem("行业:金融")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<Integer> points = JsonPath.read(body, "$.scoreFactors[*].points");
		int score = JsonPath.read(body, "$.score");
		assertThat(points.stream().mapToInt(Integer::intValue).sum()).isEqualTo(score);
	}

	@Test
	void revealingThePhoneShowsItWholeAndIsWrittenToTheHistory() throws Exception {
		submit(diagnosis("finance", answersAll(2), ZHANG), null);
		String id = onlyLeadId();
		mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
			.andExpect(jsonPath("$.items[0].contact.phone").value("138****5678"));
		mvc.perform(post("/api/admin/leads/" + id + "/contact").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.phone").value("13812345678"))
			.andExpect(jsonPath("$.email").value("zhang.wei@example.com"));
		assertThat(all("leads").get(0).getList("history", org.bson.Document.class))
			.anyMatch(entry -> "REVEALED".equals(entry.getString("action"))
					&& "local-sales".equals(entry.getString("actor")));
		mvc.perform(post("/api/admin/leads/" + id + "/contact")).andExpect(status().isUnauthorized());
		mvc.perform(post("/api/admin/leads/" + id + "/contact").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/admin/leads/ffffffffffffffffffffffff/contact").header(HttpHeaders.AUTHORIZATION,
				bearer("SALES")))
			.andExpect(status().isNotFound());
	}

	@Test
	void theFunnelCountsLeadsPerWeekBySourceWithWinRatesAndTheTimeToFirstContact() throws Exception {
		clock.set(Instant.parse("2026-11-23T02:00:00Z"));
		submit(withSource(diagnosis("finance", answersAll(2), ZHANG), ARTICLE_CTA), null);
		clock.set(Instant.parse("2026-11-30T02:00:00Z"));
		submit(diagnosis("retail", answersAll(2), "{\"name\": \"李娜\", \"phone\": \"13900001111\"}").replace("星河制造",
				"零售客户"), null);
		String won = leadOf("星河制造");
		String auth = bearer("SALES");
		clock.set(Instant.parse("2026-11-30T03:30:00Z"));
		for (String next : List.of("CONTACTED", "QUALIFIED", "WON")) {
			String etag = mvc.perform(get("/api/admin/leads/" + won).header(HttpHeaders.AUTHORIZATION, auth))
				.andReturn()
				.getResponse()
				.getHeader(HttpHeaders.ETAG);
			mvc.perform(patch("/api/admin/leads/" + won).header(HttpHeaders.AUTHORIZATION, auth)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\": \"" + next + "\"}")).andExpect(status().isOk());
		}
		mvc.perform(get("/api/admin/leads/stats?from=2026-11-16&to=2026-12-07").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.byStatus.WON").value(1))
			.andExpect(jsonPath("$.byStatus.NEW").value(1))
			.andExpect(jsonPath("$.byIndustry.finance").value(1))
			.andExpect(jsonPath("$.bySource[?(@.source == 'wechat')].winRate").value(hasItem(1.0)))
			.andExpect(jsonPath("$.bySource[?(@.source == '直接访问')].won").value(hasItem(0)))
			.andExpect(jsonPath("$.perWeek[*].week").value(contains("2026-11-16", "2026-11-23", "2026-11-30")))
			.andExpect(jsonPath("$.perWeek[*].created").value(contains(0, 1, 1)))
			.andExpect(jsonPath("$.perWeek[1].won").value(1))
			.andExpect(jsonPath("$.perWeek[1].bySource.wechat").value(1))
			// Created 2026-11-23 02:00, contacted 2026-11-30 03:30.
			.andExpect(jsonPath("$.medianMinutesToFirstContact")
				.value((int) Duration.ofDays(7).plusMinutes(90).toMinutes()));
		mvc.perform(get("/api/admin/leads/stats?from=2026-12-07&to=2026-11-16").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/admin/leads/stats?from=yesterday").header(HttpHeaders.AUTHORIZATION, auth))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/admin/leads/stats").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
			.andExpect(status().isForbidden());
	}

	@Test
	void datesFarFromTodayAreAnEmptyFunnelNotAnError() throws Exception {
		mvc.perform(get("/api/admin/leads/stats?from=1969-06-01&to=1970-06-01").header(HttpHeaders.AUTHORIZATION,
				bearer("SALES")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.perWeek[0].week").value("1969-05-26"))
			.andExpect(jsonPath("$.medianMinutesToFirstContact").doesNotExist());
		mvc.perform(get("/api/admin/leads/stats?from=2105-06-01&to=2107-01-01").header(HttpHeaders.AUTHORIZATION,
				bearer("SALES")))
			.andExpect(status().isOk());
	}

	@Test
	void anIdThatIsNoIdIsAnUnknownLead() throws Exception {
		String auth = bearer("SALES");
		for (String id : List.of("abc", "6650c3f1e4b0a72b9c0d1e2", "6650c3f1e4b0a72b9c0d1e2g")) {
			mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(status().isNotFound());
			mvc.perform(post("/api/admin/leads/" + id + "/contact").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(status().isNotFound());
			mvc.perform(post("/api/admin/leads/" + id + "/notes").header(HttpHeaders.AUTHORIZATION, auth)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"备注\"}")).andExpect(status().isNotFound());
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\": \"CONTACTED\"}")).andExpect(status().isNotFound());
		}
	}

}
