package com.accesspath.site.crawl;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.site.config.SiteProperties;

/**
 * {@code /robots.txt}: the site is open to crawlers but for the consoles, the admin API
 * and the diagnosis reports (private to whoever holds their link); the sitemap is named
 * with its absolute URL.
 */
@RestController
class RobotsController {

	private final XmlAnswers answers;

	private final String robots;

	RobotsController(XmlAnswers answers, SiteProperties properties) {
		this.answers = answers;
		this.robots = """
				User-agent: *
				Allow: /
				Disallow: /console
				Disallow: /api/admin
				Disallow: /diagnosis/report/

				Sitemap: %s
				""".formatted(properties.absolute("/sitemap.xml"));
	}

	@GetMapping("/robots.txt")
	ResponseEntity<byte[]> robots() {
		return this.answers.answer("robots", XmlAnswers.TEXT, () -> this.robots.getBytes(StandardCharsets.UTF_8));
	}

}
