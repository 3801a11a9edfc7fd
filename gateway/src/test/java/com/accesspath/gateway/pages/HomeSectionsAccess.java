package com.accesspath.gateway.pages;

import java.time.Duration;
import java.util.List;

import org.springframework.context.ApplicationContext;

/** Lets the gateway's integration tests read and expire the home page's sections. */
public final class HomeSectionsAccess {

	private HomeSectionsAccess() {
	}

	public static List<String> leaves(ApplicationContext context) {
		return context.getBean(HomeSections.class).leaves().block(Duration.ofSeconds(5));
	}

	public static void forget(ApplicationContext context) {
		context.getBean(HomeSections.class).expire();
	}

}
