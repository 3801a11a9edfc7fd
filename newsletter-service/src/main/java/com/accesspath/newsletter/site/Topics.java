package com.accesspath.newsletter.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A subscriber's topics told apart: {@code categories} are keys found in the taxonomy
 * (groups or leaves), every other topic is a tag. Both keep the order the subscriber
 * chose them in.
 *
 * @param categories topics read with {@code ?category=}
 * @param tags topics read with {@code ?tag=}
 */
public record Topics(List<String> categories, List<String> tags) {

	/** Splits {@code topics} by {@code categoryKeys}; duplicates are dropped. */
	public static Topics split(Collection<String> topics, Set<String> categoryKeys) {
		List<String> categories = new ArrayList<>();
		List<String> tags = new ArrayList<>();
		for (String topic : new LinkedHashSet<>(topics)) {
			(categoryKeys.contains(topic) ? categories : tags).add(topic);
		}
		return new Topics(List.copyOf(categories), List.copyOf(tags));
	}

	/** Every key of a tree: groups and their leaves, at any depth. */
	public static Set<String> keysOf(List<Category> tree) {
		Set<String> keys = new LinkedHashSet<>();
		collect(tree, keys);
		return Set.copyOf(keys);
	}

	private static void collect(List<Category> nodes, Set<String> keys) {
		if (nodes == null) {
			return;
		}
		for (Category node : nodes) {
			if (node != null && node.key() != null) {
				keys.add(node.key());
				collect(node.children(), keys);
			}
		}
	}

}
