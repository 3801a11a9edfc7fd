package com.accesspath.article.site;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The site's settings as stored: one document ({@code _id} {@value #ID}) in the
 * {@code site} collection. {@code version} starts at 1 and is bumped by every change; it
 * is the ETag.
 */
@Document(SiteRepository.SETTINGS_COLLECTION)
record SiteSettings(@Id String id, String name, String legalName, String icp, String publicSecurityRecord,
		WeChat wechat, Contact contact, Instant updatedAt, long version) {

	static final String ID = "site";

	record WeChat(String account, String qrImage) {
	}

	record Contact(String email, String phone, String address) {
	}

}
