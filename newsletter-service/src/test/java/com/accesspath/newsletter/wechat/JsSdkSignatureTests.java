package com.accesspath.newsletter.wechat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsSdkSignatureTests {

	@Test
	void matchesWeChatsPublishedExample() {
		// JS-SDK documentation, 附录1 (JS-SDK使用权限签名算法).
		assertThat(JsSdkSignature.of(
				"sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
				"Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value"))
			.isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
	}

	@Test
	void everyFieldCounts() {
		String base = JsSdkSignature.of("t", "n", 1L, "https://www.accesspath.cn/a");
		assertThat(JsSdkSignature.of("t2", "n", 1L, "https://www.accesspath.cn/a")).isNotEqualTo(base);
		assertThat(JsSdkSignature.of("t", "n2", 1L, "https://www.accesspath.cn/a")).isNotEqualTo(base);
		assertThat(JsSdkSignature.of("t", "n", 2L, "https://www.accesspath.cn/a")).isNotEqualTo(base);
		assertThat(JsSdkSignature.of("t", "n", 1L, "https://www.accesspath.cn/b")).isNotEqualTo(base);
	}

}
