package com.accesspath.site.html;

import java.util.ArrayList;
import java.util.List;

import com.accesspath.site.backend.ArticleServiceClient.Category;

/** Reading the taxonomy as the site's menu does (web's lib/taxonomy.js, same rules). */
final class Taxonomy {

	private Taxonomy() {
	}

	/** The groups whose children are all leaves, in menu order: the menu's sections. */
	static List<Category> sections(List<Category> tree) {
		List<Category> found = new ArrayList<>();
		tree.forEach(node -> collectSections(node, found));
		return found;
	}

	/** The path from a root to the node with {@code key}, or an empty list. */
	static List<Category> trail(List<Category> tree, String key) {
		for (Category node : tree) {
			if (node.key().equals(key)) {
				return List.of(node);
			}
			if (!node.isLeaf()) {
				List<Category> below = trail(node.children(), key);
				if (!below.isEmpty()) {
					List<Category> trail = new ArrayList<>();
					trail.add(node);
					trail.addAll(below);
					return trail;
				}
			}
		}
		return List.of();
	}

	/** The section of a leaf, by position in {@link #sections}; 0 when unknown. */
	static int sectionIndex(List<Category> tree, String leafKey) {
		List<Category> sections = sections(tree);
		for (int i = 0; i < sections.size(); i++) {
			if (sections.get(i).children().stream().anyMatch(child -> child.key().equals(leafKey))) {
				return i;
			}
		}
		return 0;
	}

	private static void collectSections(Category node, List<Category> found) {
		if (node.isLeaf()) {
			return;
		}
		if (node.children().stream().allMatch(Category::isLeaf)) {
			found.add(node);
		}
		else {
			node.children().forEach(child -> collectSections(child, found));
		}
	}

}
