package com.accesspath.article.article;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import com.accesspath.article.article.ArticleRequests.ArticleRequest;
import com.accesspath.article.article.ArticleRequests.AuthorRequest;
import com.accesspath.article.article.ArticleRequests.SourceRequest;

/**
 * The way in for content that arrives already written (demo content, imports): same rules
 * as an editor's create.
 */
@Component
public class ArticleSeeding {

	public record DemoSource(String name, String url) {
	}

	private final ArticleEditor editor;

	ArticleSeeding(ArticleEditor editor) {
		this.editor = editor;
	}

	public boolean exists(String slug) {
		return this.editor.slugTaken(slug);
	}

	/** Adds a published article unless its slug exists; true when added. */
	public boolean addIfAbsent(String slug, String title, String summary, String body, String category,
			List<String> tags, String author, List<DemoSource> sources, String coverImage, Instant publishedAt,
			String attachment) {
		List<SourceRequest> sourceRequests = (sources == null) ? List.of()
				: sources.stream().map(source -> new SourceRequest(source.name(), source.url())).toList();
		ArticleRequest request = new ArticleRequest(title, summary, body, category, tags, coverImage,
				(author == null) ? null : new AuthorRequest(author), sourceRequests, slug, publishedAt, attachment,
				null);
		return this.editor.createIfSlugAbsent(request).isPresent();
	}

}
