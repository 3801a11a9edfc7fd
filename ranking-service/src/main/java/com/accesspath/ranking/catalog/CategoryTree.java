package com.accesspath.ranking.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The taxonomy as article-service serves it ({@code GET /api/categories}): groups and
 * leaves, any depth. An article has one leaf; a filter by a group matches every leaf
 * below it.
 */
public final class CategoryTree {

	/** A node of the tree: a leaf when it has no children. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Category(String key, String name, List<Category> children) {

		boolean isLeaf() {
			return this.children == null || this.children.isEmpty();
		}

	}

	private final Map<String, List<String>> leavesByKey = new LinkedHashMap<>();

	private final List<String> leaves = new ArrayList<>();

	private CategoryTree(List<Category> roots) {
		roots.forEach(this::index);
	}

	/** The tree with these roots ({@code null}: an empty tree). */
	public static CategoryTree of(List<Category> roots) {
		return new CategoryTree((roots == null) ? List.of() : roots);
	}

	private List<String> index(Category category) {
		List<String> leaves = new ArrayList<>();
		if (category.isLeaf()) {
			leaves.add(category.key());
			this.leaves.add(category.key());
		}
		else {
			category.children().forEach(child -> leaves.addAll(index(child)));
		}
		this.leavesByKey.put(category.key(), List.copyOf(leaves));
		return leaves;
	}

	/** Every leaf of the tree. */
	public List<String> leaves() {
		return List.copyOf(this.leaves);
	}

	/**
	 * The leaves a filter by {@code key} matches: itself for a leaf, every leaf below for
	 * a group, none if unknown.
	 */
	public List<String> leavesOf(String key) {
		return this.leavesByKey.getOrDefault(key, List.of());
	}

}
