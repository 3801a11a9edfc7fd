package com.accesspath.leads.download;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.accesspath.leads.config.LeadsProperties;

/**
 * Gated downloads ({@code accesspath.leads.downloads.*}).
 *
 * @param siteUrl the site's public address ({@code SITE_URL}): the links in the mails are
 * built from it, never from a request header
 * @param mediaUrl where the files are read ({@code GET /api/downloads/{token}} answers
 * 302 to it followed by the article's {@code attachment})
 * @param linkValidFor how long a mailed link works, from the time the mail is sent
 * @param from the mails' sender
 * @param resendAfter the same address asking for the same file again within this gets no
 * second mail (the first one's link stands)
 * @param mail delivery of the mails: an attempt at once, then retries with backoff (the
 * next attempt's time stored with the download, so the schedule survives restarts), read
 * like the WeCom notifications' settings
 */
@Validated
@ConfigurationProperties("accesspath.leads.downloads")
public record DownloadProperties(@DefaultValue("http://localhost:8080") @NotNull URI siteUrl,
		@DefaultValue("http://localhost:8080/media/") @NotNull URI mediaUrl,
		@DefaultValue("7d") @NotNull @DurationMin(minutes = 1) Duration linkValidFor,
		@DefaultValue("AccessPath <downloads@accesspath.local>") @NotBlank String from,
		@DefaultValue("10m") @NotNull Duration resendAfter,
		@DefaultValue @NotNull @Valid LeadsProperties.Notification mail) {

	/** The mailed link for {@code token}. */
	String link(String token) {
		return this.siteUrl.toString().replaceFirst("/+$", "") + "/api/downloads/" + token;
	}

	/** Where the file with this id is read. */
	URI file(String attachment) {
		String base = this.mediaUrl.toString();
		return URI.create((base.endsWith("/") ? base : base + "/") + attachment);
	}

}
