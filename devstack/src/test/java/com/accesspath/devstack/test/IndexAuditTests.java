package com.accesspath.devstack.test;

import java.util.List;
import java.util.Set;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import com.accesspath.devstack.test.QueryLog.Shape;

import static org.assertj.core.api.Assertions.assertThat;

class IndexAuditTests {

	@Test
	void anOrNeedsAnIndexForEachBranchAndAnAndForItsParts() {
		BsonDocument filter = BsonDocument.parse("""
				{"status": {"$in": ["PUBLISHED"]}, "$or": [{"publishedAt": {"$lt": 1}}, {"_id": {"$lt": 2}}],
				 "$and": [{"category": "tech"}]}""");

		assertThat(QueryLog.filterShapes(filter)).containsExactly(Set.of("status", "category", "publishedAt"),
				Set.of("status", "category", "_id"));
	}

	@Test
	void anIndexServesAQueryWhenItsFirstKeyIsFilteredOnOrSortedOnFirst() {
		List<List<String>> indexes = List.of(List.of("status", "publishedAt"), List.of("email"));

		assertThat(IndexAudit.servedByRule(shape(Set.of("status", "category"), List.of()), indexes)).isTrue();
		assertThat(IndexAudit.servedByRule(shape(Set.of("publishedAt"), List.of()), indexes)).isFalse();
		assertThat(IndexAudit.servedByRule(shape(Set.of(), List.of("email")), indexes)).isTrue();
		assertThat(IndexAudit.servedByRule(shape(Set.of(), List.of("createdAt")), indexes)).isFalse();
		assertThat(IndexAudit.servedByRule(shape(Set.of("company"), List.of()), List.of())).isFalse();
		assertThat(IndexAudit.servedByRule(shape(Set.of("company"), List.of("_id")), List.of())).isTrue();
	}

	private static Shape shape(Set<String> filter, List<String> sort) {
		return new Shape("db", "leads", "find", filter, sort, new BsonDocument());
	}

}
