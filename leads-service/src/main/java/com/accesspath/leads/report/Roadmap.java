package com.accesspath.leads.report;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a report advises (versioned data, {@code report/ai-maturity-roadmap.yml}): per
 * dimension of the questionnaire and per band of its score, a piece of advice and actions
 * for 30, 90 and 180 days.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Roadmap(String version, List<Band> bands, int focusDimensions, Map<Integer, String> levelSummaries,
		String allStrong, Map<String, DimensionPlan> dimensions) {

	/** The horizons of a roadmap, in order. */
	public static final List<String> HORIZONS = List.of("30d", "90d", "180d");

	/** A band of a dimension's score: from the previous band's {@code below}. */
	public record Band(String key, String name, int below) {
	}

	/**
	 * @param tags article tags whose reports suit the dimension, most fitting first
	 * @param bands the plan per band key
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record DimensionPlan(List<String> tags, Map<String, BandPlan> bands) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record BandPlan(String advice, @JsonProperty("30d") List<String> days30,
			@JsonProperty("90d") List<String> days90, @JsonProperty("180d") List<String> days180) {

		List<String> actions(String horizon) {
			return switch (horizon) {
				case "30d" -> this.days30;
				case "90d" -> this.days90;
				case "180d" -> this.days180;
				default -> throw new IllegalArgumentException(horizon);
			};
		}

	}

	/** The band a score (0–100) falls in. */
	Band bandOf(int score) {
		for (Band band : this.bands) {
			if (score < band.below()) {
				return band;
			}
		}
		return this.bands.get(this.bands.size() - 1);
	}

}
