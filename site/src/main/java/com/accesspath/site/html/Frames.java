package com.accesspath.site.html;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.accesspath.site.backend.ArticleServiceClient.Category;
import com.accesspath.site.backend.ArticleServiceClient.Site;
import com.accesspath.site.backend.BackendUnavailableException;
import com.accesspath.site.config.SiteProperties;
import com.accesspath.site.content.Categories;
import com.accesspath.site.content.SiteSettings;

/**
 * Builds every page's {@link Frame} and {@link Head}. The frame never fails: without a
 * taxonomy the menu has no sections, without settings the defaults are shown.
 */
@Component
public class Frames {

	/** Dates on the site are Beijing's. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final Categories categories;

	private final SiteSettings settings;

	private final SiteProperties properties;

	private final Assets assets;

	private final Clock clock;

	Frames(Categories categories, SiteSettings settings, SiteProperties properties, Assets assets, Clock clock) {
		this.categories = categories;
		this.settings = settings;
		this.properties = properties;
		this.assets = assets;
		this.clock = clock;
	}

	public Site settings() {
		return this.settings.current();
	}

	/** The taxonomy, or none when article-service was never read. */
	public List<Category> tree() {
		try {
			return this.categories.tree();
		}
		catch (BackendUnavailableException ex) {
			return List.of();
		}
	}

	/**
	 * A head for a page: "{title} · {site name}" (the site name alone when title is
	 * null), canonical {@code path} under {@code SITE_URL}, the default share image.
	 */
	public Head head(String title, String description, String path) {
		String name = settings().name();
		String fullTitle = (title == null) ? name : title + " · " + name;
		return new Head(fullTitle, description, absolute(path), "website", absolute("/assets/og-default.png"), null,
				List.of(), false);
	}

	/** {@code path} (encoded, starting with a slash) as an absolute URL of the site. */
	public String absolute(String path) {
		return this.properties.absolute(path);
	}

	/**
	 * The frame of a page whose current menu entry is {@code currentHref} (null: none).
	 */
	public Frame frame(Head head, String dataPage, String currentHref, String query) {
		Site site = settings();
		List<Category> tree = tree();
		List<Frame.Link> nav = new ArrayList<>();
		nav.add(new Frame.Link("/", "首页", "/".equals(currentHref)));
		for (Category section : Taxonomy.sections(tree)) {
			String href = "/category/" + section.key();
			nav.add(new Frame.Link(href, section.name(), href.equals(currentHref)));
		}
		for (String[] page : new String[][] { { "/insights", "洞察" }, { "/services", "服务" }, { "/about", "关于" },
				{ "/contact", "联系我们" } }) {
			nav.add(new Frame.Link(page[0], page[1], page[0].equals(currentHref)));
		}
		List<Frame.Link> groups = tree.stream()
			.map(group -> new Frame.Link("/category/" + group.key(), group.name(), false))
			.toList();
		return new Frame(head, dataPage, site, nav, "/diagnosis".equals(currentHref), groups,
				LocalDate.now(this.clock.withZone(ZONE)).getYear(), query, digits(site.publicSecurityRecord()),
				this.assets.url("/assets/site.css"), this.assets.url("/assets/site.js"));
	}

	private static String digits(String record) {
		if (record == null) {
			return null;
		}
		String digits = record.replaceAll("\\D", "");
		return digits.isEmpty() ? null : digits;
	}

}
