package com.accesspath.site.html;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.boot.problem.Problems;
import com.accesspath.site.backend.ArticleServiceClient.SitePage;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.backend.BackendUnavailableException;
import com.accesspath.site.backend.FormRejectedException;
import com.accesspath.site.backend.LeadsFormsClient;
import com.accesspath.site.backend.NewsletterServiceClient;
import com.accesspath.site.backend.ServiceCalls;
import com.accesspath.site.content.PageParts;
import com.accesspath.site.source.VisitSources;

/**
 * The site's forms posted without JavaScript (with it, site.js sends them as JSON to the
 * API and this is never asked): {@code POST /contact} creates a lead through
 * leads-service's {@code POST /api/contact}, {@code POST /subscribe} a subscription
 * through newsletter-service's {@code POST /api/subscriptions}, each with the client's
 * address and user agent. A lead carries its {@code source} (what brought the visitor:
 * {@link VisitSources}). Accepted: 303 to a thank-you page (post, redirect, get: a reload
 * sends nothing again). Refused (400, 422): the form again, status 400, with what was
 * typed, the errors at their fields and the message. Service down: the form again, 503
 * with {@code Retry-After}. None of these answers is kept by any cache. The download
 * forms are {@link DownloadFormController}'s.
 */
@RestController
public class FormController {

	/** What a form page shows: the form, or (after a post) {@code sent}'s thanks. */
	public record FormPage(String title, String body, String form, FormState state, String sent) {
	}

	static final String CONTACT_SENT = "已收到,我们会尽快联系您。";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MediaType FORM = MediaType.APPLICATION_FORM_URLENCODED;

	private final LeadsFormsClient leads;

	private final NewsletterServiceClient newsletter;

	private final ServiceCalls calls;

	private final PageParts parts;

	private final AsideParts asides;

	private final Frames frames;

	private final Html html;

	private final VisitSources sources;

	FormController(LeadsFormsClient leads, NewsletterServiceClient newsletter, ServiceCalls calls, PageParts parts,
			AsideParts asides, Frames frames, Html html, VisitSources sources) {
		this.leads = leads;
		this.newsletter = newsletter;
		this.calls = calls;
		this.parts = parts;
		this.asides = asides;
		this.frames = frames;
		this.html = html;
		this.sources = sources;
	}

	/**
	 * A lead form's JSON for leads-service: the texts typed (empty ones left out), the
	 * consent box, and where the visitor came from (when known).
	 */
	static Map<String, Object> leadBody(Map<String, String> values, List<String> texts, Map<String, Object> source) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (String field : texts) {
			String value = values.get(field);
			if (value != null && !value.isEmpty()) {
				body.put(field, value);
			}
		}
		body.put("consent", values.containsKey("consent"));
		if (!source.isEmpty()) {
			body.put("source", source);
		}
		return body;
	}

	@PostMapping(path = "/contact", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<byte[]> contact(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
		Map<String, String> values = values(form, "name", "company", "email", "phone", "message", "consent");
		Map<String, Object> body = leadBody(values, List.of("name", "company", "phone", "email", "message"),
				this.sources.ofForm(form, request));
		try {
			this.calls.submit(Backend.LEADS_FORMS, () -> this.leads.contact(body, client(request)));
		}
		catch (FormRejectedException ex) {
			return formPage("contact", HttpStatus.BAD_REQUEST, rejected(values, ex), null);
		}
		catch (BackendUnavailableException ex) {
			return unavailable("contact", values);
		}
		return seeOther(URI.create("/contact/sent"));
	}

	@GetMapping("/contact/sent")
	ResponseEntity<byte[]> sent() {
		return formPage("contact", HttpStatus.OK, FormState.EMPTY, CONTACT_SENT);
	}

	@PostMapping(path = "/subscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<byte[]> subscribe(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
		Map<String, String> values = values(form, "email", "frequency", "consent");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("email", values.getOrDefault("email", ""));
		String frequency = values.get("frequency");
		if (frequency != null && !frequency.isEmpty()) {
			body.put("frequency", frequency);
		}
		List<String> topics = form.getOrDefault("topics", List.of())
			.stream()
			.map(String::strip)
			.filter(topic -> !topic.isEmpty())
			.toList();
		if (!topics.isEmpty()) {
			body.put("topics", topics);
		}
		body.put("consent", values.containsKey("consent"));
		try {
			this.calls.submit(Backend.NEWSLETTER, () -> this.newsletter.subscribe(body, client(request)));
		}
		catch (FormRejectedException ex) {
			return formPage("subscribe", HttpStatus.BAD_REQUEST, rejected(values, ex), null);
		}
		catch (BackendUnavailableException ex) {
			return unavailable("subscribe", values);
		}
		// The page the script goes to after a subscription: "check your mailbox".
		return seeOther(URI.create("/subscribe?sent=" + Cards.query(values.getOrDefault("email", ""))));
	}

	/**
	 * The client as the gateway decided it (Tomcat's RemoteIpValve read its
	 * X-Forwarded-For): leads and subscriptions record it with the consent.
	 */
	static Map<String, String> client(HttpServletRequest request) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Forwarded-For", request.getRemoteAddr());
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		if (userAgent != null) {
			headers.put(HttpHeaders.USER_AGENT, userAgent);
		}
		return headers;
	}

	/** The posted fields, stripped; an unchecked checkbox is absent. */
	static Map<String, String> values(MultiValueMap<String, String> form, String... fields) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : fields) {
			String value = form.getFirst(field);
			if (value != null) {
				values.put(field, value.strip());
			}
		}
		return values;
	}

	/** The service's field errors at their fields, its detail (or a summary) above. */
	static FormState rejected(Map<String, String> values, FormRejectedException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		StringBuilder unplaced = new StringBuilder();
		JsonNode problem = parse(ex.problem());
		JsonNode list = problem.path("errors");
		if (list.isArray()) {
			for (JsonNode error : list) {
				String field = error.path("field").asString("");
				String top = field.split("[.\\[]", 2)[0];
				String message = FormState.fieldMessage(error.path("message").asString(""));
				if (values.containsKey(top) || List
					.of("name", "company", "email", "phone", "title", "message", "consent", "frequency", "topics")
					.contains(top)) {
					errors.putIfAbsent(top, message);
				}
				else {
					unplaced.append(' ').append(message);
				}
			}
		}
		String message;
		if (!errors.isEmpty() && unplaced.isEmpty()) {
			message = "请按提示修改标出的内容。";
		}
		else {
			String detail = problem.path("detail").asString("");
			message = ((detail.isEmpty() ? "提交未成功,请检查后重试。" : FormState.fieldMessage(detail)) + unplaced).strip();
		}
		return new FormState(values, errors, message);
	}

	private static JsonNode parse(String problem) {
		try {
			JsonNode node = JSON.readTree((problem != null) ? problem : "");
			return (node != null) ? node : JSON.createObjectNode();
		}
		catch (JacksonException ex) {
			return JSON.createObjectNode();
		}
	}

	private ResponseEntity<byte[]> unavailable(String kind, Map<String, String> values) {
		ResponseEntity<byte[]> page = formPage(kind, HttpStatus.SERVICE_UNAVAILABLE,
				new FormState(values, Map.of(), "暂时无法提交,请稍后再试。"), null);
		return ResponseEntity.status(page.getStatusCode())
			.headers(page.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS)
			.body(page.getBody());
	}

	static ResponseEntity<byte[]> seeOther(URI location) {
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.location(location)
			.cacheControl(Html.PRIVATE)
			.body(new byte[0]);
	}

	/** The page the form belongs to, with the form in {@code state} or the thanks. */
	private ResponseEntity<byte[]> formPage(String kind, HttpStatus status, FormState state, String sent) {
		AsideParts.Pending aside = this.asides.start(false);
		String title;
		String body;
		String path;
		String current = null;
		if ("subscribe".equals(kind)) {
			title = "邮件订阅";
			body = "<p>精选 AI 资讯,直达邮箱。随时一键退订。</p>";
			path = "/subscribe";
		}
		else {
			SitePage page = contactPage();
			title = (page != null && page.title() != null) ? page.title() : "联系我们";
			body = (page != null) ? page.body() : null;
			path = "/contact";
			current = "/contact";
		}
		Head head = this.frames.head(title, title, path).noindexed();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("page", new FormPage(title, body, kind, state, sent));
		params.put("aside", aside.aside());
		params.put("frame", this.frames.frame(head, "form", current, null));
		return this.html.page(status, Html.PRIVATE, "pages/form.jte", params);
	}

	/** The contact page's text editors maintain, or null when it cannot be read now. */
	private SitePage contactPage() {
		try {
			return this.parts.sitePage("contact");
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
