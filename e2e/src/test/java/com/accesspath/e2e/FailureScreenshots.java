package com.accesspath.e2e;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * When a journey fails, what the browser showed at that moment:
 * {@code target/screenshots/FAILED-<test>-*.png}.
 */
final class FailureScreenshots implements AfterTestExecutionCallback {

	private final Supplier<Browser> browser;

	FailureScreenshots(Supplier<Browser> browser) {
		this.browser = browser;
	}

	@Override
	public void afterTestExecution(ExtensionContext context) throws Exception {
		Browser current = this.browser.get();
		if (context.getExecutionException().isPresent() && current != null) {
			current.screenshots("FAILED-" + context.getRequiredTestMethod().getName());
		}
	}

}
