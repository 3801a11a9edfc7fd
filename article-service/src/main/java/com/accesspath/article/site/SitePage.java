package com.accesspath.article.site;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A page whose text editors maintain (about, privacy, …), stored under its slug as
 * {@code _id} in the {@code sitePages} collection, so a slug is unique by construction.
 * {@code body} is sanitised HTML; {@code version} starts at 1 and is the ETag.
 */
@Document(SiteRepository.PAGES_COLLECTION)
record SitePage(@Id String slug, String title, String body, Instant createdAt, Instant updatedAt, long version) {
}
