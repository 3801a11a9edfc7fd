package com.accesspath.article.site;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Storage of the site's settings and pages. Each write is one single-document operation:
 * an insert that fails on an existing {@code _id}, or a {@code findAndModify} whose query
 * holds the version the editor saw, so concurrent edits never overwrite each other.
 */
@Repository
class SiteRepository {

	static final String SETTINGS_COLLECTION = "site";

	static final String PAGES_COLLECTION = "sitePages";

	private final MongoTemplate mongo;

	SiteRepository(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	Optional<SiteSettings> findSettings() {
		return Optional.ofNullable(this.mongo.findById(SiteSettings.ID, SiteSettings.class));
	}

	/** Empty when settings exist already (nothing is changed then). */
	Optional<SiteSettings> insertSettings(SiteSettings settings) {
		return insert(settings);
	}

	Optional<SiteSettings> updateSettingsIfVersion(long expectedVersion, Update update) {
		return updateIfVersion(SiteSettings.ID, expectedVersion, update, SiteSettings.class);
	}

	Optional<SitePage> findPage(String slug) {
		return Optional.ofNullable(this.mongo.findById(slug, SitePage.class));
	}

	/** Every page without its body, by slug. */
	List<SitePage> findPages() {
		Query query = new Query().with(Sort.by("_id"));
		query.fields().exclude("body");
		return this.mongo.find(query, SitePage.class);
	}

	/** Empty when a page with this slug exists already (nothing is changed then). */
	Optional<SitePage> insertPage(SitePage page) {
		return insert(page);
	}

	Optional<SitePage> updatePageIfVersion(String slug, long expectedVersion, Update update) {
		return updateIfVersion(slug, expectedVersion, update, SitePage.class);
	}

	private <T> Optional<T> insert(T document) {
		try {
			return Optional.of(this.mongo.insert(document));
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Applies {@code update} only if the stored version is {@code expectedVersion},
	 * bumping it; empty when the document changed meanwhile (or does not exist).
	 */
	private <T> Optional<T> updateIfVersion(String id, long expectedVersion, Update update, Class<T> type) {
		Query query = Query.query(Criteria.where("_id").is(id).and("version").is(expectedVersion));
		update.inc("version", 1);
		return Optional
			.ofNullable(this.mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), type));
	}

}
