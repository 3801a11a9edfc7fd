package com.accesspath.gateway.edgecache;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class CachedResponseTests {

	@Test
	void freshThenRevalidatableThenOnlyForErrorsThenGone() {
		long stored = Long.MAX_VALUE - 50; // nanoTime may be near overflow: comparisons
											// are by difference
		CachedResponse response = new CachedResponse(200, new HttpHeaders(), new byte[0], stored, stored + 10,
				stored + 20, stored + 40);
		assertThat(response.freshAt(stored + 9)).isTrue();
		assertThat(response.freshAt(stored + 10)).isFalse();
		assertThat(response.revalidatableAt(stored + 19)).isTrue();
		assertThat(response.revalidatableAt(stored + 20)).isFalse();
		assertThat(response.usableOnErrorAt(stored + 39)).isTrue();
		assertThat(response.usableOnErrorAt(stored + 40)).isFalse();
	}

}
