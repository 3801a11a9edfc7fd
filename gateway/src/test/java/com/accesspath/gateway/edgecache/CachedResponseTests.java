package com.accesspath.gateway.edgecache;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class CachedResponseTests {

	@Test
	void freshThenRevalidatableThenOnlyForErrorsThenGone() {
		long stored = Long.MAX_VALUE - 50; // nanoTime may be near overflow: comparisons
											// are by difference
		CachedResponse response = CachedResponse.of(200, new HttpHeaders(), new byte[0], stored, stored + 10,
				stored + 20, stored + 40);
		assertThat(response.freshAt(stored + 9)).isTrue();
		assertThat(response.freshAt(stored + 10)).isFalse();
		assertThat(response.revalidatableAt(stored + 19)).isTrue();
		assertThat(response.revalidatableAt(stored + 20)).isFalse();
		assertThat(response.usableOnErrorAt(stored + 39)).isTrue();
		assertThat(response.usableOnErrorAt(stored + 40)).isFalse();
	}

	@Test
	void aReplayFillsInTheRemainingMaxAge() {
		HttpHeaders headers = new HttpHeaders();
		headers.setCacheControl("public, max-age=30, s-maxage=5");
		CachedResponse response = CachedResponse.of(200, headers, new byte[0], 0, 10, 20, 40);
		assertThat(response.cacheControlWithMaxAge(3)).isEqualTo("public, max-age=3, s-maxage=5");
		assertThat(CachedResponse.of(200, new HttpHeaders(), new byte[0], 0, 10, 20, 40).cacheControlWithMaxAge(3))
			.isNull();
	}

}
