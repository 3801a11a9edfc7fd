package com.accesspath.leads.lead;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import com.accesspath.leads.diagnosis.Report;

/** What sales sees: a masked summary in lists, the whole lead on its own page. */
public final class SalesView {

	private SalesView() {
	}

	@Schema(description = "打码的联系人")
	public record MaskedContact(@Schema(description = "姓名", example = "张伟") String name,
			@Schema(description = "职位", example = "数字化转型负责人") String title,
			@Schema(description = "打码的手机号", example = "138****8000") String phone,
			@Schema(description = "打码的邮箱", example = "z***@example.com") String email,
			@Schema(description = "是否留了微信号", example = "true") boolean wechat) {
	}

	@Schema(description = "线索列表项")
	public record LeadSummary(@Schema(description = "线索 ID", example = "6650c3f1e4b0a72b9c0d1e2f") String id,
			LeadType type, LeadStatus status, Lead.Company company, MaskedContact contact,
			@Schema(description = "线索评分", example = "72") int score,
			@Schema(description = "负责人,未分配为 null", example = "li.na") String assignee,
			@Schema(description = "提交次数", example = "2") int submissions,
			@Schema(description = "创建时间(UTC)", example = "2026-03-04T08:00:00Z") Instant createdAt,
			@Schema(description = "最近一次提交时间(UTC)", example = "2026-03-05T02:30:00Z") Instant lastSubmittedAt,
			@Schema(description = "线索来源;没有来源信息为 null") LeadSource source,
			@Schema(description = "首次联系截止时间(UTC,按工作时间计算)", example = "2026-03-04T06:00:00Z") Instant firstContactDue,
			@Schema(description = "是否已超过首次联系截止时间仍未联系", example = "false") boolean overdue,
			@Schema(description = "下次跟进时间(UTC)", example = "2026-03-06T02:00:00Z") Instant nextFollowUpAt) {

		static LeadSummary of(Lead lead, Instant now) {
			ContactDetails contact = lead.contact();
			return new LeadSummary(lead.id(), lead.type(), lead.status(), lead.company(),
					new MaskedContact(contact.name(), contact.title(), maskPhone(contact.phone()),
							maskEmail(contact.email()), contact.wechat() != null && !contact.wechat().isBlank()),
					lead.score(), lead.assignee(), lead.submissions().size(), lead.createdAt(), lead.lastSubmittedAt(),
					lead.source(), lead.firstContactDue(), isOverdue(lead, now), lead.nextFollowUpAt());
		}

	}

	/** A NEW lead past its first-contact deadline. */
	public static boolean isOverdue(Lead lead, Instant now) {
		return lead.status() == LeadStatus.NEW && lead.firstContactDue() != null
				&& lead.firstContactDue().isBefore(now);
	}

	@Schema(description = "各视图中未结束线索的数量")
	public record LeadCounts(@Schema(description = "全部", example = "42") long all,
			@Schema(description = "我的", example = "12") long mine,
			@Schema(description = "未分配", example = "3") long unassigned,
			@Schema(description = "已逾期", example = "2") long overdue) {
	}

	@Schema(description = "销售人员")
	public record Assignee(@Schema(description = "ID(令牌的 sub)", example = "li.na") String id,
			@Schema(description = "姓名", example = "李娜") String name) {
	}

	@Schema(description = "一次提交:诊断或联系咨询")
	public record SubmissionView(@Schema(description = "提交 ID", example = "6650c3f1e4b0a72b9c0d1e31") String id,
			LeadType type, @Schema(description = "提交时间(UTC)", example = "2026-03-04T08:00:00Z") Instant at,
			@Schema(description = "联系咨询的留言;诊断为 null", example = "想了解制造业质检的 AI 落地方案") String message,
			Lead.Consent consent,
			@Schema(description = "诊断所用的问卷版本;联系咨询为 null", example = "2026.1") String questionnaireVersion,
			@Schema(description = "诊断答案;联系咨询为 null",
					example = "{\"strategy_vision\": 3, \"data_platform\": 2}") Map<String, Integer> answers,
			Report report) {
	}

	@Schema(description = "线索详情")
	public record LeadDetail(@Schema(description = "线索 ID", example = "6650c3f1e4b0a72b9c0d1e2f") String id,
			LeadType type, LeadStatus status, Lead.Company company, ContactDetails contact,
			@Schema(description = "线索评分", example = "72") int score,
			@Schema(description = "负责人,未分配为 null", example = "li.na") String assignee,
			@Schema(description = "各次提交,最早的在前") List<SubmissionView> submissions,
			@Schema(description = "跟进备注") List<Lead.Note> notes,
			@Schema(description = "操作历史") List<Lead.HistoryEntry> history,
			@Schema(description = "创建时间(UTC)", example = "2026-03-04T08:00:00Z") Instant createdAt,
			@Schema(description = "最后修改时间(UTC)", example = "2026-03-05T02:30:00Z") Instant updatedAt,
			@Schema(description = "版本号;即 ETag 的值", example = "3") long version,
			@Schema(description = "个人信息是否已删除", example = "false") boolean erased,
			@Schema(description = "线索来源(首次提交的);没有来源信息为 null") LeadSource source,
			@Schema(description = "首次联系截止时间(UTC,按工作时间计算)", example = "2026-03-04T06:00:00Z") Instant firstContactDue,
			@Schema(description = "首次联系时间(UTC):第一次离开 NEW 的时间",
					example = "2026-03-04T05:10:00Z") Instant firstContactedAt,
			@Schema(description = "是否已超过首次联系截止时间仍未联系", example = "false") boolean overdue,
			@Schema(description = "下次跟进时间(UTC)", example = "2026-03-06T02:00:00Z") Instant nextFollowUpAt,
			@Schema(description = "评分构成:各项分值之和即评分(最高 100)") List<Lead.ScoreFactor> scoreFactors,
			@Schema(description = "预约顾问解读") List<Lead.Consultation> consultations) {
	}

	@Schema(description = "一页线索")
	public record LeadPage(@Schema(description = "本页线索,最新的在前") List<LeadSummary> items,
			@Schema(description = "下一页的游标,原样传回 cursor 参数;最后一页为 null",
					example = "6650c3f1e4b0a72b9c0d1e2f") String nextCursor) {
	}

	/** {@code 138****5678} */
	public static String maskPhone(String phone) {
		if (phone == null || phone.length() < 7) {
			return (phone == null) ? null : "****";
		}
		return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
	}

	/** {@code z***@example.com} */
	public static String maskEmail(String email) {
		if (email == null) {
			return null;
		}
		int at = email.indexOf('@');
		return (at <= 0) ? "***" : email.charAt(0) + "***" + email.substring(at);
	}

}
