package com.accesspath.article.article;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What editors send. Unknown fields are refused (a 400), and a field sent as an object is
 * a type error (a 400).
 */
final class ArticleRequests {

	private ArticleRequests() {
	}

	static final String URL = "https?://[^\\s\"'<>]{1,490}";

	record ArticleRequest(@NotBlank @Size(max = 200) String title, @Size(max = 500) String summary,
			@NotBlank @Size(max = 200_000) String body, @NotBlank @Size(max = 40) String category,
			@Size(max = 10) List<@NotBlank @Size(max = 30) String> tags,
			@Size(max = 500) @Pattern(regexp = URL, message = "must be an http(s) URL") String coverImage,
			@Valid AuthorRequest author, @Size(max = 20) List<@Valid SourceRequest> sources,
			@Size(max = 80) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
					message = "must be lower-case letters, digits and single hyphens") String slug,
			Instant publishAt) {

		List<String> tagsOrEmpty() {
			return (this.tags == null) ? List.of() : this.tags.stream().map(String::strip).distinct().toList();
		}

	}

	record AuthorRequest(@NotBlank @Size(max = 60) String name) {
	}

	record SourceRequest(@NotBlank @Size(max = 100) String name,
			@NotBlank @Size(max = 500) @Pattern(regexp = URL, message = "must be an http(s) URL") String url) {
	}

	record PublishRequest(Instant publishAt) {
	}

}
