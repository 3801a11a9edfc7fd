package com.accesspath.site.backend;

/**
 * The services the site reads. Each name is at once the HTTP service group
 * ({@code spring.http.serviceclient.<name>}), the circuit breaker and the retry
 * ({@code resilience4j.*.instances.<name>}).
 */
public enum Backend {

	ARTICLE("article-service"), RANKING("ranking-service"), LEADS("leads-service"),

	/**
	 * leads-service for the forms posted without JavaScript: its own group, whose time
	 * limit is a write's, not the diagnosis counter's.
	 */
	LEADS_FORMS("leads-forms"),

	/** newsletter-service, for the subscription form posted without JavaScript. */
	NEWSLETTER("newsletter-service");

	private final String serviceName;

	Backend(String serviceName) {
		this.serviceName = serviceName;
	}

	public String serviceName() {
		return this.serviceName;
	}

}
