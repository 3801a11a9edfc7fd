package com.accesspath.leads.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.accesspath.leads.diagnosis.Report;
import com.accesspath.leads.diagnosis.Report.DimensionScore;
import com.accesspath.leads.questionnaire.Questionnaire;

/**
 * The advice of a report, from its scores and the roadmap: a gap analysis of every
 * dimension (against the industry's average and the next level), a recommendation per
 * weak dimension, and a 30/90/180-day roadmap made of the actions of the weakest
 * dimensions in the band each one is in.
 */
@Component
public class ReportPlanner {

	/** The advice, with the roadmap version it came from. */
	public record Plan(List<Report.Gap> gaps, List<String> recommendations, List<Report.RoadmapStep> roadmap,
			String version) {
	}

	private final RoadmapSource roadmaps;

	ReportPlanner(RoadmapSource roadmaps) {
		this.roadmaps = roadmaps;
	}

	/**
	 * @param industryAverage the industry's averages per dimension, or null while there
	 * are too few diagnoses
	 */
	public Plan plan(Questionnaire questionnaire, List<DimensionScore> scores, List<DimensionScore> industryAverage) {
		Roadmap roadmap = this.roadmaps.current();
		Map<String, Integer> averages = new HashMap<>();
		if (industryAverage != null) {
			industryAverage.forEach(average -> averages.put(average.key(), average.score()));
		}
		List<DimensionScore> weakestFirst = weakestFirst(scores);
		List<DimensionScore> focus = weakestFirst.subList(0, Math.min(roadmap.focusDimensions(), scores.size()));
		List<Report.Gap> gaps = new ArrayList<>();
		for (DimensionScore dimension : weakestFirst) {
			gaps.add(gap(questionnaire, roadmap, dimension, averages.get(dimension.key()), focus.contains(dimension)));
		}
		List<String> recommendations = new ArrayList<>();
		for (DimensionScore dimension : scores) {
			if (dimension.score() < questionnaire.weakBelow()) {
				recommendations.add(dimension.name() + ":" + content(roadmap, dimension).advice());
			}
		}
		if (recommendations.isEmpty()) {
			recommendations.add(roadmap.allStrong());
		}
		List<Report.RoadmapStep> steps = new ArrayList<>();
		for (String horizon : Roadmap.HORIZONS) {
			List<String> actions = new ArrayList<>();
			for (DimensionScore dimension : focus) {
				for (String action : content(roadmap, dimension).actions(horizon)) {
					actions.add("【" + dimension.name() + "】" + action);
				}
			}
			steps.add(new Report.RoadmapStep(horizon, actions));
		}
		return new Plan(gaps, recommendations, steps, roadmap.version());
	}

	/**
	 * The article tags that suit the dimensions a roadmap works on, most fitting first.
	 */
	public List<String> tagsFor(List<DimensionScore> scores) {
		Roadmap roadmap = this.roadmaps.current();
		Set<String> tags = new LinkedHashSet<>();
		List<DimensionScore> weakestFirst = weakestFirst(scores);
		for (DimensionScore dimension : weakestFirst.subList(0, Math.min(roadmap.focusDimensions(), scores.size()))) {
			Roadmap.DimensionPlan plan = roadmap.dimensions().get(dimension.key());
			if (plan != null && plan.tags() != null) {
				tags.addAll(plan.tags());
			}
		}
		return List.copyOf(tags);
	}

	private static Report.Gap gap(Questionnaire questionnaire, Roadmap roadmap, DimensionScore dimension,
			Integer average, boolean focus) {
		Questionnaire.Level level = questionnaire.levelOf(dimension.score());
		Questionnaire.Level next = questionnaire.levels()
			.stream()
			.filter(candidate -> candidate.level() == level.level() + 1)
			.findFirst()
			.orElse(null);
		return new Report.Gap(dimension.key(), dimension.name(), dimension.score(),
				roadmap.bandOf(dimension.score()).name(), average,
				(average != null) ? dimension.score() - average : null, level.level(),
				(next != null) ? next.level() : null, (next != null) ? next.name() : null,
				(next != null) ? next.from() - dimension.score() : null, focus, content(roadmap, dimension).advice());
	}

	/** Lowest score first; a tie keeps the questionnaire's order. */
	private static List<DimensionScore> weakestFirst(List<DimensionScore> scores) {
		List<DimensionScore> sorted = new ArrayList<>(scores);
		sorted.sort(Comparator.comparingInt(DimensionScore::score));
		return sorted;
	}

	private static Roadmap.BandPlan content(Roadmap roadmap, DimensionScore dimension) {
		return roadmap.dimensions().get(dimension.key()).bands().get(roadmap.bandOf(dimension.score()).key());
	}

}
