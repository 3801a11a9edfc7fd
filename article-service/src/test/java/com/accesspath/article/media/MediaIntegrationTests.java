package com.accesspath.article.media;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.accesspath.article.ArticleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /media/{id}}: the files articles offer, where download links lead. */
@ArticleIntegrationTest
class MediaIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Attachments attachments;

	@Test
	void theGuideIsServedAsAnImmutableDownload() throws Exception {
		MockHttpServletResponse file = this.mvc.perform(get("/media/ai-landing-guide.pdf"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/pdf"))
			.andExpect(
					header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ai-landing-guide.pdf\""))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andReturn()
			.getResponse();
		byte[] bytes = file.getContentAsByteArray();
		assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(bytes).hasSize((int) this.attachments.find("ai-landing-guide.pdf").orElseThrow().bytes());
		String etag = file.getHeader(HttpHeaders.ETAG);
		assertThat(etag).matches("\"[0-9a-f]{32}\"");

		this.mvc.perform(get("/media/ai-landing-guide.pdf").header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isNotModified());
		this.mvc.perform(head("/media/ai-landing-guide.pdf")).andExpect(status().isOk());
	}

	@Test
	void anUnknownIdIsA404Problem() throws Exception {
		this.mvc.perform(get("/media/nothing.pdf"))
			.andExpect(status().isNotFound())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"));
	}

	/**
	 * Files are found by id in the list read at start, never by a path built from the
	 * request: other resources of the class path stay out of reach however the path is
	 * written.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/media/..%2Fapplication.yml", "/media/%2E%2E%2Fapplication.yml",
			"/media/..%252Fapplication.yml", "/media/..%5Capplication.yml", "/media/%2e%2e/application.yml",
			"/media/application.yml", "/media/attachments%2Fai-landing-guide.pdf", "/media/seed%2Fdemo-content.json",
			"/media/demo-content.json", "/media/..", "/media/ai-landing-guide.pdf%00.yml",
			"/media/ai-landing-guide.pdf;.yml" })
	void pathsOutsideTheAttachmentsAreRefused(String path) throws Exception {
		MockHttpServletResponse answer = this.mvc.perform(get(URI.create(path))).andReturn().getResponse();
		assertThat(answer.getStatus()).as(path).isIn(400, 404);
		assertThat(answer.getContentAsString()).doesNotContain("spring:", "%PDF", "articles");
	}

	@Test
	void onlyWellNamedFilesAreAttachments() {
		Attachments fromTests = new Attachments("classpath*:attachments/*");
		assertThat(fromTests.exists("ai-landing-guide.pdf")).isTrue();
		assertThat(fromTests.find("ai-landing-guide.pdf").orElseThrow().contentType().toString())
			.isEqualTo("application/pdf");
		for (String id : new String[] { null, "", "..", "../ai-landing-guide.pdf", "AI-LANDING-GUIDE.PDF",
				"attachments/ai-landing-guide.pdf" }) {
			assertThat(fromTests.exists(id)).as(id).isFalse();
		}
	}

}
