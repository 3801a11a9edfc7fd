package com.accesspath.newsletter.mail;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MailTemplatesTests {

	final MailTemplates templates = new MailTemplates();

	Map<String, Object> confirm(String url) {
		return Map.of("email", "<reader>@example.com", "frequencyName", "每日", "validHours", 48, "confirmUrl", url);
	}

	@Test
	void htmlIsEscapedAndTextIsNot() {
		String url = "https://example.com/subscriptions/confirm?token=a=b&c";
		assertThat(this.templates.render("confirm.html", confirm(url))).contains("&lt;reader&gt;@example.com")
			.doesNotContain("<reader>");
		assertThat(this.templates.render("confirm.txt", confirm(url))).contains(url).contains("<reader>@example.com");
	}

	@Test
	void aDigestWithoutArticlesOrHotListStillRenders() {
		Map<String, Object> model = Map.of("title", "每日精选", "hasArticles", false, "articles", List.of(), "hasHot",
				false, "hot", List.of(), "preferencesUrl", "https://example.com/p", "unsubscribeUrl",
				"https://example.com/u");
		assertThat(this.templates.render("digest.txt", model)).contains("每日精选").contains("https://example.com/u");
		assertThat(this.templates.render("digest.html", model)).contains("https://example.com/u");
	}

	@Test
	void anUnknownTemplateIsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> this.templates.render("nope.txt", Map.of()));
	}

}
