package com.accesspath.site.html;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.site.backend.ArticleServiceClient.SitePage;
import com.accesspath.site.content.PageParts;

/**
 * The pages editors maintain ({@code /insights}, {@code /services}, {@code /about},
 * {@code /contact} with its form, {@code /privacy}, {@code /terms}) and the interactive
 * pages whose content the script renders into {@code #page-root}.
 */
@RestController
public class SitePageController {

	/**
	 * A page of text; {@code form} is the form after it ({@code contact}) or null.
	 */
	public record TextPage(String title, String body, String form) {
	}

	/** An interactive page: heading, intro, and the module the script loads. */
	public record Interactive(String title, String intro, String module) {
	}

	private final PageParts parts;

	private final AsideParts asides;

	private final Frames frames;

	private final Html html;

	SitePageController(PageParts parts, AsideParts asides, Frames frames, Html html) {
		this.parts = parts;
		this.asides = asides;
		this.frames = frames;
		this.html = html;
	}

	@GetMapping({ "/insights", "/services", "/about", "/contact", "/privacy", "/terms" })
	ResponseEntity<byte[]> sitePage(jakarta.servlet.http.HttpServletRequest request) {
		String slug = request.getRequestURI().substring(1);
		AsideParts.Pending aside = this.asides.start(false);
		SitePage page = this.parts.sitePage(slug);
		String title = (page.title() != null) ? page.title() : slug;
		Head head = this.frames.head(title, title + " · " + this.frames.settings().name(), "/" + slug);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("page", new TextPage(title, (page.body() != null) ? page.body() : "",
				"contact".equals(slug) ? "contact" : null));
		params.put("aside", aside.aside());
		params.put("frame", this.frames.frame(head, "site-page", "/" + slug, null));
		return this.html.page(HttpStatus.OK, Html.PUBLIC, "pages/text.jte", params);
	}

	@GetMapping("/diagnosis")
	ResponseEntity<byte[]> diagnosis() {
		return interactive("diagnosis", "/diagnosis", "企业 AI 成熟度诊断",
				"18 个问题,5 分钟,看清企业在战略、数据、技术、人才、应用与治理上的 AI 水平,获取行业对标与改进建议。", "/diagnosis", false);
	}

	@GetMapping("/diagnosis/report/{id}")
	ResponseEntity<byte[]> report(@PathVariable String id) {
		return interactive("report", "/diagnosis/report/" + Cards.path(id), "诊断报告", "您的企业 AI 成熟度诊断报告。", null, true);
	}

	@GetMapping("/subscribe")
	ResponseEntity<byte[]> subscribe() {
		return interactive("subscribe", "/subscribe", "邮件订阅", "精选 AI 资讯,直达邮箱。随时一键退订。", null, false);
	}

	@GetMapping("/subscriptions/confirm")
	ResponseEntity<byte[]> confirm() {
		return interactive("subscription-confirm", "/subscriptions/confirm", "确认订阅", "正在确认您的订阅。", null, true);
	}

	@GetMapping("/subscriptions/preferences")
	ResponseEntity<byte[]> preferences() {
		return interactive("subscription-preferences", "/subscriptions/preferences", "订阅偏好", "选择您想收到的内容和频率。", null,
				true);
	}

	@GetMapping("/subscriptions/unsubscribe")
	ResponseEntity<byte[]> unsubscribe() {
		return interactive("subscription-unsubscribe", "/subscriptions/unsubscribe", "退订", "退订后将不再收到我们的邮件。", null,
				true);
	}

	/**
	 * Frame, heading and intro; the script renders the rest. Pages for one reader (a
	 * report, a subscription's token) are neither indexed nor kept by any cache, and do
	 * not pass their address on as a referrer.
	 */
	private ResponseEntity<byte[]> interactive(String page, String path, String title, String intro, String current,
			boolean personal) {
		Head head = this.frames.head(title, intro, path);
		if (personal) {
			head = head.noindexed();
		}
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("page", new Interactive(title, intro, page));
		params.put("frame", this.frames.frame(head, page, current, null));
		ResponseEntity<byte[]> answer = this.html.page(HttpStatus.OK, personal ? Html.PRIVATE : Html.PUBLIC,
				"pages/interactive.jte", params);
		if (!personal) {
			return answer;
		}
		// Their address holds the reader's token: no other site learns it from a link
		// followed (older in-app browsers send the whole address otherwise).
		return ResponseEntity.status(answer.getStatusCode())
			.headers((headers) -> headers.addAll(answer.getHeaders()))
			.header("Referrer-Policy", "same-origin")
			.body(answer.getBody());
	}

}
