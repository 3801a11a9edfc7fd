package com.accesspath.site.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.site.content.Parallel;
import com.accesspath.site.backend.ArticleServiceClient.Category;
import com.accesspath.site.backend.ArticleServiceClient.Site;
import com.accesspath.site.backend.Backend;
import com.accesspath.site.content.Categories;
import com.accesspath.site.content.PageParts;

/**
 * {@code /}: the headline (an article marked {@code featured}, else the newest of the
 * news sections), the newest of each AI 资讯 section, and the aside with the diagnosis
 * counter.
 */
@RestController
public class HomePageController {

	private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

	/** A news section of the home page ({@code #latest-<key>}). */
	public record Section(String key, String name, List<Cards.Card> cards) {
	}

	private final PageParts parts;

	private final Categories categories;

	private final Parallel parallel;

	private final AsideParts asides;

	private final Frames frames;

	private final Html html;

	private final RenderedPages rendered;

	HomePageController(PageParts parts, Categories categories, Parallel parallel, AsideParts asides, Frames frames,
			Html html, RenderedPages rendered) {
		this.rendered = rendered;
		this.parts = parts;
		this.categories = categories;
		this.parallel = parallel;
		this.asides = asides;
		this.frames = frames;
		this.html = html;
	}

	@GetMapping("/")
	ResponseEntity<byte[]> home() {
		return this.rendered.page("home", this::render);
	}

	private ResponseEntity<byte[]> render() {
		AsideParts.Pending aside = this.asides.start(true);
		// The taxonomy is needed to know the sections: without it the page cannot be
		// built (a 503 when article-service was never read).
		List<Category> tree = this.categories.tree();
		Map<Category, CompletableFuture<JsonNode>> newest = new LinkedHashMap<>();
		for (Category leaf : leavesOfFirstGroup(tree)) {
			newest.put(leaf, this.parallel.optional(() -> this.parts.newest(leaf.key()), Backend.ARTICLE,
					"home page with empty sections", EMPTY));
		}
		CompletableFuture<JsonNode> featured = this.parallel.optional(this.parts::featured, Backend.ARTICLE,
				"home page without its 头条", null);
		List<Section> sections = new ArrayList<>();
		List<Cards.Card> all = new ArrayList<>();
		newest.forEach((leaf, items) -> {
			List<Cards.Card> cards = Cards.cards(Parallel.join(items), tree);
			all.addAll(cards);
			sections.add(new Section(leaf.key(), leaf.name(), cards.subList(0, Math.min(4, cards.size()))));
		});
		JsonNode chosen = Parallel.join(featured);
		List<Cards.Card> featuredCards = (chosen != null)
				? Cards.cards(JsonNodeFactory.instance.arrayNode().add(chosen), tree) : List.of();
		Cards.Card headline = featuredCards.stream()
			.findFirst()
			.orElseGet(() -> all.stream()
				.max(Comparator.comparing(card -> String.valueOf(card.publishedAt())))
				.orElse(null));
		Aside sidebar = aside.aside();
		Site site = this.frames.settings();
		Head head = this.frames.head(null, site.name() + ":人工智能资讯、研究与企业 AI 落地服务。", "/");
		head = head.withJsonLd(List.of(JsonLd.script(organization(site)), JsonLd.script(webSite(site))));
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("frame", this.frames.frame(head, "home", "/", null));
		params.put("headline", headline);
		params.put("sections", sections);
		params.put("aside", sidebar);
		return this.html.page(HttpStatus.OK, Html.PUBLIC, "pages/home.jte", params);
	}

	private static List<Category> leavesOfFirstGroup(List<Category> tree) {
		List<Category> leaves = new ArrayList<>();
		if (!tree.isEmpty()) {
			collect(tree.get(0), leaves);
		}
		return leaves;
	}

	private static void collect(Category node, List<Category> leaves) {
		if (node.isLeaf()) {
			leaves.add(node);
		}
		else {
			node.children().forEach(child -> collect(child, leaves));
		}
	}

	private Map<String, Object> organization(Site site) {
		Map<String, Object> ld = new LinkedHashMap<>();
		ld.put("@context", "https://schema.org");
		ld.put("@type", "Organization");
		ld.put("name", site.name());
		ld.put("legalName", site.legalName());
		ld.put("url", this.frames.absolute("/"));
		ld.put("logo", this.frames.absolute("/assets/favicon.svg"));
		return ld;
	}

	private Map<String, Object> webSite(Site site) {
		Map<String, Object> action = new LinkedHashMap<>();
		action.put("@type", "SearchAction");
		action.put("target", this.frames.absolute("/search?q={search_term_string}"));
		action.put("query-input", "required name=search_term_string");
		Map<String, Object> ld = new LinkedHashMap<>();
		ld.put("@context", "https://schema.org");
		ld.put("@type", "WebSite");
		ld.put("name", site.name());
		ld.put("url", this.frames.absolute("/"));
		ld.put("potentialAction", action);
		return ld;
	}

}
