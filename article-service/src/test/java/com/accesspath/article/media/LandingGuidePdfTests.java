package com.accesspath.article.media;

import java.io.IOException;
import java.io.InputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo download is a real guide: a PDF of several pages whose Chinese text is there
 * to read (its glyphs embedded, so every reader shows it), written by
 * {@link LandingGuidePdf}.
 */
class LandingGuidePdfTests {

	@Test
	void theCommittedGuideIsAReadablePdfWithItsChineseTextEmbedded() throws IOException {
		byte[] bytes;
		try (InputStream in = new ClassPathResource("attachments/ai-landing-guide.pdf").getInputStream()) {
			bytes = in.readAllBytes();
		}
		assertThat(bytes.length).isBetween(10_000, 500_000);
		try (PDDocument guide = Loader.loadPDF(bytes)) {
			assertThat(guide.getNumberOfPages()).isBetween(4, 12);
			assertThat(guide.getDocumentInformation().getTitle()).isEqualTo(LandingGuidePdf.TITLE);
			String text = new PDFTextStripper().getText(guide);
			assertThat(text).contains("AI 落地指南", "选对场景", "落地自查清单", "检索增强");
			for (var page : guide.getPages()) {
				for (var name : page.getResources().getFontNames()) {
					PDFont font = page.getResources().getFont(name);
					assertThat(font.isEmbedded()).as(font.getName()).isTrue();
				}
			}
		}
	}

}
