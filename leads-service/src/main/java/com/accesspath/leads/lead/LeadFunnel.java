package com.accesspath.leads.lead;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;

/**
 * The sales funnel over the leads created in a period: a cohort view (a week's
 * {@code won} are the leads created that week that are WON now), so win rates compare
 * like with like.
 */
final class LeadFunnel {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** The label of leads that came without a source. */
	static final String DIRECT = "直接访问";

	@Schema(description = "线索漏斗统计(按创建时间统计的一批线索)")
	record Stats(@Schema(description = "统计开始(含,UTC)", example = "2026-09-07T16:00:00Z") Instant from,
			@Schema(description = "统计结束(不含,UTC)", example = "2026-11-30T16:00:00Z") Instant to,
			@Schema(description = "各状态的线索数",
					example = "{\"NEW\": 5, \"CONTACTED\": 3, \"WON\": 1}") Map<LeadStatus, Long> byStatus,
			@Schema(description = "各来源的线索数、成交数和成交率") List<SourceStats> bySource,
			@Schema(description = "各行业的线索数", example = "{\"finance\": 4}") Map<String, Long> byIndustry,
			@Schema(description = "每周(北京时间周一起)新增与成交") List<WeekStats> perWeek,
			@Schema(description = "从创建到首次联系的中位时长(分钟);还没有联系过的线索为 null",
					example = "95") Long medianMinutesToFirstContact) {
	}

	@Schema(description = "一个来源的统计")
	record SourceStats(@Schema(description = "来源:utm_source,否则 CTA,否则“直接访问”", example = "wechat") String source,
			@Schema(description = "线索数", example = "12") long created,
			@Schema(description = "成交数", example = "2") long won,
			@Schema(description = "成交率,0-1", example = "0.1667") double winRate) {
	}

	@Schema(description = "一周的统计")
	record WeekStats(@Schema(description = "该周周一(北京时间)", example = "2026-11-30") LocalDate week,
			@Schema(description = "新增线索", example = "9") long created,
			@Schema(description = "其中已成交", example = "1") long won,
			@Schema(description = "新增线索按来源", example = "{\"wechat\": 4, \"直接访问\": 5}") Map<String, Long> bySource) {
	}

	private LeadFunnel() {
	}

	static Stats of(Instant from, Instant to, List<Document> leads) {
		Map<LeadStatus, Long> byStatus = new EnumMap<>(LeadStatus.class);
		Map<String, long[]> bySource = new TreeMap<>();
		Map<String, Long> byIndustry = new TreeMap<>();
		Map<LocalDate, WeekStats> perWeek = new TreeMap<>();
		List<Long> minutesToContact = new ArrayList<>();
		LocalDate last = weekOf(to.minusMillis(1));
		for (LocalDate week = weekOf(from); !week.isAfter(last); week = week.plusWeeks(1)) {
			perWeek.put(week, new WeekStats(week, 0, 0, new LinkedHashMap<>()));
		}
		for (Document lead : leads) {
			LeadStatus status = LeadStatus.valueOf(lead.getString("status"));
			boolean won = status == LeadStatus.WON;
			String source = label(lead.get("source", Document.class));
			Instant created = lead.getDate("createdAt").toInstant();
			byStatus.merge(status, 1L, Long::sum);
			long[] counts = bySource.computeIfAbsent(source, key -> new long[2]);
			counts[0]++;
			counts[1] += won ? 1 : 0;
			Document company = lead.get("company", Document.class);
			String industry = (company == null) ? null : company.getString("industry");
			byIndustry.merge((industry == null) ? "unknown" : industry, 1L, Long::sum);
			perWeek.compute(weekOf(created), (week, stats) -> {
				WeekStats current = (stats != null) ? stats : new WeekStats(week, 0, 0, new LinkedHashMap<>());
				current.bySource().merge(source, 1L, Long::sum);
				return new WeekStats(week, current.created() + 1, current.won() + (won ? 1 : 0), current.bySource());
			});
			Date contacted = lead.getDate("firstContactedAt");
			if (contacted != null) {
				minutesToContact.add(Duration.between(created, contacted.toInstant()).toMinutes());
			}
		}
		List<SourceStats> sources = bySource.entrySet()
			.stream()
			.map(entry -> new SourceStats(entry.getKey(), entry.getValue()[0], entry.getValue()[1],
					Math.round(10_000.0 * entry.getValue()[1] / entry.getValue()[0]) / 10_000.0))
			.sorted(Comparator.comparingLong(SourceStats::created).reversed())
			.toList();
		return new Stats(from, to, byStatus, sources, byIndustry, List.copyOf(perWeek.values()),
				median(minutesToContact));
	}

	static String label(Document source) {
		if (source == null) {
			return DIRECT;
		}
		Document utm = source.get("utm", Document.class);
		String utmSource = (utm == null) ? null : utm.getString("source");
		if (utmSource != null && !utmSource.isBlank()) {
			return utmSource;
		}
		String cta = source.getString("cta");
		return (cta == null || cta.isBlank()) ? DIRECT : cta;
	}

	static LocalDate weekOf(Instant at) {
		return at.atZone(BEIJING).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	private static Long median(List<Long> values) {
		if (values.isEmpty()) {
			return null;
		}
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
