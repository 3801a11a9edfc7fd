package com.accesspath.article.article;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.swagger.v3.oas.annotations.media.Schema;

import com.accesspath.article.category.Taxonomy;

/**
 * The JSON shapes of API.md: {@code Article}, {@code ArticleSummary} and a page of
 * summaries.
 */
final class ArticleResponses {

	private ArticleResponses() {
	}

	static final String FEATURED = "是否为首页头条(同一时间至多一篇)";

	static final String LAST_EDITOR = "最后修改的编辑;只在编辑后台的接口中出现";

	static final String ATTACHMENT = "可供下载的附件的文件 ID,没有附件为 null;文件本身在留资后通过邮件中的链接下载(POST /api/downloads)";

	@Schema(description = "文章所属的叶子分类")
	record CategoryRef(@Schema(description = "分类 key", example = "manufacturing") String key,
			@Schema(description = "分类名称", example = "制造行业") String name) {

		static CategoryRef of(String key) {
			return new CategoryRef(key, Taxonomy.leaf(key).map(Taxonomy.Category::name).orElse(key));
		}

	}

	@Schema(description = "原作者")
	record Author(@Schema(description = "作者姓名", example = "张伟") String name) {
	}

	@Schema(name = "Article", description = "文章全文")
	record ArticleResponse(@Schema(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") String id,
			@Schema(description = "URL 别名,唯一", example = "llm-quality-inspection-in-manufacturing") String slug,
			@Schema(description = "标题", example = "大模型在制造业质检中的落地实践") String title,
			@Schema(description = "摘要", example = "一家汽车零部件企业用视觉大模型改造产线质检,漏检率降到 0.3% 以下。") String summary,
			@Schema(description = "正文 HTML(已清洗)", example = "<p>在汽车零部件产线上,传统机器视觉难以覆盖细小划痕与异形缺陷。</p>") String body,
			@Schema(description = "封面图 URL,可为 null",
					example = "https://www.example.com/media/6650c3f1e4b0a72b9c0d1e30/cover.jpg") String coverImage,
			CategoryRef category,
			@Schema(description = "标签", example = "[\"大模型\", \"工业质检\", \"制造业\"]") List<String> tags, Author author,
			@Schema(description = "原文来源") List<Article.Source> sources, ArticleStatus status,
			@Schema(description = "发布时间(UTC);草稿为 null,定时发布的文章为计划时间",
					example = "2026-03-04T08:00:00Z") Instant publishedAt,
			@Schema(description = "最后修改时间(UTC)", example = "2026-03-04T09:30:00Z") Instant updatedAt,
			@Schema(description = "预计阅读分钟数(中文约每分钟 400 字),至少 1", example = "6") int readingMinutes,
			@Schema(description = "版本号,每次修改加 1;即 ETag 的值", example = "3") long version,
			@Schema(description = ATTACHMENT, example = "ai-landing-guide.pdf") String attachment,
			@Schema(description = FEATURED, example = "false") boolean featured, @Schema(description = LAST_EDITOR,
					example = "editor-zhang") @JsonInclude(Include.NON_NULL) String lastEditor) {

		static ArticleResponse of(Article article, Instant now) {
			return of(article, now, null);
		}

		/** With what only editors see. */
		static ArticleResponse forEditors(Article article, Instant now) {
			return of(article, now, article.lastEditor());
		}

		private static ArticleResponse of(Article article, Instant now, String lastEditor) {
			return new ArticleResponse(article.id(), article.slug(), article.title(), article.summary(), article.body(),
					article.coverImage(), CategoryRef.of(article.category()), article.tags(),
					new Author(article.author()), article.sources(), article.effectiveStatus(now),
					publishedAtFor(article, now), article.updatedAt(), article.readingMinutes(), article.version(),
					article.attachment(), article.featured(), lastEditor);
		}

	}

	@Schema(description = "文章摘要信息:与文章全文相同,但不含 body")
	record ArticleSummary(@Schema(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e2f") String id,
			@Schema(description = "URL 别名,唯一", example = "llm-quality-inspection-in-manufacturing") String slug,
			@Schema(description = "标题", example = "大模型在制造业质检中的落地实践") String title,
			@Schema(description = "摘要", example = "一家汽车零部件企业用视觉大模型改造产线质检,漏检率降到 0.3% 以下。") String summary,
			@Schema(description = "封面图 URL,可为 null",
					example = "https://www.example.com/media/6650c3f1e4b0a72b9c0d1e30/cover.jpg") String coverImage,
			CategoryRef category,
			@Schema(description = "标签", example = "[\"大模型\", \"工业质检\", \"制造业\"]") List<String> tags, Author author,
			@Schema(description = "原文来源") List<Article.Source> sources, ArticleStatus status,
			@Schema(description = "发布时间(UTC);草稿为 null,定时发布的文章为计划时间",
					example = "2026-03-04T08:00:00Z") Instant publishedAt,
			@Schema(description = "最后修改时间(UTC)", example = "2026-03-04T09:30:00Z") Instant updatedAt,
			@Schema(description = "预计阅读分钟数(中文约每分钟 400 字),至少 1", example = "6") int readingMinutes,
			@Schema(description = "版本号,每次修改加 1", example = "3") long version,
			@Schema(description = ATTACHMENT, example = "ai-landing-guide.pdf") String attachment,
			@Schema(description = FEATURED, example = "false") boolean featured, @Schema(description = LAST_EDITOR,
					example = "editor-zhang") @JsonInclude(Include.NON_NULL) String lastEditor) {

		static ArticleSummary of(Article article, Instant now) {
			return of(article, now, null);
		}

		/** With what only editors see. */
		static ArticleSummary forEditors(Article article, Instant now) {
			return of(article, now, article.lastEditor());
		}

		private static ArticleSummary of(Article article, Instant now, String lastEditor) {
			return new ArticleSummary(article.id(), article.slug(), article.title(), article.summary(),
					article.coverImage(), CategoryRef.of(article.category()), article.tags(),
					new Author(article.author()), article.sources(), article.effectiveStatus(now),
					publishedAtFor(article, now), article.updatedAt(), article.readingMinutes(), article.version(),
					article.attachment(), article.featured(), lastEditor);
		}

	}

	@Schema(description = "一页文章")
	record ArticlePage(@Schema(description = "本页文章,最新发布的在前") List<ArticleSummary> items,
			@Schema(description = "下一页的游标,原样传回 cursor 参数;最后一页为 null",
					example = "a3wxNzcyNjExMjAwMDAwfDY2NTBjM2YxZTRiMGE3MmI5YzBkMWUyZg") String nextCursor) {
	}

	@Schema(description = "标签及其已发布文章数")
	record TagCount(@Schema(description = "标签", example = "大模型") String tag,
			@Schema(description = "带此标签的已发布文章数", example = "42") long articles) {
	}

	/** Drafts have no publication time yet; scheduled ones show when they will appear. */
	private static Instant publishedAtFor(Article article, Instant now) {
		return (article.status() == ArticleStatus.DRAFT) ? null : article.publishedAt();
	}

}
