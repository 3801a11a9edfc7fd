package com.accesspath.boot;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class BodySizeLimitsTests {

	private final AccessPathProperties.Web limits = new AccessPathProperties.Web(DataSize.ofKilobytes(64),
			DataSize.ofMegabytes(2), DataSize.ofMegabytes(51), List.of("/api/admin/media"));

	@Test
	void onlyTheUploadPathItselfTakesAnUpload() {
		assertThat(this.limits.maxBodySize("/api/admin/media")).isEqualTo(DataSize.ofMegabytes(51).toBytes());
		// Not a prefix: the library's other paths, and a path that merely starts alike,
		// keep the admin limit.
		assertThat(this.limits.maxBodySize("/api/admin/media/abc")).isEqualTo(DataSize.ofMegabytes(2).toBytes());
		assertThat(this.limits.maxBodySize("/api/admin/mediax")).isEqualTo(DataSize.ofMegabytes(2).toBytes());
		assertThat(this.limits.maxBodySize("/api/admin/articles")).isEqualTo(DataSize.ofMegabytes(2).toBytes());
		assertThat(this.limits.maxBodySize("/api/contact")).isEqualTo(DataSize.ofKilobytes(64).toBytes());
		assertThat(this.limits.maxBodySize("/media")).isEqualTo(DataSize.ofKilobytes(64).toBytes());
	}

}
