package com.accesspath.article.article;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import com.accesspath.article.media.Attachments;

/**
 * What editors send. Unknown fields are refused (a 400), and a field sent as an object is
 * a type error (a 400).
 */
final class ArticleRequests {

	private ArticleRequests() {
	}

	static final String URL = "https?://[^\\s\"'<>]{1,490}";

	/**
	 * A file of the media library, as its upload answered ({@code /media/{id}/{file}}).
	 */
	static final String MEDIA_PATH = "/media/[0-9a-f]{32}/[a-z0-9-]{1,80}\\.[a-z]{3,4}(\\?w=\\d{1,5})?";

	@Schema(description = "新建或修改文章的内容;未知字段会被拒绝(400)")
	record ArticleRequest(
			@Schema(description = "标题", example = "大模型在制造业质检中的落地实践") @NotBlank @Size(max = 200) String title,
			@Schema(description = "摘要;不传则为空",
					example = "一家汽车零部件企业用视觉大模型改造产线质检,漏检率降到 0.3% 以下。") @Size(max = 500) String summary,
			@Schema(description = "正文 HTML;写入时清洗,脚本、事件属性和 javascript: 链接不会保留",
					example = "<p>在汽车零部件产线上,传统机器视觉难以覆盖细小划痕与异形缺陷。</p>") @NotBlank @Size(max = 200_000) String body,
			@Schema(description = "叶子分类 key,见 GET /api/categories",
					example = "manufacturing") @NotBlank @Size(max = 40) String category,
			@Schema(description = "标签,最多 10 个,去重", example = "[\"大模型\", \"工业质检\", \"制造业\"]") @Size(
					max = 10) List<@NotBlank @Size(max = 30) String> tags,
			@Schema(description = "封面图:媒体库文件的地址(上传返回的 url,如 /media/{id}/{file}),或 http(s) URL;可为空",
					example = "/media/3f2a9c0d1e4b5a6978c0d1e24b5a6978/factory-line.jpg") @Size(max = 500) @Pattern(
							regexp = URL + "|" + MEDIA_PATH,
							message = "must be a media library address or an http(s) URL") String coverImage,
			@Valid AuthorRequest author, @Size(max = 20) List<@Valid SourceRequest> sources,
			@Schema(description = "URL 别名;不传则由标题生成(修改时不传则不变);已发布文章改了别名后,旧别名永久跳转到新的",
					example = "llm-quality-inspection-in-manufacturing") @Size(max = 80) @Pattern(
							regexp = "[a-z0-9]+(-[a-z0-9]+)*",
							message = "must be lower-case letters, digits and single hyphens") String slug,
			@Schema(description = "只在新建时使用:给出即发布,未来时间为定时发布;修改已有文章时请用发布接口",
					example = "2026-03-05T00:00:00Z") Instant publishAt,
			@Schema(description = "可供下载的附件的文件 ID(留资后通过邮件发送下载链接);只能用于资源中心的文章,不传或为 null 表示没有附件",
					example = "ai-landing-guide.pdf") @Size(max = 100) @Pattern(regexp = Attachments.ID_PATTERN,
							message = "must be the id of a known file") String attachment,
			@Schema(description = "是否设为首页头条(同一时间至多一篇:设为头条会取消上一篇);不传则不变", example = "false") Boolean featured) {

		List<String> tagsOrEmpty() {
			return (this.tags == null) ? List.of() : this.tags.stream().map(String::strip).distinct().toList();
		}

	}

	@Schema(description = "原作者;不传则为 \"AccessPath 编辑部\"")
	record AuthorRequest(@Schema(description = "作者姓名", example = "张伟") @NotBlank @Size(max = 60) String name) {
	}

	@Schema(description = "原文来源")
	record SourceRequest(@Schema(description = "来源名称", example = "示例科技研究院") @NotBlank @Size(max = 100) String name,
			@Schema(description = "来源链接(http 或 https)",
					example = "https://www.example.com/reports/ai-quality-inspection") @NotBlank @Size(
							max = 500) @Pattern(regexp = URL, message = "must be an http(s) URL") String url) {
	}

	@Schema(description = "发布请求;请求体可省略,表示立即发布")
	record PublishRequest(@Schema(description = "发布时间;省略或为过去时间则立即发布,未来时间则定时发布(SCHEDULED)",
			example = "2026-03-05T00:00:00Z") Instant publishAt) {
	}

}
