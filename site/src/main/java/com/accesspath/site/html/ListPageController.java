package com.accesspath.site.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.site.backend.ArticleServiceClient.Category;
import com.accesspath.site.backend.BadRequestException;
import com.accesspath.site.backend.NotFoundException;
import com.accesspath.site.content.Categories;
import com.accesspath.site.content.PageParts;

/**
 * The lists: {@code /category/{key}}, {@code /tags/{tag}}, {@code /search?q=}, each paged
 * by {@code ?cursor=} links that work without JavaScript.
 */
@RestController
public class ListPageController {

	/** The longest search the site accepts. */
	static final int MAX_QUERY_LENGTH = 200;

	/** What article-service's cursors are made of; anything else is refused here. */
	private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_\\-.~=]{1,512}");

	/** C0 controls and DEL: never part of a search, never echoed back. */
	private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");

	/** A list page's own model; {@code nextHref} is null on the last page. */
	public record ListView(String heading, String intro, List<Cards.Card> cards, String nextHref, String empty,
			List<Frame.Link> subnav, List<Frame.Link> breadcrumb, String query, boolean search) {
	}

	private final PageParts parts;

	private final Categories categories;

	private final AsideParts asides;

	private final Frames frames;

	private final Html html;

	ListPageController(PageParts parts, Categories categories, AsideParts asides, Frames frames, Html html) {
		this.parts = parts;
		this.categories = categories;
		this.asides = asides;
		this.frames = frames;
		this.html = html;
	}

	@GetMapping("/category/{key}")
	ResponseEntity<byte[]> category(@PathVariable String key, @RequestParam(required = false) String cursor) {
		checkCursor(cursor);
		List<Category> tree = this.categories.tree();
		List<Category> trail = Taxonomy.trail(tree, key);
		if (trail.isEmpty()) {
			throw new NotFoundException("No category has that key.");
		}
		AsideParts.Pending aside = this.asides.start(false);
		Category node = trail.get(trail.size() - 1);
		Category root = trail.get(0);
		String path = "/category/" + Cards.path(key);
		JsonNode page = this.parts.listPage(key, null, null, cursor);
		List<Frame.Link> subnav = new ArrayList<>();
		subnav.add(new Frame.Link("/category/" + root.key(), "全部", root == node));
		if (!root.isLeaf()) {
			for (Category child : root.children()) {
				subnav.add(new Frame.Link("/category/" + child.key(), child.name(),
						child == node || trail.contains(child)));
			}
		}
		List<Frame.Link> breadcrumb = new ArrayList<>();
		breadcrumb.add(new Frame.Link("/", "首页", false));
		trail.forEach(n -> breadcrumb.add(new Frame.Link("/category/" + n.key(), n.name(), n == node)));
		ListView view = new ListView(node.name(), null, Cards.cards(page.get("items"), tree), next(path, page, null),
				"这个栏目还没有文章。", subnav, breadcrumb, null, false);
		Head head = this.frames.head(node.name(), node.name() + ":最新文章与深度内容。", path + cursorQuery(cursor));
		return render("category",
				ArticlePageController.categoryRootHref(tree, key) != null
						? ArticlePageController.categoryRootHref(tree, key) : "/category/" + root.key(),
				head, view, aside);
	}

	@GetMapping("/tags/{tag}")
	ResponseEntity<byte[]> tag(@PathVariable String tag, @RequestParam(required = false) String cursor) {
		checkCursor(cursor);
		AsideParts.Pending aside = this.asides.start(false);
		String path = "/tags/" + Cards.path(tag);
		JsonNode page;
		try {
			page = this.parts.listPage(null, tag, null, cursor);
		}
		catch (BadRequestException ex) {
			// A cursor article-service refuses: a 400 only for a tag that exists.
			if (cursor != null) {
				checkTagExists(tag);
			}
			throw ex;
		}
		JsonNode items = page.get("items");
		if (isEmpty(items)) {
			if (cursor == null) {
				throw new NotFoundException("No published article has that tag.");
			}
			// Past the last page of a tag, or a tag that does not exist.
			checkTagExists(tag);
		}
		ListView view = new ListView("#" + tag, null, Cards.cards(items, this.frames.tree()), next(path, page, null),
				"这个标签还没有文章。", List.of(), List.of(new Frame.Link("/", "首页", false)), null, false);
		Head head = this.frames.head("#" + tag, "标签“" + tag + "”下的文章。", path + cursorQuery(cursor));
		return render("tag", null, head, view, aside);
	}

	@GetMapping("/search")
	ResponseEntity<byte[]> search(@RequestParam(required = false) String q,
			@RequestParam(required = false) String cursor) {
		checkCursor(cursor);
		String query = (q != null) ? q.strip() : "";
		if (q != null && CONTROL.matcher(q).find()) {
			throw new BadRequestException("A search has no control characters.");
		}
		if (query.length() > MAX_QUERY_LENGTH) {
			throw new BadRequestException("A search is at most " + MAX_QUERY_LENGTH + " characters.");
		}
		AsideParts.Pending aside = this.asides.start(false);
		ListView view;
		if (query.isEmpty()) {
			view = new ListView("搜索", "搜索标题、摘要和正文中的中英文词语。", List.of(), null, null, List.of(), List.of(), "", true);
		}
		else {
			JsonNode page = this.parts.listPage(null, null, query, cursor);
			view = new ListView("搜索结果", "关键词:" + query, Cards.cards(page.get("items"), this.frames.tree()),
					next("/search", page, query), "没有找到与“" + query + "”相关的文章,换个关键词试试。", List.of(), List.of(), query,
					true);
		}
		Head head = this.frames.head(query.isEmpty() ? "搜索" : "搜索:" + query, "搜索 AI 资讯、报告与案例。", "/search");
		return render("search", null, head.noindexed(), view, aside);
	}

	private ResponseEntity<byte[]> render(String dataPage, String current, Head head, ListView view,
			AsideParts.Pending aside) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("list", view);
		params.put("aside", aside.aside());
		params.put("frame", this.frames.frame(head, dataPage, current, view.query()));
		return this.html.page(HttpStatus.OK, Html.PUBLIC, "pages/list.jte", params);
	}

	private static String next(String path, JsonNode page, String query) {
		String cursor = Cards.text(page, "nextCursor");
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		return path + "?cursor=" + Cards.query(cursor) + ((query != null) ? "&q=" + Cards.query(query) : "");
	}

	private static String cursorQuery(String cursor) {
		return (cursor != null) ? "?cursor=" + Cards.query(cursor) : "";
	}

	/** A 404 unless some published article has {@code tag}. */
	private void checkTagExists(String tag) {
		if (isEmpty(this.parts.listPage(null, tag, null, null).get("items"))) {
			throw new NotFoundException("No published article has that tag.");
		}
	}

	private static boolean isEmpty(JsonNode items) {
		return items == null || items.isEmpty();
	}

	private static void checkCursor(String cursor) {
		if (cursor != null && !CURSOR.matcher(cursor).matches()) {
			throw new BadRequestException("That is not a cursor this site gave out.");
		}
	}

}
