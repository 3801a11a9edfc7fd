package com.accesspath.article.site;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON shapes of API.md, "Site settings and site pages". */
final class SiteResponses {

	private SiteResponses() {
	}

	@Schema(name = "SiteSettings", description = "站点信息")
	record SiteSettingsResponse(@Schema(description = "站点名称", example = "AccessPath AI 资讯") String name,
			@Schema(description = "运营主体全称", example = "杭州示例科技有限公司") String legalName,
			@Schema(description = "ICP 备案号,可为 null", example = "浙ICP备2026000001号-1") String icp,
			@Schema(description = "公安机关备案号,可为 null", example = "浙公网安备33010602000001号") String publicSecurityRecord,
			SiteSettings.WeChat wechat, SiteSettings.Contact contact) {

		static SiteSettingsResponse of(SiteSettings settings) {
			return new SiteSettingsResponse(settings.name(), settings.legalName(), settings.icp(),
					settings.publicSecurityRecord(), settings.wechat(), settings.contact());
		}

	}

	@Schema(name = "SitePage", description = "站点页面")
	record SitePageResponse(@Schema(description = "页面别名", example = "privacy") String slug,
			@Schema(description = "页面标题", example = "隐私政策") String title,
			@Schema(description = "正文 HTML(已清洗)",
					example = "<h2>我们收集哪些信息</h2><p>您提交诊断或咨询表单时,我们会收集您填写的姓名、公司和联系方式。</p>") String body,
			@Schema(description = "最后修改时间(UTC)", example = "2026-03-04T08:00:00Z") Instant updatedAt,
			@Schema(description = "版本号,每次修改加 1;即 ETag 的值", example = "3") long version) {

		static SitePageResponse of(SitePage page) {
			return new SitePageResponse(page.slug(), page.title(), page.body(), page.updatedAt(), page.version());
		}

	}

	/** A page in the editors' list: everything but the body. */
	@Schema(description = "站点页面(不含正文)")
	record SitePageSummary(@Schema(description = "页面别名", example = "privacy") String slug,
			@Schema(description = "页面标题", example = "隐私政策") String title,
			@Schema(description = "最后修改时间(UTC)", example = "2026-03-04T08:00:00Z") Instant updatedAt,
			@Schema(description = "版本号,每次修改加 1", example = "3") long version) {

		static SitePageSummary of(SitePage page) {
			return new SitePageSummary(page.slug(), page.title(), page.updatedAt(), page.version());
		}

	}

}
