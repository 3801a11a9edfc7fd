package com.accesspath.leads.lead;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One prospect as sales sees them. Everything that changes together lives in this one
 * document (submissions, notes, history, the notification state), so every change is a
 * single-document atomic update: no transactions needed. {@code phone} and {@code email}
 * are normalised copies for finding a returning person.
 */
@Document(LeadRepository.COLLECTION)
public record Lead(@Id String id, LeadType type, LeadStatus status, Company company, ContactDetails contact,
		String phone, String email, int score, String assignee, List<Submission> submissions, List<Note> notes,
		List<HistoryEntry> history, Instant createdAt, Instant updatedAt, Instant lastSubmittedAt, long version,
		boolean erased, Notification notification, LeadSource source, Instant firstContactDue, Instant firstContactedAt,
		Instant nextFollowUpAt, Instant overdueNotifiedAt, Instant followUpRemindedAt, List<ScoreFactor> scoreFactors,
		List<Consultation> consultations) {

	/** One reason for the lead's score, as sales reads it ("规模 201-1000 人: +20"). */
	@Schema(description = "评分构成的一项")
	public record ScoreFactor(@Schema(description = "说明", example = "企业规模 201-1000 人") String label,
			@Schema(description = "分值", example = "20") int points) {
	}

	/** 预约顾问解读: a prospect asked for a consultant to walk them through a report. */
	@Schema(description = "预约顾问解读")
	public record Consultation(@Schema(description = "预约 ID", example = "6650c3f1e4b0a72b9c0d1e40") String id,
			@Schema(description = "所解读的诊断 ID", example = "6650c3f1e4b0a72b9c0d1e31") String diagnosisId,
			@Schema(description = "预约时间(UTC)", example = "2026-03-04T08:05:00Z") Instant at,
			@Schema(description = "希望的时间", example = "下周二下午") String preferredTime,
			@Schema(description = "补充说明", example = "希望重点讲数据治理") String note) {
	}

	@Schema(description = "公司信息")
	public record Company(@Schema(description = "公司名称", example = "杭州示例科技有限公司") String name,
			@Schema(description = "行业;联系咨询为 null", example = "energy") String industry,
			@Schema(description = "员工人数;联系咨询为 null", example = "201-1000") String size,
			@Schema(description = "所在地区", example = "浙江杭州") String region) {
	}

	/**
	 * One form a person sent: a diagnosis (its report lives in the {@code diagnoses}
	 * collection) or a contact message, with the consent given for it.
	 */
	public record Submission(String id, LeadType type, Instant at, String diagnosisId, Integer overall, Integer level,
			String message, Consent consent, LeadSource source) {
	}

	/**
	 * PIPL: that consent was given, when, from where, to which version of the privacy
	 * text.
	 */
	@Schema(description = "隐私政策同意记录")
	public record Consent(@Schema(description = "是否同意", example = "true") boolean given,
			@Schema(description = "同意时间(UTC)", example = "2026-03-04T08:00:00Z") Instant at,
			@Schema(description = "客户端地址", example = "203.0.113.24") String ip,
			@Schema(description = "客户端 User-Agent",
					example = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)") String userAgent,
			@Schema(description = "隐私政策版本", example = "2026-01") String textVersion) {
	}

	@Schema(description = "跟进备注")
	public record Note(@Schema(description = "备注 ID", example = "6650c3f1e4b0a72b9c0d1e32") String id,
			@Schema(description = "备注内容", example = "已电话沟通,客户计划下季度启动质检试点,约下周现场演示。") String text,
			@Schema(description = "作者(令牌的 sub)", example = "li.na") String author,
			@Schema(description = "添加时间(UTC)", example = "2026-03-05T02:30:00Z") Instant at) {
	}

	@Schema(description = "操作历史")
	public record HistoryEntry(@Schema(description = "时间(UTC)", example = "2026-03-05T02:30:00Z") Instant at,
			@Schema(description = "操作人(令牌的 sub)", example = "li.na") String actor,
			@Schema(description = "操作:VIEWED、STATUS、ASSIGNED、NOTE、ERASED 等", example = "STATUS") String action,
			@Schema(description = "说明", example = "NEW → CONTACTED") String detail) {
	}

	/**
	 * The WeCom message about this lead: PENDING until delivered (retried with backoff),
	 * then SENT, or FAILED.
	 */
	public record Notification(NotificationState state, int attempts, Instant nextAttemptAt, String lastError) {
	}

}
