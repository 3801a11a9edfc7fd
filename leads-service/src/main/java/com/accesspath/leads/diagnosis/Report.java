package com.accesspath.leads.diagnosis;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a visitor gets back (API.md, "Report"). {@code percentile} is null while the
 * industry has too few diagnoses.
 */
@Schema(description = "诊断报告")
public record Report(@Schema(description = "总分,0-100", example = "58") int overall,
		@Schema(description = "成熟度等级,1-5", example = "3") int level,
		@Schema(description = "等级名称", example = "规范级") String levelName,
		@Schema(description = "各维度得分") List<DimensionScore> dimensions,
		@Schema(description = "在同行业此前的诊断中超过的百分比;同行业诊断少于 5 份时为 null", example = "64") Integer percentile,
		@Schema(description = "改进建议",
				example = "[\"建立统一的数据平台与数据治理机制,提升数据质量、可获得性和标注能力。\"]") List<String> recommendations) {

	@Schema(description = "维度得分")
	public record DimensionScore(@Schema(description = "维度 key", example = "data") String key,
			@Schema(description = "维度名称", example = "数据") String name,
			@Schema(description = "得分,0-100", example = "45") int score) {
	}

}
