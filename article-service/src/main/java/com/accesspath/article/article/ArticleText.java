package com.accesspath.article.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import com.accesspath.article.search.SearchTerms;

/**
 * What is derived from an article's text on write: the sanitised body, reading time and a
 * readable slug. The sanitiser is public: site pages' bodies go through the same policy.
 */
public final class ArticleText {

	/**
	 * Formatting, blocks, links, images and tables survive; scripts, event handlers,
	 * styles and {@code javascript:} URLs do not (the OWASP policies only allow http,
	 * https and mailto URLs).
	 */
	private static final PolicyFactory BODY_POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.IMAGES)
		.and(Sanitizers.TABLES)
		.and(new HtmlPolicyBuilder().allowElements("figure", "figcaption", "pre", "code", "hr", "br", "span")
			.toFactory());

	static final int CHINESE_CHARACTERS_PER_MINUTE = 400;

	static final int ENGLISH_WORDS_PER_MINUTE = 200;

	static final int MAX_SLUG_LENGTH = 60;

	private static final HanyuPinyinOutputFormat PINYIN = pinyinFormat();

	private ArticleText() {
	}

	/**
	 * The HTML an article body (or a site page's body) is stored as: scripts, event
	 * handlers, styles and {@code javascript:} URLs removed.
	 */
	public static String sanitize(String html) {
		return BODY_POLICY.sanitize(html);
	}

	static int readingMinutes(String sanitizedHtml) {
		String text = SearchTerms.plainText(sanitizedHtml);
		long chinese = text.codePoints()
			.filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
			.count();
		long words = 0;
		for (String word : text.replaceAll("\\p{IsHan}", " ").split("[^\\p{L}\\p{N}']+")) {
			if (!word.isEmpty()) {
				words++;
			}
		}
		double minutes = (double) chinese / CHINESE_CHARACTERS_PER_MINUTE + (double) words / ENGLISH_WORDS_PER_MINUTE;
		return Math.max(1, (int) Math.ceil(minutes));
	}

	/**
	 * A readable ASCII slug: Chinese as pinyin, Latin words kept, lower case, hyphenated,
	 * at most 60 characters.
	 */
	static String slugOf(String title) {
		List<String> words = new ArrayList<>();
		StringBuilder latin = new StringBuilder();
		for (char c : title.toCharArray()) {
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
				latin.append(Character.toLowerCase(c));
				continue;
			}
			flush(latin, words);
			String pinyin = pinyin(c);
			if (pinyin != null) {
				words.add(pinyin);
			}
		}
		flush(latin, words);
		StringBuilder slug = new StringBuilder();
		for (String word : words) {
			if (slug.length() + word.length() + 1 > MAX_SLUG_LENGTH) {
				break;
			}
			slug.append(slug.isEmpty() ? "" : "-").append(word);
		}
		return slug.isEmpty() ? "article" : slug.toString();
	}

	private static void flush(StringBuilder latin, List<String> words) {
		if (!latin.isEmpty()) {
			words.add(latin.toString());
			latin.setLength(0);
		}
	}

	private static String pinyin(char c) {
		if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
			return null;
		}
		try {
			String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, PINYIN);
			return (readings == null || readings.length == 0) ? null
					: readings[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static HanyuPinyinOutputFormat pinyinFormat() {
		HanyuPinyinOutputFormat format = new HanyuPinyinOutputFormat();
		format.setCaseType(HanyuPinyinCaseType.LOWERCASE);
		format.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
		format.setVCharType(HanyuPinyinVCharType.WITH_V);
		return format;
	}

}
