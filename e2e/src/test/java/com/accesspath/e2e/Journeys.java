package com.accesspath.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each journey in a browser of its own (a new anonymous visitor), against the platform.
 */
@ExtendWith(Platform.class)
abstract class Journeys {

	Browser browser;

	@RegisterExtension
	final FailureScreenshots failureScreenshots = new FailureScreenshots(() -> this.browser);

	@BeforeEach
	void openBrowser() throws Exception {
		this.browser = Browser.open();
	}

	@AfterEach
	void closeBrowser() throws Exception {
		this.browser.close();
	}

}
