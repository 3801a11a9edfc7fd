package com.accesspath.newsletter;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.accesspath.devstack.test.IndexAudit;

/**
 * Issue #21: every query this module's tests made has an index ({@link IndexAudit}). Runs
 * after the other test classes (junit-platform.properties orders classes by
 * {@code @Order}).
 */
@Order(Integer.MAX_VALUE)
class EveryQueryHasAnIndexTests {

	@Test
	void everyQueryTheServiceMadeHasAnIndex() {
		IndexAudit.assertEveryQueryIndexed();
	}

}
