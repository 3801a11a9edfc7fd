package com.accesspath.article.site;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.article.article.ArticleText;
import com.accesspath.article.site.SiteCache.CachedJson;
import com.accesspath.article.site.SiteRequests.SitePageRequest;
import com.accesspath.article.site.SiteRequests.SiteSettingsRequest;
import com.accesspath.article.site.SiteResponses.SitePageResponse;
import com.accesspath.article.site.SiteResponses.SiteSettingsResponse;

/**
 * Reading (from memory) and writing the site's settings and pages. A PUT without
 * {@code If-Match} creates what does not exist yet; changing what exists needs the
 * version the editor saw ({@code If-Match}), checked in the same single-document write.
 * Page bodies are sanitised like articles' bodies.
 */
@Service
class SiteService {

	/** What a PUT stored, and whether it was created by it (201) or changed (200). */
	record Saved<T>(T value, boolean created) {
	}

	private static final Pattern SLUG = Pattern.compile(SiteRequests.SLUG);

	private final SiteRepository repository;

	private final SiteCache cache;

	private final JsonMapper json;

	private final Clock clock;

	SiteService(SiteRepository repository, SiteCache cache, JsonMapper json, Clock clock) {
		this.repository = repository;
		this.cache = cache;
		this.json = json;
		this.clock = clock;
	}

	/** The settings as readers get them, serialised, from memory when possible. */
	Optional<CachedJson> publicSettings() {
		return this.cache.settings(() -> this.repository.findSettings()
			.map(settings -> serialised(SiteSettingsResponse.of(settings), settings.version()))
			.orElse(CachedJson.ABSENT));
	}

	/**
	 * The page as readers get it, serialised, from memory when possible; a slug that no
	 * page can have is not looked up.
	 */
	Optional<CachedJson> publicPage(String slug) {
		if (!isSlug(slug)) {
			return Optional.empty();
		}
		return this.cache.page(slug,
				() -> this.repository.findPage(slug)
					.map(page -> serialised(SitePageResponse.of(page), page.version()))
					.orElse(CachedJson.ABSENT));
	}

	SiteSettings settings() {
		return this.repository.findSettings().orElseThrow(SiteNotFoundException::settings);
	}

	SitePage page(String slug) {
		return (isSlug(slug) ? this.repository.findPage(slug) : Optional.<SitePage>empty())
			.orElseThrow(() -> SiteNotFoundException.page(slug));
	}

	List<SitePage> pages() {
		return this.repository.findPages();
	}

	/**
	 * Replaces the settings: without {@code expectedVersion} only when there are none yet
	 * (else 428), with it only when it is still the stored version (else 412).
	 */
	Saved<SiteSettings> putSettings(Long expectedVersion, SiteSettingsRequest request) {
		Instant now = now();
		SiteSettings.WeChat wechat = new SiteSettings.WeChat(optional(request.wechat().account()),
				optional(request.wechat().qrImage()));
		SiteSettings.Contact contact = new SiteSettings.Contact(optional(request.contact().email()),
				optional(request.contact().phone()), optional(request.contact().address()));
		if (expectedVersion == null) {
			SiteSettings created = this.repository
				.insertSettings(new SiteSettings(SiteSettings.ID, request.name().strip(), request.legalName().strip(),
						optional(request.icp()), optional(request.publicSecurityRecord()), wechat, contact, now, 1))
				.orElseThrow(() -> ifMatchRequired("The site's settings exist"));
			this.cache.clear();
			return new Saved<>(created, true);
		}
		Update update = new Update().set("name", request.name().strip())
			.set("legalName", request.legalName().strip())
			.set("icp", optional(request.icp()))
			.set("publicSecurityRecord", optional(request.publicSecurityRecord()))
			.set("wechat", wechat)
			.set("contact", contact)
			.set("updatedAt", now);
		SiteSettings saved = this.repository.updateSettingsIfVersion(expectedVersion, update)
			.orElseThrow(() -> stale("The site's settings", expectedVersion, this.repository.findSettings().isEmpty()));
		this.cache.clear();
		return new Saved<>(saved, false);
	}

	/**
	 * Creates the page (no {@code expectedVersion}; 428 when it exists) or changes it
	 * (only while {@code expectedVersion} is the stored version, else 412).
	 */
	Saved<SitePage> putPage(String slug, Long expectedVersion, SitePageRequest request) {
		Instant now = now();
		String title = request.title().strip();
		String body = ArticleText.sanitize(request.body());
		if (expectedVersion == null) {
			SitePage created = this.repository.insertPage(new SitePage(slug, title, body, now, now, 1))
				.orElseThrow(() -> ifMatchRequired("The page '" + slug + "' exists"));
			this.cache.clear();
			return new Saved<>(created, true);
		}
		Update update = new Update().set("title", title).set("body", body).set("updatedAt", now);
		SitePage saved = this.repository.updatePageIfVersion(slug, expectedVersion, update)
			.orElseThrow(
					() -> stale("The page '" + slug + "'", expectedVersion, this.repository.findPage(slug).isEmpty()));
		this.cache.clear();
		return new Saved<>(saved, false);
	}

	/** For demo content: stores the settings unless there are some; true when stored. */
	boolean addSettingsIfAbsent(SiteSettingsRequest request) {
		if (this.repository.findSettings().isPresent()) {
			return false;
		}
		try {
			putSettings(null, request);
			return true;
		}
		catch (ResponseStatusException ex) {
			// Another replica stored them in the meantime.
			return false;
		}
	}

	/**
	 * For demo content: stores the page unless one has its slug (an editor's text is
	 * never replaced); true when stored.
	 */
	boolean addPageIfAbsent(String slug, SitePageRequest request) {
		if (this.repository.findPage(slug).isPresent()) {
			return false;
		}
		try {
			putPage(slug, null, request);
			return true;
		}
		catch (ResponseStatusException ex) {
			return false;
		}
	}

	/** Stored times have millisecond precision: answer what a later read will. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	static boolean isSlug(String slug) {
		return slug != null && SLUG.matcher(slug).matches();
	}

	static String etag(long version) {
		return "\"" + version + "\"";
	}

	private CachedJson serialised(Object response, long version) {
		return new CachedJson(this.json.writeValueAsString(response).getBytes(StandardCharsets.UTF_8), etag(version));
	}

	private static String optional(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private static ResponseStatusException ifMatchRequired(String what) {
		return new ResponseStatusException(HttpStatus.PRECONDITION_REQUIRED,
				what + ": send If-Match with the version you edited, e.g. If-Match: \"3\".");
	}

	private static ResponseStatusException stale(String what, long expectedVersion, boolean absent) {
		if (absent) {
			return new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
					what + " does not exist yet: send the PUT without If-Match to create it.");
		}
		return new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
				what + " was changed by someone else since version " + expectedVersion + "; reload it and edit again.");
	}

}
