package com.accesspath.article.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.huaban.analysis.jieba.JiebaSegmenter;
import com.huaban.analysis.jieba.SegToken;

import org.springframework.stereotype.Component;

/**
 * Turns text into search terms. MongoDB's text index does not segment Chinese, so
 * articles store the terms computed here (jieba in search mode, which also emits the
 * shorter words inside long ones; English lower-cased) and queries are segmented the same
 * way.
 */
@Component
public class SearchTerms {

	private static final Pattern TAGS = Pattern.compile("<[^>]*>");

	private static final Pattern HAS_WORD_CHARACTER = Pattern.compile("[\\p{L}\\p{N}]");

	/**
	 * Function words that match nearly every article; a query of only these finds
	 * nothing.
	 */
	private static final Set<String> STOP_WORDS = Set.of("的", "了", "和", "是", "在", "与", "及", "等", "也", "就", "都", "而",
			"把", "被", "对", "从", "这", "那", "之", "其", "为", "以", "于", "将", "或", "一个", "我们", "他们", "它们", "你", "我", "他", "她",
			"它", "着", "过", "吗", "呢", "吧", "啊", "并", "又", "但", "还", "让", "给", "向", "所", "中", "上", "下", "个", "有", "要",
			"会", "可以", "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "is", "are", "was", "were", "be",
			"with", "by", "at", "as", "it", "this", "that", "from");

	/** Articles keep at most this many distinct terms; long bodies repeat themselves. */
	static final int MAX_TERMS = 3000;

	/**
	 * jieba reads its dictionary (1.3 s here) when created: in the background, so the
	 * service is up without waiting for it; the first text to segment waits instead.
	 */
	private final CompletableFuture<JiebaSegmenter> segmenter = loadInBackground();

	private static CompletableFuture<JiebaSegmenter> loadInBackground() {
		CompletableFuture<JiebaSegmenter> loaded = new CompletableFuture<>();
		Thread loader = new Thread(() -> {
			try {
				loaded.complete(new JiebaSegmenter());
			}
			catch (RuntimeException | Error ex) {
				loaded.completeExceptionally(ex);
			}
		}, "jieba-dictionary");
		loader.setDaemon(true);
		loader.start();
		return loaded;
	}

	/** Distinct terms of an article, title first. */
	public List<String> ofDocument(String title, String summary, String bodyHtml, List<String> tags) {
		Set<String> terms = new LinkedHashSet<>();
		for (String tag : tags) {
			terms.add(tag.toLowerCase(Locale.ROOT));
			terms.addAll(segment(tag));
		}
		terms.addAll(segment(title));
		terms.addAll(segment(summary));
		terms.addAll(segment(plainText(bodyHtml)));
		return terms.stream().limit(MAX_TERMS).toList();
	}

	/** Distinct terms of a query; empty when it holds only stop words or punctuation. */
	public List<String> ofQuery(String query) {
		if (query == null) {
			return List.of();
		}
		Set<String> terms = new LinkedHashSet<>(segment(query));
		String whole = query.strip().toLowerCase(Locale.ROOT);
		if (!whole.isEmpty() && isTerm(whole) && whole.length() <= 30 && terms.size() > 1) {
			// A multi-word tag such as "prompt engineering" matches as a whole too.
			terms.add(whole);
		}
		return new ArrayList<>(terms);
	}

	private List<String> segment(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		List<String> terms = new ArrayList<>();
		for (SegToken token : this.segmenter.join().process(text, JiebaSegmenter.SegMode.SEARCH)) {
			String term = token.word.strip().toLowerCase(Locale.ROOT);
			if (isTerm(term)) {
				terms.add(term);
			}
		}
		return terms;
	}

	private static boolean isTerm(String term) {
		return !term.isEmpty() && !STOP_WORDS.contains(term) && HAS_WORD_CHARACTER.matcher(term).find();
	}

	/**
	 * Text of sanitised HTML: tags dropped, the few entities the sanitiser writes
	 * decoded.
	 */
	public static String plainText(String html) {
		if (html == null) {
			return "";
		}
		return TAGS.matcher(html)
			.replaceAll(" ")
			.replace("&nbsp;", " ")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#34;", "\"")
			.replace("&#39;", "'")
			.replace("&#64;", "@")
			.replace("&amp;", "&");
	}

}
