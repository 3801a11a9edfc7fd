package com.accesspath.leads.lead;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.accesspath.leads.LeadsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sales team's API: leads from submissions, the list, a lead's page, the funnel,
 * notes, export, erasure.
 */
class SalesLeadsIntegrationTests extends LeadsIntegrationTest {

	@Nested
	class Leads {

		@Test
		void theSamePersonWithin90DaysIsLinkedNotANewStranger() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			clock.advance(Duration.ofDays(30));
			// Same email, other phone: the same person.
			mvc.perform(post("/api/contact").contentType(MediaType.APPLICATION_JSON)
				.content(
						"{\"name\": \"张伟\", \"company\": \"星河制造\", \"email\": \"Zhang.Wei@example.com\", \"message\": \"请联系我\", \"consent\": true}"))
				.andExpect(status().isCreated());
			String leadId = onlyLeadId();
			mvc.perform(get("/api/admin/leads/" + leadId).header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(jsonPath("$.submissions", hasSize(2)))
				.andExpect(jsonPath("$.history[*].action").value(hasItem("RESUBMITTED")));
			clock.advance(Duration.ofDays(91));
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			assertThat(count("leads")).isEqualTo(2);
		}

		@Test
		void salesListMasksAndFilters() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			submit(diagnosis("retail", answersAll(4), "{\"name\": \"李娜\", \"phone\": \"13900001111\"}"), null);
			String auth = bearer("SALES");
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items", hasSize(2)))
				.andExpect(jsonPath("$.items[*].contact.phone").value(containsInAnyOrder("138****5678", "139****1111")))
				.andExpect(jsonPath("$.items[1].contact.email").value("z***@example.com"));
			mvc.perform(get("/api/admin/leads?industry=retail").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items[*].contact.name").value(contains("李娜")));
			mvc.perform(get("/api/admin/leads?q=李").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items", hasSize(1)));
			mvc.perform(get("/api/admin/leads?q=.*").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.items", hasSize(0)));
			mvc.perform(get("/api/admin/leads?limit=1").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.nextCursor").isNotEmpty());
			mvc.perform(get("/api/admin/leads?cursor=garbage").header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(status().isBadRequest());
		}

		@Test
		void onlySalesAndAdminSeeLeads() throws Exception {
			mvc.perform(get("/api/admin/leads")).andExpect(status().isUnauthorized());
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, bearer("EDITOR")))
				.andExpect(status().isForbidden());
			mvc.perform(get("/api/admin/leads").header(HttpHeaders.AUTHORIZATION, bearer("ADMIN")))
				.andExpect(status().isOk());
			mvc.perform(
					get("/api/admin/leads/ffffffffffffffffffffffff").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(status().isNotFound());
		}

		@Test
		void fullLeadHasAnswersReportAndRecordsTheView() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			String id = onlyLeadId();
			mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(jsonPath("$.contact.phone").value("13812345678"))
				.andExpect(jsonPath("$.submissions[0].answers.strategy_vision").value(2))
				.andExpect(jsonPath("$.submissions[0].report.overall").value(25))
				.andExpect(jsonPath("$.submissions[0].questionnaireVersion").value("2026.1"))
				.andExpect(jsonPath("$.history[*].action").value(hasItem("VIEWED")))
				.andExpect(jsonPath("$.history[?(@.action == 'VIEWED')].actor").value(hasItem("local-sales")));
		}

		@Test
		void statusMovesFollowTheFunnelWithIfMatch() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			String id = onlyLeadId();
			String auth = bearer("SALES");
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\": \"CONTACTED\"}")).andExpect(status().isPreconditionRequired());
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\": \"QUALIFIED\"}")).andExpect(status().isConflict());
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\": \"CONTACTED\", \"assignee\": \"sales-li\"}"))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
				.andExpect(jsonPath("$.status").value("CONTACTED"))
				.andExpect(jsonPath("$.assignee").value("sales-li"));
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\": \"QUALIFIED\"}")).andExpect(status().isPreconditionFailed());
			for (String next : List.of("QUALIFIED", "WON")) {
				String etag = mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth))
					.andReturn()
					.getResponse()
					.getHeader(HttpHeaders.ETAG);
				mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
					.header(HttpHeaders.IF_MATCH, etag)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"status\": \"" + next + "\"}")).andExpect(status().isOk());
			}
			String etag = mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth))
				.andExpect(jsonPath("$.history[?(@.action == 'STATUS')].detail")
					.value(contains("新线索 → 已联系", "已联系 → 已确认需求", "已确认需求 → 成交")))
				.andReturn()
				.getResponse()
				.getHeader(HttpHeaders.ETAG);
			for (String refused : List.of("NEW", "LOST")) {
				mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
					.header(HttpHeaders.IF_MATCH, etag)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"status\": \"" + refused + "\"}")).andExpect(status().isConflict());
			}
			mvc.perform(patch("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, auth)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\": \"DONE\"}")).andExpect(status().isBadRequest());
		}

		@Test
		void anyOpenLeadMayBeLost() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			mvc.perform(patch("/api/admin/leads/" + onlyLeadId()).header(HttpHeaders.AUTHORIZATION, bearer("SALES"))
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\": \"LOST\"}")).andExpect(status().isOk());
		}

		@Test
		void notesAreAddedAndRecorded() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			String id = onlyLeadId();
			mvc.perform(post("/api/admin/leads/" + id + "/notes").header(HttpHeaders.AUTHORIZATION, bearer("SALES"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"已电话沟通,下周演示\"}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.author").value("local-sales"));
			mvc.perform(get("/api/admin/leads/" + id).header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(jsonPath("$.notes[0].text").value("已电话沟通,下周演示"))
				.andExpect(jsonPath("$.history[*].action").value(hasItem("NOTE")));
			mvc.perform(post("/api/admin/leads/" + id + "/notes").header(HttpHeaders.AUTHORIZATION, bearer("SALES"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"text\": \"\"}")).andExpect(status().isBadRequest());
		}

		@Test
		void csvExportOpensInExcelWithChineseIntact() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			byte[] csv = mvc.perform(get("/api/admin/leads/export").header(HttpHeaders.AUTHORIZATION, bearer("SALES")))
				.andExpect(status().isOk())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, containsString("text/csv")))
				.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, containsString("leads.csv")))
				.andReturn()
				.getResponse()
				.getContentAsByteArray();
			assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
			String text = new String(csv, StandardCharsets.UTF_8);
			assertThat(text).contains("线索ID,类型,状态,公司")
				.contains("\"星河制造\"")
				.contains("\"张伟\"")
				.contains("\"13812345678\"");
			assertThat(text.split("\r\n")).hasSize(2);
		}

		@Test
		void adminErasesPersonalDataLeavingAnAnonymousRecord() throws Exception {
			submit(diagnosis("finance", answersAll(2), ZHANG), null);
			String id = onlyLeadId();
			mvc.perform(delete("/api/admin/leads/" + id + "/personal-data").header(HttpHeaders.AUTHORIZATION,
					bearer("SALES")))
				.andExpect(status().isForbidden());
			mvc.perform(delete("/api/admin/leads/" + id + "/personal-data").header(HttpHeaders.AUTHORIZATION,
					bearer("ADMIN")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.erased").value(true))
				.andExpect(jsonPath("$.contact.name").value("[已删除]"))
				.andExpect(jsonPath("$.contact.phone").value(nullValue()))
				.andExpect(jsonPath("$.company.industry").value("finance"))
				.andExpect(jsonPath("$.submissions[0].report.overall").value(25));
			String stored = all("leads").get(0).toJson();
			assertThat(stored).doesNotContain("13812345678", "zhang.wei", "张伟", "127.0.0.1", "Firefox");
			mvc.perform(get("/api/diagnosis/stats")).andExpect(jsonPath("$.completed").value(1));
		}

	}

}
