package com.accesspath.site.backend;

/**
 * A service refused what a reader posted (400, 422 and other 4xx answers): the form is
 * shown again with {@code problem}'s message and field errors.
 *
 * @see ServiceCalls#submit
 */
public class FormRejectedException extends RuntimeException {

	private final int status;

	private final String problem;

	FormRejectedException(int status, String problem, Throwable cause) {
		super("A service refused the form (" + status + ").", cause);
		this.status = status;
		this.problem = problem;
	}

	/** The service's status. */
	public int status() {
		return this.status;
	}

	/** The service's answer (a problem+json document, or whatever it sent). */
	public String problem() {
		return this.problem;
	}

}
