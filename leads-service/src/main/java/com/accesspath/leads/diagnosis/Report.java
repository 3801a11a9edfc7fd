package com.accesspath.leads.diagnosis;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import com.accesspath.leads.report.ArticleSummary;

/**
 * What a visitor gets back (API.md, "Report"): written once when the diagnosis is stored
 * (the benchmark is against the diagnoses before it, the advice from the roadmap version
 * of that day), except {@code resources}, which are looked up in article-service each
 * time the report is read and never stored.
 */
@Schema(description = "诊断报告")
public record Report(@Schema(description = "公司名称", example = "杭州示例科技有限公司") String company,
		@Schema(description = "诊断时间(UTC)", example = "2026-03-04T08:00:00Z") Instant createdAt,
		@Schema(description = "报告编号:AP-年份-当年序号(Asia/Shanghai 的年份,序号至少 6 位),全局唯一",
				example = "AP-2026-000123") String reportNumber,
		@Schema(description = "总分,0-100", example = "58") int overall,
		@Schema(description = "成熟度等级,1-5", example = "3") int level,
		@Schema(description = "等级名称", example = "规范级") String levelName,
		@Schema(description = "各维度得分") List<DimensionScore> dimensions,
		@Schema(description = "在同行业此前的诊断中超过的百分比;同行业诊断少于 5 份时为 null", example = "64") Integer percentile,
		@Schema(description = "同行业此前诊断的各维度平均分;同行业诊断少于 5 份时为 null") List<DimensionScore> industryAverage,
		@Schema(description = "没有行业排名时(percentile 为 null)代替它的基准:此前全部诊断(各行业)的总分按成熟度等级的分布;有行业排名时为 null") Distribution distribution,
		@Schema(description = "差距分析:每个维度与行业平均、与下一等级的差距,短板在前") List<Gap> gaps,
		@Schema(description = "改进建议:得分低于 60 的维度各一条;都不低时一条总体建议",
				example = "[\"数据:已有数据底座,接下来要让数据可信、可找、可用。\"]") List<String> recommendations,
		@Schema(description = "30/90/180 天行动路线图,针对最薄弱的维度") List<RoadmapStep> roadmap,
		@Schema(description = "路线图与建议内容的版本", example = "2026.1") String roadmapVersion,
		@Schema(description = "推荐阅读:与行业和短板相关的精选案例与行业报告(ArticleSummary);文章服务不可用时为空数组") List<ArticleSummary> resources) {

	@Schema(description = "维度得分")
	public record DimensionScore(@Schema(description = "维度 key", example = "data") String key,
			@Schema(description = "维度名称", example = "数据") String name,
			@Schema(description = "得分,0-100", example = "45") int score) {
	}

	@Schema(description = "总分分布")
	public record Distribution(@Schema(description = "参与统计的诊断数(不含本次)", example = "3") long diagnoses,
			@Schema(description = "各成熟度等级的诊断数与占比") List<LevelShare> levels) {
	}

	@Schema(description = "一个成熟度等级的诊断数与占比")
	public record LevelShare(@Schema(description = "成熟度等级,1-5", example = "3") int level,
			@Schema(description = "等级名称", example = "规范级") String name,
			@Schema(description = "诊断数", example = "2") long count,
			@Schema(description = "占比,0-100(四舍五入)", example = "67") int share) {
	}

	@Schema(description = "一个维度的差距分析")
	public record Gap(@Schema(description = "维度 key", example = "data") String key,
			@Schema(description = "维度名称", example = "数据") String name,
			@Schema(description = "得分,0-100", example = "33") int score,
			@Schema(description = "所处阶段:打基础(<40)、建体系(40-69)、促规模(≥70)", example = "打基础") String stage,
			@Schema(description = "同行业平均分;同行业诊断少于 5 份时为 null", example = "52") Integer industryAverage,
			@Schema(description = "与同行业平均的差(得分减平均,负数表示落后);没有行业平均时为 null", example = "-19") Integer gapToAverage,
			@Schema(description = "本维度按得分所处的成熟度等级", example = "2") int level,
			@Schema(description = "下一等级;已是最高级时为 null", example = "3") Integer nextLevel,
			@Schema(description = "下一等级名称;已是最高级时为 null", example = "规范级") String nextLevelName,
			@Schema(description = "达到下一等级还差的分数;已是最高级时为 null", example = "7") Integer pointsToNextLevel,
			@Schema(description = "是否是路线图重点提升的维度", example = "true") boolean focus,
			@Schema(description = "本维度在当前阶段的建议", example = "数据是 AI 的燃料:先摸清有哪些数据、在哪里、谁负责。") String advice) {
	}

	@Schema(description = "路线图的一个阶段")
	public record RoadmapStep(@Schema(description = "时间范围:30d、90d 或 180d", example = "30d") String horizon,
			@Schema(description = "行动项", example = "[\"【数据】完成核心业务系统的数据资产盘点,形成数据清单与责任人\"]") List<String> actions) {
	}

	/** The same report with the articles looked up for it. */
	public Report withResources(List<ArticleSummary> found) {
		return new Report(this.company, this.createdAt, this.reportNumber, this.overall, this.level, this.levelName,
				this.dimensions, this.percentile, this.industryAverage, this.distribution, this.gaps,
				this.recommendations, this.roadmap, this.roadmapVersion, List.copyOf(found));
	}

}
