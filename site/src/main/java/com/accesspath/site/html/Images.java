package com.accesspath.site.html;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Responsive images for files of the media library ({@code /media/{id}/{file}}): each is
 * also served at the library's rendition widths ({@code ?w=}, the full image where it is
 * narrower), so a phone loads a 320- or 640-pixel file, not the 2560-pixel one. Other
 * images (an outside http(s) URL) are left as they are.
 */
public final class Images {

	/** article-service's {@code accesspath.media.rendition-widths} (its default). */
	static final List<Integer> WIDTHS = List.of(320, 640, 1280);

	private static final Pattern LIBRARY = Pattern.compile("/media/[0-9a-f]{32}/[a-z0-9-]+\\.[a-z]{3,4}");

	/**
	 * An {@code <img>} of the body whose source is a library file, without srcset yet.
	 */
	private static final Pattern BODY_IMAGE = Pattern.compile(
			"<img((?:(?!srcset=)[^>])*?) src=\"(/media/[0-9a-f]{32}/[a-z0-9-]+\\.[a-z]{3,4})\"((?:(?!srcset=)[^>])*)>");

	private Images() {
	}

	/**
	 * The {@code srcset} of a library image, or null (the attribute is then left out).
	 */
	public static String srcset(String url) {
		if (url == null || !LIBRARY.matcher(url).matches()) {
			return null;
		}
		return WIDTHS.stream().map(width -> url + "?w=" + width + " " + width + "w").collect(Collectors.joining(", "));
	}

	/**
	 * An article body with its library images made responsive: {@code srcset},
	 * {@code sizes} for the article column, and lazy loading.
	 */
	static String responsiveBody(String html) {
		Matcher matcher = BODY_IMAGE.matcher(html);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String url = matcher.group(2);
			matcher.appendReplacement(out,
					Matcher.quoteReplacement("<img" + matcher.group(1) + " src=\"" + url + "\" srcset=\"" + srcset(url)
							+ "\" sizes=\"(max-width: 760px) 100vw, 720px\" loading=\"lazy\"" + " decoding=\"async\""
							+ matcher.group(3) + ">"));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
