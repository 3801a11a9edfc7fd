package com.accesspath.site.source;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The source's values as the API takes them, and the landing cookie's value. */
class VisitSourcesTests {

	@Test
	void aValueLosesItsControlCharactersAndIsCutTo500CharactersWithoutSplittingAPair() {
		assertThat(VisitSources.clean(" a\u0000b\r\nc\u007f ")).isEqualTo("abc");
		assertThat(VisitSources.clean("\u0001 \t")).isNull();
		assertThat(VisitSources.clean(null)).isNull();
		assertThat(VisitSources.clean("x".repeat(501))).hasSize(500);
		String pairs = "a" + "😀".repeat(300);
		assertThat(VisitSources.clean(pairs)).isEqualTo("a" + "😀".repeat(249));
	}

	@Test
	void theCookieRoundTripsItsFieldsAndLeavesOutWhatDoesNotFitMostTellingFirst() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("term", "制".repeat(400));
		values.put("source", "wechat");
		values.put("campaign", "2026 制造业 & more=1");
		values.put("referrer", "https://www.baidu.com/s");
		String encoded = VisitSources.encode(values);
		assertThat(encoded).startsWith("source=wechat&campaign=").doesNotContain("term=");
		assertThat(VisitSources.decode(encoded)).containsExactly(Map.entry("source", "wechat"),
				Map.entry("campaign", "2026 制造业 & more=1"), Map.entry("referrer", "https://www.baidu.com/s"));
	}

	@Test
	void aCookieThatIsNotOursGivesOnlyItsReadableKnownFields() {
		assertThat(VisitSources.decode("id=42&source=%zz&medium=%E&=x&&campaign=ok%0A&scene"))
			.containsExactly(Map.entry("campaign", "ok"));
		assertThat(VisitSources.decode("")).isEmpty();
		assertThat(VisitSources.decode(null)).isEmpty();
	}

}
