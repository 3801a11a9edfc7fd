package com.accesspath.newsletter.wechat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SignablePagesTests {

	private final SignablePages site = new SignablePages("https://www.accesspath.cn");

	private final SignablePages underPath = new SignablePages("https://www.accesspath.cn/blog/");

	@ParameterizedTest
	@ValueSource(strings = { "https://www.accesspath.cn", "https://www.accesspath.cn/",
			"https://www.accesspath.cn/articles/ai-agent?from=timeline&isappinstalled=0",
			"HTTPS://WWW.AccessPath.CN/articles/x", "https://www.accesspath.cn:443/articles/x",
			"https://www.accesspath.cn/search?q=%E5%A4%A7%E6%A8%A1%E5%9E%8B" })
	void pagesOfTheSiteAreSignedAsGiven(String url) {
		assertThat(this.site.signable(url)).hasValue(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://www.accesspath.cn/articles/x#comments", "https://www.accesspath.cn/a?b=c#",
			"https://www.accesspath.cn/a#x#y" })
	void theFragmentIsNotSigned(String url) {
		assertThat(this.site.signable(url)).hasValue(url.substring(0, url.indexOf('#')));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/articles/x", "//www.accesspath.cn/articles/x", "www.accesspath.cn/articles/x",
			"http://www.accesspath.cn/articles/x", "https://www.accesspath.cn.evil.com/articles/x",
			"https://evil.com/www.accesspath.cn", "https://www.accesspath.cn@evil.com/",
			"https://user:pass@www.accesspath.cn/", "https://evil.com\\@www.accesspath.cn/",
			"https://evil.com#@www.accesspath.cn/", "https://www.accesspath.cn:8443/articles/x",
			"https://accesspath.cn/articles/x", "javascript:alert(1)//https://www.accesspath.cn/",
			"data:text/html,https://www.accesspath.cn", "https://www.accesspath.cn/a b",
			"https://www.accesspath.cn/a\nb", "ftp://www.accesspath.cn/" })
	void anythingElseIsNot(String url) {
		assertThat(this.site.signable(url)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://www.accesspath.cn/blogger", "https://www.accesspath.cn/",
			"https://www.accesspath.cn/blog/../admin", "https://www.accesspath.cn/blog/%2e%2e/admin",
			"https://www.accesspath.cn/blog/./x" })
	void aPathPrefixIsASegmentBoundaryAndCannotBeEscaped(String url) {
		assertThat(this.underPath.signable(url)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://www.accesspath.cn/blog", "https://www.accesspath.cn/blog/",
			"https://www.accesspath.cn/blog/articles/x?y=1" })
	void pagesUnderThePathPrefixAreSigned(String url) {
		assertThat(this.underPath.signable(url)).hasValue(url);
	}

	@ParameterizedTest
	@ValueSource(ints = { SignablePages.MAX_LENGTH + 1 })
	void overlongUrlsAreRefused(int length) {
		String url = "https://www.accesspath.cn/?q=" + "a".repeat(length);
		assertThat(this.site.signable(url)).isEmpty();
	}

}
