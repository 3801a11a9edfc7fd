package com.accesspath.article.web;

import org.springframework.security.oauth2.jwt.Jwt;

/** Who an editor is, as their saves and uploads record them. */
public final class Editors {

	private Editors() {
	}

	/** The token's {@code name} claim when it has one, else its subject. */
	public static String nameOf(Jwt editor) {
		if (editor == null) {
			return null;
		}
		String name = editor.getClaimAsString("name");
		return (name != null && !name.isBlank()) ? name : editor.getSubject();
	}

}
