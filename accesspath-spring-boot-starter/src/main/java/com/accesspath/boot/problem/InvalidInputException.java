package com.accesspath.boot.problem;

/**
 * Input that passed bean validation but breaks a rule only the service can check (an
 * unknown category key, a slug in use): a 400 that names the field, like any other
 * validation error.
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
