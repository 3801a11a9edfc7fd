package com.accesspath.site.html;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.boot.problem.Problems;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.BackendUnavailableException;
import com.accesspath.site.backend.FormRejectedException;
import com.accesspath.site.backend.LeadsFormsClient;
import com.accesspath.site.backend.NotFoundException;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.config.SiteProperties;
import com.accesspath.site.source.VisitSources;
import com.accesspath.site.content.PageParts;

import static com.accesspath.site.html.Cards.text;

/**
 * Gated downloads, without JavaScript (with it, site.js posts the same form as JSON to
 * leads-service's {@code POST /api/downloads}): {@code /guide} (免费获取 AI 落地指南, the
 * configured guide article's file) and {@code /resources/{slug}/download} (the file of
 * any 资源中心 article that offers one; its form also sits under the article). A post asks
 * leads-service for the download with the client's address and user agent; accepted: 303
 * to "已发送到您的邮箱" (a reload sends nothing again); refused: the form again, 400, with what
 * was typed and the errors in place; leads-service down: the form again, 503.
 */
@RestController
public class DownloadFormController {

	/**
	 * What a download page shows.
	 *
	 * @param title the heading
	 * @param intro a line of plain text under it
	 * @param action where the form posts
	 * @param resource the article's slug, posted with the form
	 * @param articleHref the article the file belongs to, or null
	 * @param state the form as posted (or empty)
	 * @param sent the thanks shown instead of the form, or null
	 */
	public record DownloadPage(String title, String intro, String action, String resource, String articleHref,
			FormState state, String sent) {
	}

	static final String GUIDE_TITLE = "免费获取 AI 落地指南";

	static final String GUIDE_INTRO = "《AI 落地指南》整理了企业引入生成式 AI 的五个步骤:选场景、备数据、定路线、做试点、建治理,附行业案例和一份落地自查清单。"
			+ "留下联系方式,下载链接将发送到您的邮箱,7 天内有效。";

	static final String SENT = "已发送到您的邮箱,请查收。下载链接 7 天内有效。";

	/** A resource's download page (API.md). */
	static final String RESOURCE_PAGE = "/resources/{slug}/download";

	/** The folder of every resource's download page (a cookie's path). */
	public static final String DOWNLOAD_PAGES = RESOURCE_PAGE.substring(0, RESOURCE_PAGE.indexOf("/{"));

	private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

	private final LeadsFormsClient leads;

	private final ServiceCalls calls;

	private final PageParts parts;

	private final AsideParts asides;

	private final Frames frames;

	private final Html html;

	private final String guideResource;

	private final VisitSources sources;

	DownloadFormController(LeadsFormsClient leads, ServiceCalls calls, PageParts parts, AsideParts asides,
			Frames frames, Html html, SiteProperties properties, VisitSources sources) {
		this.leads = leads;
		this.sources = sources;
		this.calls = calls;
		this.parts = parts;
		this.asides = asides;
		this.frames = frames;
		this.html = html;
		this.guideResource = properties.guideResource();
	}

	@GetMapping("/guide")
	ResponseEntity<byte[]> guide() {
		return page(guidePage(FormState.EMPTY, null), HttpStatus.OK, Html.PUBLIC, false);
	}

	@PostMapping(path = "/guide", consumes = FORM)
	ResponseEntity<byte[]> requestGuide(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
		return request(this.guideResource, form, request, state -> guidePage(state, null), URI.create("/guide/sent"));
	}

	@GetMapping("/guide/sent")
	ResponseEntity<byte[]> guideSent() {
		return page(guidePage(FormState.EMPTY, SENT), HttpStatus.OK, Html.PRIVATE, true);
	}

	@GetMapping(RESOURCE_PAGE)
	ResponseEntity<byte[]> resource(@PathVariable String slug) {
		return page(resourcePage(slug, downloadable(slug), FormState.EMPTY, null), HttpStatus.OK, Html.PUBLIC, true);
	}

	@PostMapping(path = RESOURCE_PAGE, consumes = FORM)
	ResponseEntity<byte[]> requestResource(@PathVariable String slug, @RequestParam MultiValueMap<String, String> form,
			HttpServletRequest request) {
		return request(slug, form, request, state -> resourcePage(slug, articleOrNull(slug), state, null),
				URI.create(downloadHref(slug) + "/sent"));
	}

	@GetMapping(RESOURCE_PAGE + "/sent")
	ResponseEntity<byte[]> resourceSent(@PathVariable String slug) {
		return page(resourcePage(slug, articleOrNull(slug), FormState.EMPTY, SENT), HttpStatus.OK, Html.PRIVATE, true);
	}

	/** Where an article's download form posts. */
	static String downloadHref(String slug) {
		return RESOURCE_PAGE.replace("{slug}", Cards.path(slug));
	}

	private interface PageFor {

		DownloadPage with(FormState state);

	}

	private ResponseEntity<byte[]> request(String resource, MultiValueMap<String, String> form,
			HttpServletRequest request, PageFor page, URI sent) {
		Map<String, String> values = FormController.values(form, "name", "company", "email", "phone", "title",
				"consent");
		Map<String, Object> body = FormController.leadBody(values,
				List.of("name", "company", "email", "phone", "title"), this.sources.ofForm(form, request));
		body.put("resource", resource);
		try {
			this.calls.submit(Backend.LEADS_FORMS, () -> this.leads.download(body, FormController.client(request)));
		}
		catch (FormRejectedException ex) {
			return page(page.with(FormController.rejected(values, ex)), HttpStatus.BAD_REQUEST, Html.PRIVATE, true);
		}
		catch (BackendUnavailableException ex) {
			ResponseEntity<byte[]> again = page(page.with(new FormState(values, Map.of(), "暂时无法提交,请稍后再试。")),
					HttpStatus.SERVICE_UNAVAILABLE, Html.PRIVATE, true);
			return ResponseEntity.status(again.getStatusCode())
				.headers(again.getHeaders())
				.header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS)
				.body(again.getBody());
		}
		return FormController.seeOther(sent);
	}

	private DownloadPage guidePage(FormState state, String sent) {
		return new DownloadPage(GUIDE_TITLE, GUIDE_INTRO, "/guide", this.guideResource, null, state, sent);
	}

	/**
	 * The page of an article's file; without the article at hand (article-service down) a
	 * plainer page whose form still posts.
	 */
	private DownloadPage resourcePage(String slug, ArticleFile article, FormState state, String sent) {
		String title = (article != null) ? "免费下载《" + article.title() + "》" : "资料下载";
		String summary = (article != null && article.summary() != null && !article.summary().isBlank())
				? article.summary() + " " : "";
		return new DownloadPage(title, summary + "留下联系方式,下载链接将发送到您的邮箱,7 天内有效。", downloadHref(slug), slug,
				"/articles/" + Cards.path(slug), state, sent);
	}

	private record ArticleFile(String slug, String title, String summary) {
	}

	/** The published article with a file, else the site's 404. */
	private ArticleFile downloadable(String slug) {
		JsonNode article = this.parts.article(slug);
		if (text(article, "attachment") == null || !slug.equals(text(article, "slug"))) {
			throw new NotFoundException("No file to download for " + slug);
		}
		return new ArticleFile(slug, String.valueOf(text(article, "title")), text(article, "summary"));
	}

	/** The article, or null while it cannot be read (the form still posts). */
	private ArticleFile articleOrNull(String slug) {
		try {
			return downloadable(slug);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private ResponseEntity<byte[]> page(DownloadPage page, HttpStatus status, CacheControl cache, boolean noindex) {
		AsideParts.Pending aside = this.asides.start(false);
		Head head = this.frames.head(page.title(), page.intro(), page.action());
		if (noindex) {
			head = head.noindexed();
		}
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("page", page);
		params.put("aside", aside.aside());
		params.put("frame", this.frames.frame(head, "download", null, null));
		return this.html.page(status, cache, "pages/download.jte", params);
	}

}
