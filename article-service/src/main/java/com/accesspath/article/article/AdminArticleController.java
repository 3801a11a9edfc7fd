package com.accesspath.article.article;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.article.article.ArticleRequests.ArticleRequest;
import com.accesspath.article.article.ArticleRequests.PublishRequest;
import com.accesspath.article.article.ArticleResponses.ArticlePage;
import com.accesspath.article.article.ArticleResponses.ArticleResponse;
import com.accesspath.article.article.ArticleResponses.ArticleSummary;
import com.accesspath.article.category.Taxonomy;
import com.accesspath.article.web.Editors;
import com.accesspath.boot.problem.InvalidInputException;

/** Editors' API (role EDITOR or ADMIN, enforced for all of {@code /api/admin/**}). */
@RestController
@RequestMapping("/api/admin/articles")
@Tag(name = "文章管理", description = "编辑后台:新建、修改、发布和归档文章(EDITOR 或 ADMIN 角色)。")
class AdminArticleController {

	private final ArticleEditor editor;

	private final ArticleRepository articles;

	private final Clock clock;

	private final ArticleRevisions revisions;

	AdminArticleController(ArticleEditor editor, ArticleRepository articles, Clock clock, ArticleRevisions revisions) {
		this.editor = editor;
		this.revisions = revisions;
		this.articles = articles;
		this.clock = clock;
	}

	@Operation(operationId = "createArticle", summary = "新建文章",
			description = "默认保存为草稿(DRAFT);给出 publishAt 则直接发布,未来时间为定时发布(SCHEDULED)。"
					+ "返回 201、新文章的 Location 和 ETag;不传 slug 时由标题生成。")
	@ApiResponse(responseCode = "201", description = "已创建")
	@PostMapping
	ResponseEntity<ArticleResponse> create(@Valid @RequestBody ArticleRequest request,
			@AuthenticationPrincipal Jwt editor) {
		Article article = this.editor.create(request, Editors.nameOf(editor));
		return ResponseEntity.created(URI.create("/api/admin/articles/" + article.id()))
			.eTag(etag(article))
			.body(ArticleResponse.forEditors(article, this.clock.instant()));
	}

	@Operation(operationId = "getAdminArticle", summary = "获取任意状态的文章",
			description = "包括草稿、定时发布和已归档的文章;响应的 ETag 即修改时要带的 If-Match。")
	@GetMapping("/{id}")
	ResponseEntity<ArticleResponse> get(
			@Parameter(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id) {
		Article article = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		return answer(article);
	}

	@Operation(operationId = "updateArticle", summary = "修改文章",
			description = "整体替换文章内容。必须带 If-Match: \"<version>\"(取自 ETag):缺少时 428,版本已变时 412。"
					+ "publishAt 不能在这里修改,请用发布接口;已发布文章改了 slug 后,旧 slug 永久跳转(301)到新的。")
	@PutMapping("/{id}")
	ResponseEntity<ArticleResponse> update(
			@Parameter(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Parameter(description = "要修改的版本,即上次响应的 ETag,如 \"3\";必填") @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch,
			@Valid @RequestBody ArticleRequest request, @AuthenticationPrincipal Jwt editor) {
		return answer(this.editor.update(id, expectedVersion(ifMatch), request, Editors.nameOf(editor)));
	}

	@Operation(operationId = "publishArticle", summary = "发布或定时发布文章",
			description = "请求体可省略,表示立即发布;publishAt 为未来时间时文章变为定时发布(SCHEDULED),到时自动可见。")
	@PostMapping("/{id}/publish")
	ResponseEntity<ArticleResponse> publish(
			@Parameter(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Valid @RequestBody(required = false) PublishRequest request, @AuthenticationPrincipal Jwt editor) {
		return answer(this.editor.publish(id, (request != null) ? request.publishAt() : null, Editors.nameOf(editor)));
	}

	@Operation(operationId = "archiveArticle", summary = "归档文章", description = "文章不会被删除,只是归档:公开接口不再返回它(404)。重复归档没有副作用。")
	@ApiResponse(responseCode = "204", description = "已归档", content = @Content)
	@DeleteMapping("/{id}")
	ResponseEntity<Void> archive(
			@Parameter(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@AuthenticationPrincipal Jwt editor) {
		this.editor.archive(id, Editors.nameOf(editor));
		return ResponseEntity.noContent().build();
	}

	@Operation(operationId = "featureArticle", summary = "设为或取消首页头条",
			description = "同一时间至多一篇头条:设为头条会取消上一篇。这是标记而不是内容修改:不需要 If-Match,不产生修订版本。")
	@PostMapping("/{id}/featured")
	ResponseEntity<ArticleResponse> feature(
			@Parameter(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Valid @RequestBody FeatureRequest request, @AuthenticationPrincipal Jwt editor) {
		return answer(this.editor.feature(id, request.featured(), Editors.nameOf(editor)));
	}

	@Operation(operationId = "listArticleRevisions", summary = "列出文章的修订版本",
			description = "每次保存(新建、修改、恢复)都留下一个版本,最新的在前;不含正文。")
	@GetMapping("/{id}/revisions")
	List<RevisionSummary> revisions(
			@Parameter(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id) {
		this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		return this.revisions.list(id).stream().map(RevisionSummary::of).toList();
	}

	@Operation(operationId = "getArticleRevision", summary = "查看某个修订版本", description = "文章在那次保存时的样子(标题、正文、封面、分类、标签等)。")
	@GetMapping("/{id}/revisions/{revision}")
	ArticleResponse revision(
			@Parameter(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Parameter(description = "修订版本号", example = "2") @PathVariable int revision) {
		Article current = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		ArticleRevisions.ArticleRevision kept = this.revisions.find(id, revision)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Article " + id + " has no revision " + revision + "."));
		return ArticleResponse.forEditors(kept.asArticle(current), this.clock.instant());
	}

	@Operation(operationId = "restoreArticleRevision", summary = "恢复某个修订版本",
			description = "把那个版本的内容作为一次新的保存(也留下新的修订版本);URL 别名保持现在的不变。"
					+ "必须带 If-Match: \"<当前 version>\":缺少时 428,别人已保存过(版本已变)时 412。")
	@PostMapping("/{id}/revisions/{revision}/restore")
	ResponseEntity<ArticleResponse> restore(
			@Parameter(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Parameter(description = "要恢复的修订版本号", example = "2") @PathVariable int revision,
			@Parameter(description = "当前版本,即上次响应的 ETag,如 \"3\";必填") @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch,
			@AuthenticationPrincipal Jwt editor) {
		return answer(this.editor.restore(id, expectedVersion(ifMatch), revision, Editors.nameOf(editor)));
	}

	@Operation(operationId = "listAdminArticles", summary = "列出所有状态的文章",
			description = "包括草稿、定时发布和已归档的文章,最近创建的在前,可按状态、分类、作者、标签筛选,按标题搜索。"
					+ "翻页时把 nextCursor 原样作为 cursor 传回,最后一页 nextCursor 为 null。")
	@GetMapping
	ArticlePage list(
			@Parameter(description = "只列出此状态的文章;不传则全部",
					example = "DRAFT") @RequestParam(required = false) ArticleStatus status,
			@Parameter(description = "标题中包含的文字",
					example = "质检") @RequestParam(required = false) @Size(max = 100) String q,
			@Parameter(description = "分类 key,叶子分类或分组",
					example = "manufacturing") @RequestParam(required = false) @Size(max = 40) String category,
			@Parameter(description = "作者姓名",
					example = "张伟") @RequestParam(required = false) @Size(max = 60) String author,
			@Parameter(description = "标签", example = "大模型") @RequestParam(required = false) @Size(max = 30) String tag,
			@Parameter(description = "每页条数,1-50",
					example = "20") @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
			@Parameter(description = "翻页游标:上一页返回的 nextCursor;第一页不传",
					example = "aXw2NjUwYzNmMWU0YjBhNzJiOWMwZDFlMmY") @RequestParam(required = false) String cursor) {
		ArticleCursor after = ArticleCursor.decode(cursor);
		if (after != null && (after.isKeyset() || after.isOffset())) {
			throw new InvalidInputException("cursor", "belongs to another kind of list");
		}
		List<Article> page = this.articles.findAll(new ArticleRepository.EditorsFilter(status, blankToNull(q),
				categories(category), blankToNull(author), blankToNull(tag)), after, limit + 1);
		boolean more = page.size() > limit;
		List<Article> items = more ? page.subList(0, limit) : page;
		var now = this.clock.instant();
		return new ArticlePage(items.stream().map(article -> ArticleSummary.forEditors(article, now)).toList(),
				more ? ArticleCursor.afterId(items.get(items.size() - 1).id()).encode() : null);
	}

	private ResponseEntity<ArticleResponse> answer(Article article) {
		return ResponseEntity.ok().eTag(etag(article)).body(ArticleResponse.forEditors(article, this.clock.instant()));
	}

	private static Collection<String> categories(String key) {
		if (key == null || key.isBlank()) {
			return null;
		}
		List<String> leaves = Taxonomy.leavesOf(key.strip());
		if (leaves.isEmpty()) {
			throw new InvalidInputException("category", "must be a category key of /api/categories");
		}
		return leaves;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Schema(description = "设为或取消头条")
	record FeatureRequest(@Schema(description = "true 设为头条,false 取消", example = "true") @NotNull Boolean featured) {
	}

	@Schema(description = "一个修订版本")
	record RevisionSummary(@Schema(description = "修订版本号,从 1 起", example = "2") int revision,
			@Schema(description = "保存后的文章版本号(ETag)", example = "5") long version,
			@Schema(description = "保存者", example = "editor-zhang") String editor,
			@Schema(description = "保存时间", example = "2026-03-04T09:30:00Z") Instant savedAt,
			@Schema(description = "当时的标题", example = "大模型在制造业质检中的落地实践") String title,
			@Schema(description = "若这次保存是恢复,恢复的是哪个版本;否则为 null",
					example = "1") @JsonInclude(JsonInclude.Include.NON_NULL) Integer restoredFrom) {

		static RevisionSummary of(ArticleRevisions.ArticleRevision revision) {
			return new RevisionSummary(revision.revision(), revision.version(), revision.editor(), revision.savedAt(),
					revision.title(), revision.restoredFrom());
		}

	}

	private static String etag(Article article) {
		return "\"" + article.version() + "\"";
	}

	/**
	 * {@code If-Match: "3"} (or {@code W/"3"}, or {@code 3}); required so that no edit
	 * silently overwrites another.
	 */
	private static long expectedVersion(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new ResponseStatusException(HttpStatus.PRECONDITION_REQUIRED,
					"Send If-Match with the version you edited, e.g. If-Match: \"3\".");
		}
		String value = ifMatch.strip();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		try {
			return Long.parseLong(value.replace("\"", ""));
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
					"If-Match does not name a version of this article.");
		}
	}

}
