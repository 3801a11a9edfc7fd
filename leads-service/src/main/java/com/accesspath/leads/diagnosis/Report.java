package com.accesspath.leads.diagnosis;

import java.util.List;

/**
 * What a visitor gets back (API.md, "Report"). {@code percentile} is null while the
 * industry has too few diagnoses.
 */
public record Report(int overall, int level, String levelName, List<DimensionScore> dimensions, Integer percentile,
		List<String> recommendations) {

	public record DimensionScore(String key, String name, int score) {
	}

}
