package com.accesspath.article.article;

import org.junit.jupiter.api.Test;

import com.accesspath.boot.env.AccessPathEnvironmentPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSecretTests {

	/**
	 * ./platform token (devstack) and the services' local profile (starter) must agree on
	 * the local secret.
	 */
	@Test
	void launcherTokensAreSignedWithTheSecretTheServicesTrustLocally() {
		assertThat(ArticleFixtures.LOCAL_SECRET).isEqualTo(AccessPathEnvironmentPostProcessor.LOCAL_JWT_SECRET);
	}

}
