package com.accesspath.ranking.hotlist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The top of one list as the hot-list leader publishes it (one small JSON value per list,
 * read by every replica): article ids, or tags, with their views in the window.
 * {@code at}: when it was computed.
 */
record PublishedTop(Instant at, List<Entry> items) {

	record Entry(String id, long views) {
	}

	/** Most views first; equal counts by id, so every replica orders them alike. */
	static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::views).reversed().thenComparing(Entry::id);

	/**
	 * The top {@code size} of disjoint parts (each article is in one shard and one leaf):
	 * the top of each part is enough.
	 */
	static List<Entry> mergeDisjoint(Collection<List<Entry>> parts, int size) {
		List<Entry> all = new ArrayList<>();
		parts.forEach(all::addAll);
		all.sort(ORDER);
		return List.copyOf(all.subList(0, Math.min(size, all.size())));
	}

	/**
	 * The top {@code size} of counts that add up across parts (a tag's views per shard).
	 */
	static List<Entry> mergeSums(Collection<List<Entry>> parts, int size) {
		Map<String, Long> sums = new HashMap<>();
		parts.forEach(part -> part.forEach(entry -> sums.merge(entry.id(), entry.views(), Long::sum)));
		List<Entry> all = new ArrayList<>(sums.size());
		sums.forEach((id, views) -> all.add(new Entry(id, views)));
		all.sort(ORDER);
		return List.copyOf(all.subList(0, Math.min(size, all.size())));
	}

}
