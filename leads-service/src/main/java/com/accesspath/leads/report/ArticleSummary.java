package com.accesspath.leads.report;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An article as article-service lists it (API.md, "ArticleSummary"), passed on as read:
 * fields it adds later are dropped rather than refused.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "文章摘要(与文章服务的 ArticleSummary 相同)")
public record ArticleSummary(@Schema(description = "文章 ID", example = "6650c3f1e4b0a72b9c0d1e50") String id,
		@Schema(description = "URL 中的标识,文章地址为 /articles/{slug}",
				example = "manufacturing-visual-inspection") String slug,
		@Schema(description = "标题", example = "制造企业用 AI 视觉质检把漏检率降到千分之一") String title,
		@Schema(description = "摘要") String summary, @Schema(description = "封面图地址,可为 null") String coverImage,
		@Schema(description = "分类") CategoryRef category, @Schema(description = "标签") List<String> tags,
		@Schema(description = "作者") Author author, @Schema(description = "原文来源") List<Source> sources,
		@Schema(description = "状态", example = "PUBLISHED") String status,
		@Schema(description = "发布时间(UTC)", example = "2026-03-04T08:00:00Z") Instant publishedAt,
		@Schema(description = "更新时间(UTC)", example = "2026-03-04T08:00:00Z") Instant updatedAt,
		@Schema(description = "阅读分钟数", example = "6") Integer readingMinutes,
		@Schema(description = "版本", example = "3") Integer version) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	@Schema(description = "文章分类")
	public record CategoryRef(@Schema(description = "分类 key") String key,
			@Schema(description = "分类名称", example = "制造行业") String name) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@Schema(description = "作者")
	public record Author(@Schema(description = "姓名", example = "AccessPath 研究院") String name) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	@Schema(description = "原文来源")
	public record Source(@Schema(description = "来源名称") String name, @Schema(description = "来源地址") String url) {
	}

}
