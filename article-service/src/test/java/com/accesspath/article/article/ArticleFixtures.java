package com.accesspath.article.article;

import java.util.List;

import com.accesspath.devstack.LocalTokens;

/** Request bodies and tokens for the article tests. */
final class ArticleFixtures {

	private ArticleFixtures() {
	}

	static final String LOCAL_SECRET = LocalTokens.LOCAL_SECRET;

	static String bearer(String role) {
		return "Bearer " + LocalTokens.local().issue(role);
	}

	static String articleJson(String title, String category, List<String> tags, String publishAt) {
		String tagsJson = tags.stream().map(tag -> "\"" + tag + "\"").reduce((a, b) -> a + "," + b).orElse("");
		return """
				{"title": "%s", "summary": "摘要:%s", "body": "<p>%s 的正文。大模型正在改变企业。</p>",
				 "category": "%s", "tags": [%s]%s}
				""".formatted(title, title, title, category, tagsJson,
				(publishAt == null) ? "" : ", \"publishAt\": \"" + publishAt + "\"");
	}

}
