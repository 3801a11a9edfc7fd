package com.accesspath.boot.resilience;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when a call to another service fell back, and to what, once per outage: the first
 * fallback of a call is a WARN naming what the caller now does instead, later ones are
 * DEBUG, and the first success after them is an INFO. A degraded answer therefore always
 * leaves a trace, without one stack trace per request during an outage.
 *
 * <pre>
 * catch (RuntimeException ex) {
 *     this.fallbacks.degraded("article-service", "digest sent without new articles", ex);
 *     return List.of();
 * }
 * </pre>
 */
public class Fallbacks {

	private static final Logger log = LoggerFactory.getLogger(Fallbacks.class);

	private final Set<String> degraded = ConcurrentHashMap.newKeySet();

	/**
	 * Records that a call to {@code service} failed and the caller {@code degradesTo}
	 * something less.
	 * @param service the callee (the breaker's name)
	 * @param degradesTo what the caller answers instead, in words
	 * @param cause why the call failed
	 */
	public void degraded(String service, String degradesTo, Throwable cause) {
		if (this.degraded.add(service + '\u0000' + degradesTo)) {
			log.warn("{} failed ({}); fallback: {}", service, describe(cause), degradesTo);
		}
		else if (log.isDebugEnabled()) {
			log.debug("{} still failing ({}); fallback: {}", service, describe(cause), degradesTo);
		}
	}

	/**
	 * Records that a call to {@code service} succeeded: the next fallback is logged
	 * again.
	 */
	public void recovered(String service) {
		String prefix = service + '\u0000';
		if (this.degraded.removeIf(key -> key.startsWith(prefix))) {
			log.info("{} answers again; fallbacks ended", service);
		}
	}

	/** Whether some call to {@code service} is currently answered by a fallback. */
	public boolean isDegraded(String service) {
		String prefix = service + '\u0000';
		return this.degraded.stream().anyMatch(key -> key.startsWith(prefix));
	}

	private static String describe(Throwable cause) {
		if (cause == null) {
			return "no cause";
		}
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message == null) ? "" : ": " + message);
	}

}
