package com.accesspath.article.site;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What administrators and editors send. Unknown fields are refused (a 400), a field sent
 * as a number, boolean or object where text is expected is a type error (a 400), and text
 * never holds control characters: one-line fields none at all, page bodies only tab and
 * newline.
 */
final class SiteRequests {

	private SiteRequests() {
	}

	/** No control characters at all (one line of text). */
	static final String ONE_LINE = "[^\\p{Cc}]*";

	/** No control characters but tab and newline. */
	static final String TEXT = "[\\t\\n[^\\p{Cc}]]*";

	static final String NO_CONTROL_CHARACTERS = "must not contain control characters";

	/**
	 * An http(s) URL or a path on the site ({@code /assets/…}), never {@code javascript:}
	 * nor a protocol-relative {@code //host}.
	 */
	static final String IMAGE = "(https?://|/(?!/))[^\\s\"'<>\\\\]{0,490}";

	static final String PHONE = "[0-9+()\\- ]{3,40}";

	/** Slugs of site pages: lower-case letters, digits and hyphens. */
	static final String SLUG = "[a-z0-9-]{1,64}";

	/**
	 * The whole of the settings (a PUT replaces them): {@code name} and {@code legalName}
	 * are required, the rest may be null.
	 */
	@Schema(description = "站点设置的全部内容(整体替换);未知字段会被拒绝(400)")
	record SiteSettingsRequest(
			@Schema(description = "站点名称", example = "AccessPath AI 资讯") @NotBlank @Size(max = 60) @Pattern(
					regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String name,
			@Schema(description = "运营主体全称", example = "杭州示例科技有限公司") @NotBlank @Size(max = 100) @Pattern(
					regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String legalName,
			@Schema(description = "ICP 备案号", example = "浙ICP备2026000001号-1") @Size(max = 60) @Pattern(regexp = ONE_LINE,
					message = NO_CONTROL_CHARACTERS) String icp,
			@Schema(description = "公安机关备案号", example = "浙公网安备33010602000001号") @Size(max = 60) @Pattern(
					regexp = ONE_LINE, message = NO_CONTROL_CHARACTERS) String publicSecurityRecord,
			@NotNull @Valid WeChatRequest wechat, @NotNull @Valid ContactRequest contact) {
	}

	@Schema(name = "SiteWeChatRequest", description = "微信公众号")
	record WeChatRequest(
			@Schema(description = "公众号名称或微信号", example = "AccessPathAI") @Size(max = 60) @Pattern(regexp = ONE_LINE,
					message = NO_CONTROL_CHARACTERS) String account,
			@Schema(description = "关注二维码图片:http(s) URL 或站内路径", example = "/assets/wechat-qr.png") @Size(
					max = 500) @Pattern(regexp = IMAGE,
							message = "must be an http(s) URL or a path on the site such as /assets/qr.png") String qrImage) {
	}

	@Schema(name = "SiteContactRequest", description = "站点联系方式")
	record ContactRequest(
			@Schema(description = "联系邮箱", example = "contact@example.com") @Size(max = 254) @Email String email,
			@Schema(description = "联系电话", example = "0571-88886666") @Size(max = 40) @Pattern(regexp = PHONE,
					message = "must be digits, spaces, +, -, ( and )") String phone,
			@Schema(description = "联系地址", example = "浙江省杭州市西湖区文三路 100 号") @Size(max = 200) @Pattern(regexp = ONE_LINE,
					message = NO_CONTROL_CHARACTERS) String address) {
	}

	/** A page's text; its slug is in the path. The body is sanitised on write. */
	@Schema(description = "站点页面的标题和正文;页面别名在路径里")
	record SitePageRequest(
			@Schema(description = "页面标题", example = "隐私政策") @NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE,
					message = NO_CONTROL_CHARACTERS) String title,
			// No example: TEXT does not compile as an ECMAScript regular expression.
			@Schema(description = "正文 HTML,除制表符和换行外不能含控制字符;写入时清洗,脚本、事件属性和 javascript: 链接不会保留") @NotBlank @Size(
					max = 200_000) @Pattern(regexp = TEXT, message = NO_CONTROL_CHARACTERS) String body) {
	}

}
