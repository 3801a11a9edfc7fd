package com.accesspath.newsletter.mail;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Mustache templates under {@code mail/}: {@code <name>.html} and {@code <name>.txt} for
 * every email.
 */
@Component
public class MailTemplates {

	private final Map<String, Template> templates = new ConcurrentHashMap<>();

	public String render(String name, Object context) {
		return this.templates.computeIfAbsent(name, MailTemplates::compile).execute(context);
	}

	private static Template compile(String name) {
		try (Reader reader = new InputStreamReader(new ClassPathResource("mail/" + name).getInputStream(),
				StandardCharsets.UTF_8)) {
			// Plain-text mails must not be HTML-escaped (a link's "=" would become
			// "&#61;").
			return Mustache.compiler().defaultValue("").escapeHTML(name.endsWith(".html")).compile(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No mail template " + name, ex);
		}
	}

}
