package com.accesspath.leads.report;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import com.accesspath.leads.LeadsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The report as a deliverable: company, date and number, the benchmark, the gap analysis
 * and roadmap from the versioned YAML, the articles from article-service (a stub), and
 * the PDF fetched over HTTP.
 */
class ReportIntegrationTests extends LeadsIntegrationTest {

	@Autowired
	ReportResources resources;

	@BeforeEach
	void askArticleServiceAgain() {
		this.resources.forget();
		articleService.queries().clear();
	}

	/** The answers of {@code answersAll(value)} with {@code data_*} answered 1. */
	static String weakData(int value) {
		return answersAll(value).replace("\"data_platform\":" + value, "\"data_platform\":1")
			.replace("\"data_quality\":" + value, "\"data_quality\":1")
			.replace("\"data_knowledge\":" + value, "\"data_knowledge\":1");
	}

	private static String person(int n) {
		return "{\"name\": \"客户\", \"email\": \"p" + n + "@example.com\"}";
	}

	private String created(ResultActions result) throws Exception {
		return result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
	}

	@Nested
	class Fields {

		@Test
		void theReportNamesTheCompanyTheDateAndAReportNumberCountingThisYearsReports() throws Exception {
			clock.set(Instant.parse("2026-03-04T08:00:00Z"));
			String first = created(submit(diagnosis("manufacturing", answersAll(3), ZHANG), null));
			assertThat(JsonPath.<String>read(first, "$.report.company")).isEqualTo("星河制造");
			assertThat(JsonPath.<String>read(first, "$.report.createdAt")).isEqualTo("2026-03-04T08:00:00Z");
			assertThat(JsonPath.<String>read(first, "$.report.reportNumber")).isEqualTo("AP-2026-000001");
			String second = created(submit(diagnosis("finance", answersAll(2), person(2)), null));
			assertThat(JsonPath.<String>read(second, "$.report.reportNumber")).isEqualTo("AP-2026-000002");
			// The year is China's: 2026-12-31T16:30Z is already 2027 there.
			clock.set(Instant.parse("2026-12-31T16:30:00Z"));
			String third = created(submit(diagnosis("finance", answersAll(2), person(3)), null));
			assertThat(JsonPath.<String>read(third, "$.report.reportNumber")).isEqualTo("AP-2027-000001");
			// Read back: the same report, as stored.
			mvc.perform(get("/api/diagnosis/" + JsonPath.read(first, "$.id") + "/report").param("token",
					JsonPath.<String>read(first, "$.reportToken")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.company").value("星河制造"))
				.andExpect(jsonPath("$.reportNumber").value("AP-2026-000001"))
				.andExpect(jsonPath("$.roadmapVersion").value("2026.1"));
		}

		@Test
		void underFiveEarlierDiagnosesInTheIndustryTheReportHasTheOverallDistributionInstead() throws Exception {
			created(submit(diagnosis("finance", answersAll(1), person(1)), null));
			created(submit(diagnosis("finance", answersAll(5), person(2)), null));
			created(submit(diagnosis("energy", answersAll(3), person(3)), null));
			// Three earlier diagnoses, all industries: L1, L5 and L3 (overall 0, 100,
			// 50).
			submit(diagnosis("retail", answersAll(4), person(4)), null).andExpect(status().isCreated())
				.andExpect(jsonPath("$.report.percentile").value(nullValue()))
				.andExpect(jsonPath("$.report.industryAverage").value(nullValue()))
				.andExpect(jsonPath("$.report.distribution.diagnoses").value(3))
				.andExpect(jsonPath("$.report.distribution.levels[*].level").value(contains(1, 2, 3, 4, 5)))
				.andExpect(jsonPath("$.report.distribution.levels[*].name")
					.value(contains("初始级", "探索级", "规范级", "集成级", "引领级")))
				.andExpect(jsonPath("$.report.distribution.levels[*].count").value(contains(1, 0, 1, 0, 1)))
				.andExpect(jsonPath("$.report.distribution.levels[*].share").value(contains(33, 0, 33, 0, 33)))
				.andExpect(jsonPath("$.report.gaps[*].industryAverage").value(everyItem(nullValue())));
		}

		@Test
		void fromFiveEarlierDiagnosesTheReportHasTheIndustrysAveragePerDimension() throws Exception {
			for (int value = 1; value <= 4; value++) {
				submit(diagnosis("retail", answersAll(value), person(value)), null)
					.andExpect(jsonPath("$.report.industryAverage").value(nullValue()));
			}
			// Four earlier: still none.
			submit(diagnosis("retail", weakData(5), person(5)), null)
				.andExpect(jsonPath("$.report.industryAverage").value(nullValue()));
			// Five earlier retail diagnoses: every dimension 0, 25, 50, 75 and (data 0,
			// the rest 100); overall 0, 25, 50, 75, 83: a 63 beats three of them.
			submit(diagnosis("retail", weakData(4), person(6)), null).andExpect(status().isCreated())
				.andExpect(jsonPath("$.report.percentile").value(60))
				.andExpect(jsonPath("$.report.distribution").value(nullValue()))
				.andExpect(jsonPath("$.report.industryAverage[*].key")
					.value(contains("strategy", "data", "technology", "talent", "application", "governance")))
				.andExpect(jsonPath("$.report.industryAverage[*].score").value(contains(50, 30, 50, 50, 50, 50)))
				// Weakest first: data (0) against its average 30, then the others (75).
				.andExpect(jsonPath("$.report.gaps[0].key").value("data"))
				.andExpect(jsonPath("$.report.gaps[0].industryAverage").value(30))
				.andExpect(jsonPath("$.report.gaps[0].gapToAverage").value(-30))
				.andExpect(jsonPath("$.report.gaps[1].key").value("strategy"))
				.andExpect(jsonPath("$.report.gaps[1].gapToAverage").value(25));
			// Another industry has no average yet.
			submit(diagnosis("finance", answersAll(3), person(7)), null)
				.andExpect(jsonPath("$.report.industryAverage").value(nullValue()));
		}

	}

	@Nested
	class Advice {

		@SuppressWarnings("unchecked")
		private List<String> yaml(String dimension, String band, String horizon) throws Exception {
			try (InputStream in = new ClassPathResource("report/ai-maturity-roadmap.yml").getInputStream()) {
				Map<String, Object> roadmap = new Yaml().load(in);
				Map<String, Object> dimensions = (Map<String, Object>) roadmap.get("dimensions");
				Map<String, Object> bands = (Map<String, Object>) ((Map<String, Object>) dimensions.get(dimension))
					.get("bands");
				return (List<String>) ((Map<String, Object>) bands.get(band)).get(horizon);
			}
		}

		@Test
		void theRoadmapIsTheYamlsActionsForTheWeakestDimensionsInTheirBands() throws Exception {
			// data 0 (打基础); every other dimension 75 (促规模): data first, then
			// strategy and technology (questionnaire order on a tie).
			String answer = created(submit(diagnosis("finance", weakData(4), ZHANG), null));
			List<String> expected30 = new ArrayList<>();
			yaml("data", "foundation", "30d").forEach(action -> expected30.add("【数据】" + action));
			yaml("strategy", "scale", "30d").forEach(action -> expected30.add("【战略】" + action));
			yaml("technology", "scale", "30d").forEach(action -> expected30.add("【技术】" + action));
			assertThat(JsonPath.<List<String>>read(answer, "$.report.roadmap[*].horizon")).containsExactly("30d", "90d",
					"180d");
			assertThat(JsonPath.<List<String>>read(answer, "$.report.roadmap[0].actions")).isEqualTo(expected30);
			assertThat(JsonPath.<List<String>>read(answer, "$.report.roadmap[2].actions"))
				.startsWith("【数据】" + yaml("data", "foundation", "180d").get(0));
			assertThat(JsonPath.<List<Boolean>>read(answer, "$.report.gaps[*].focus")).containsExactly(true, true, true,
					false, false, false);
			assertThat(JsonPath.<String>read(answer, "$.report.gaps[0].stage")).isEqualTo("打基础");
			assertThat(JsonPath.<Integer>read(answer, "$.report.gaps[0].level")).isEqualTo(1);
			assertThat(JsonPath.<Integer>read(answer, "$.report.gaps[0].nextLevel")).isEqualTo(2);
			assertThat(JsonPath.<String>read(answer, "$.report.gaps[0].nextLevelName")).isEqualTo("探索级");
			assertThat(JsonPath.<Integer>read(answer, "$.report.gaps[0].pointsToNextLevel")).isEqualTo(20);
			assertThat(JsonPath.<String>read(answer, "$.report.gaps[0].advice")).startsWith("数据是 AI 的燃料");
			// 75 is L4 集成级: 5 points to L5.
			assertThat(JsonPath.<Integer>read(answer, "$.report.gaps[1].pointsToNextLevel")).isEqualTo(5);
			// Only data is below 60: one recommendation, the band's advice.
			assertThat(JsonPath.<List<String>>read(answer, "$.report.recommendations"))
				.containsExactly("数据:" + JsonPath.read(answer, "$.report.gaps[0].advice"));
		}

		@Test
		void atTheTopLevelThereIsNoNextLevel() throws Exception {
			submit(diagnosis("finance", answersAll(5), ZHANG), null)
				.andExpect(jsonPath("$.report.gaps[*].nextLevel").value(everyItem(nullValue())))
				.andExpect(jsonPath("$.report.gaps[*].stage").value(everyItem(org.hamcrest.Matchers.is("促规模"))))
				.andExpect(jsonPath("$.report.recommendations", hasSize(1)))
				.andExpect(jsonPath("$.report.recommendations[0]").value(startsWith("各维度均已达到良好水平")));
		}

	}

	@Nested
	class Resources {

		@Test
		void casesOfTheIndustryAndReportsForItsWeakestDimensionsComeFromArticleService() throws Exception {
			String answer = created(submit(diagnosis("manufacturing", weakData(4), ZHANG), null));
			// 2 cases of the industry's leaf, 3 reports: 2 tagged for data (its first
			// tag), topped up with the newest.
			assertThat(JsonPath.<List<String>>read(answer, "$.report.resources[*].category.key"))
				.containsExactly("manufacturing", "manufacturing", "reports", "reports", "reports");
			assertThat(JsonPath.<List<String>>read(answer, "$.report.resources[*].title"))
				.contains("reports 的文章 1(知识管理)", "reports 的文章 2(知识管理)");
			assertThat(JsonPath.<String>read(answer, "$.report.resources[0].slug")).isNotBlank();
			assertThat(articleService.queries()).containsExactly("category=manufacturing&limit=2",
					"category=reports&tag=%E7%9F%A5%E8%AF%86%E7%AE%A1%E7%90%86&limit=3", "category=reports&limit=3");
			// Read again: from the cache, article-service is not asked.
			mvc.perform(get("/api/diagnosis/" + JsonPath.read(answer, "$.id") + "/report").param("token",
					JsonPath.<String>read(answer, "$.reportToken")))
				.andExpect(jsonPath("$.resources", hasSize(5)));
			assertThat(articleService.queries()).hasSize(3);
		}

		@Test
		void anIndustryWithoutItsOwnCasesGetsTheCasesOfAll() throws Exception {
			String answer = created(submit(diagnosis("energy", answersAll(3), ZHANG), null));
			assertThat(JsonPath.<List<String>>read(answer, "$.report.resources[*].category.key")).startsWith("cases",
					"cases");
		}

		@Test
		void whenArticleServiceIsDownTheReportComesWithoutArticles() throws Exception {
			articleService.down(true);
			String answer = created(submit(diagnosis("manufacturing", answersAll(3), ZHANG), null));
			assertThat(JsonPath.<List<Object>>read(answer, "$.report.resources")).isEmpty();
			mvc.perform(get("/api/diagnosis/" + JsonPath.read(answer, "$.id") + "/report").param("token",
					JsonPath.<String>read(answer, "$.reportToken")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.resources", hasSize(0)));
			// Back up: the next read has them (failures are not cached).
			articleService.down(false);
			mvc.perform(get("/api/diagnosis/" + JsonPath.read(answer, "$.id") + "/report").param("token",
					JsonPath.<String>read(answer, "$.reportToken")))
				.andExpect(jsonPath("$.resources", hasSize(5)));
		}

	}

	@Nested
	class Legacy {

		@Test
		void aReportStoredBeforeTheseFieldsIsCompletedOnceWhenRead() throws Exception {
			String answer = created(submit(diagnosis("finance", answersAll(3), ZHANG), null));
			String id = JsonPath.read(answer, "$.id");
			mongo.getCollection("diagnoses")
				.updateOne(new Document("_id", new ObjectId(id)),
						new Document("$unset",
								new Document("report.company", "").append("report.reportNumber", "")
									.append("report.createdAt", "")
									.append("report.gaps", "")
									.append("report.roadmap", "")
									.append("report.roadmapVersion", "")));
			String token = JsonPath.read(answer, "$.reportToken");
			String first = mvc.perform(get("/api/diagnosis/" + id + "/report").param("token", token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.company").value("星河制造"))
				.andExpect(jsonPath("$.reportNumber").value(matchesPattern("AP-\\d{4}-\\d{6}")))
				.andExpect(jsonPath("$.roadmap", hasSize(3)))
				.andExpect(jsonPath("$.gaps", hasSize(6)))
				.andReturn()
				.getResponse()
				.getContentAsString();
			mvc.perform(get("/api/diagnosis/" + id + "/report").param("token", token))
				.andExpect(jsonPath("$.reportNumber").value(JsonPath.<String>read(first, "$.reportNumber")));
		}

	}

	@Nested
	class Documented {

		@Test
		void thePdfAndTheConsultationAreInTheApiDocumentInChinese() throws Exception {
			String document = mvc.perform(get("/v3/api-docs"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			Map<String, Object> pdf = JsonPath.read(document, "$.paths['/api/diagnosis/{id}/report.pdf'].get");
			assertThat(pdf).containsEntry("operationId", "getDiagnosisReportPdf").containsKey("summary");
			assertThat(JsonPath.<Map<String, Object>>read(document,
					"$.paths['/api/diagnosis/{id}/report.pdf'].get.responses['200'].content"))
				.containsOnlyKeys(MediaType.APPLICATION_PDF_VALUE);
			assertThat(JsonPath.<Map<String, Object>>read(document,
					"$.paths['/api/diagnosis/{id}/report.pdf'].get.responses"))
				.containsKeys("400", "404", "503");
			assertThat(JsonPath.<String>read(document, "$.paths['/api/diagnosis/{id}/consultation'].post.summary"))
				.isEqualTo("预约顾问解读");
			assertThat(JsonPath.<Map<String, Object>>read(document,
					"$.paths['/api/diagnosis/{id}/consultation'].post.responses"))
				.containsKeys("201", "400", "404");
			assertThat(JsonPath.<String>read(document, "$.components.schemas.Report.properties.roadmap.description"))
				.contains("路线图");
		}

	}

	@Nested
	class Pdf {

		@LocalServerPort
		int port;

		@Autowired
		ReportFonts fonts;

		final HttpClient http = HttpClient.newHttpClient();

		private HttpResponse<byte[]> fetch(String path) throws Exception {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Accept", "application/pdf")
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		}

		@Test
		void theReportPdfHasTheChineseTextInAnEmbeddedFont() throws Exception {
			String answer = created(submit(diagnosis("manufacturing", answersAll(3), ZHANG), null));
			String number = JsonPath.read(answer, "$.report.reportNumber");
			HttpResponse<byte[]> response = fetch("/api/diagnosis/" + JsonPath.read(answer, "$.id")
					+ "/report.pdf?token=" + JsonPath.read(answer, "$.reportToken"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_PDF_VALUE);
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
			assertThat(response.headers().firstValue("Content-Disposition")).get()
				.asString()
				.contains("attachment")
				.contains(number);
			try (PDDocument pdf = Loader.loadPDF(response.body())) {
				String text = new PDFTextStripper().getText(pdf);
				assertThat(text).contains("星河制造", "规范级", number, "执行摘要", "行业对标", "差距分析", "行动路线图", "推荐阅读", "预约顾问解读",
						"manufacturing 的文章 1");
				assertThat(text).contains("http://localhost:8080/diagnosis/report/");
				assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(3);
				List<PDFont> fontsUsed = new ArrayList<>();
				for (PDPage page : pdf.getPages()) {
					for (var name : page.getResources().getFontNames()) {
						fontsUsed.add(page.getResources().getFont(name));
					}
				}
				assertThat(fontsUsed).isNotEmpty().allSatisfy(font -> {
					assertThat(font).isInstanceOf(PDType0Font.class);
					assertThat(font.isEmbedded()).as(font.getName()).isTrue();
					assertThat(font.getName()).contains("NotoSansSC");
				});
			}
		}

		@Test
		void markupInTheCompanyNameIsTextInThePdfNotMarkup() throws Exception {
			String hostile = "星河</h1><img src=\\\"http://evil.example/x.png\\\"> & <b>制造</b>";
			String answer = created(
					submit(diagnosis("manufacturing", answersAll(3), ZHANG).replace("星河制造", hostile), null));
			HttpResponse<byte[]> response = fetch("/api/diagnosis/" + JsonPath.read(answer, "$.id")
					+ "/report.pdf?token=" + JsonPath.read(answer, "$.reportToken"));
			assertThat(response.statusCode()).isEqualTo(200);
			try (PDDocument pdf = Loader.loadPDF(response.body())) {
				// Read back as the characters typed: escaped, so no tag was rendered or
				// image fetched.
				assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s+", ""))
					.contains("星河</h1><imgsrc=\"http://evil.example/x.png\">&<b>制造</b>");
			}
		}

		@Test
		void aWrongOrMissingTokenIsA404Problem() throws Exception {
			String answer = created(submit(diagnosis("manufacturing", answersAll(3), ZHANG), null));
			String id = JsonPath.read(answer, "$.id");
			for (String path : List.of("/api/diagnosis/" + id + "/report.pdf?token=wrong",
					"/api/diagnosis/" + id + "/report.pdf", "/api/diagnosis/nope/report.pdf?token=x", "/api/diagnosis/"
							+ new ObjectId() + "/report.pdf?token=" + JsonPath.read(answer, "$.reportToken"))) {
				HttpResponse<byte[]> response = fetch(path);
				assertThat(response.statusCode()).as(path).isEqualTo(404);
				assertThat(response.headers().firstValue("Content-Type")).as(path)
					.hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			}
		}

		@Test
		void whenEveryRenderingSlotIsBusyItIsA503WithRetryAfter() throws Exception {
			String answer = created(submit(diagnosis("manufacturing", answersAll(3), ZHANG), null));
			List<ReportFonts.FontSet> held = new ArrayList<>();
			try {
				held.add(this.fonts.acquire());
				held.add(this.fonts.acquire());
				HttpResponse<byte[]> response = fetch("/api/diagnosis/" + JsonPath.read(answer, "$.id")
						+ "/report.pdf?token=" + JsonPath.read(answer, "$.reportToken"));
				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
				assertThat(response.headers().firstValue("Content-Type"))
					.hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			}
			finally {
				held.forEach(this.fonts::release);
			}
		}

	}

}
