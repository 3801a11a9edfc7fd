package com.accesspath.leads.lead;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * Leads as CSV for Excel: UTF-8 with a byte-order mark (so Chinese opens intact), CRLF
 * lines, quoted fields, and cells that would start a formula neutralised.
 */
final class LeadCsv {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	static final String HEADER = "线索ID,类型,状态,公司,行业,规模,地区,联系人,职位,手机,邮箱,微信,评分,负责人,成熟度得分,成熟度等级,提交次数,创建时间(北京时间),最近提交,"
			+ "首次联系截止,首次联系时间,已逾期,下次跟进,来源页面,CTA,来源页(referrer),utm_source,utm_medium,utm_campaign,utm_term,utm_content,微信场景";

	private LeadCsv() {
	}

	static String of(List<Lead> leads, Instant now) {
		StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
		for (Lead lead : leads) {
			Lead.Submission last = lead.submissions().get(lead.submissions().size() - 1);
			ContactDetails contact = lead.contact();
			row(csv, lead.id(), lead.type().name(), lead.status().name(), lead.company().name(),
					lead.company().industry(), lead.company().size(), lead.company().region(), contact.name(),
					contact.title(), contact.phone(), contact.email(), contact.wechat(), Integer.toString(lead.score()),
					lead.assignee(), (last.overall() == null) ? null : last.overall().toString(),
					(last.level() == null) ? null : "L" + last.level(), Integer.toString(lead.submissions().size()),
					TIME.format(lead.createdAt()), TIME.format(lead.lastSubmittedAt()), time(lead.firstContactDue()),
					time(lead.firstContactedAt()), SalesView.isOverdue(lead, now) ? "是" : "否",
					time(lead.nextFollowUpAt()), source(lead, LeadSource::page), source(lead, LeadSource::cta),
					source(lead, LeadSource::referrer), utm(lead, LeadSource.Utm::source),
					utm(lead, LeadSource.Utm::medium), utm(lead, LeadSource.Utm::campaign),
					utm(lead, LeadSource.Utm::term), utm(lead, LeadSource.Utm::content),
					source(lead, LeadSource::wechatScene));
		}
		return csv.toString();
	}

	private static String time(Instant at) {
		return (at == null) ? null : TIME.format(at);
	}

	private static String source(Lead lead, Function<LeadSource, String> field) {
		return (lead.source() == null) ? null : field.apply(lead.source());
	}

	private static String utm(Lead lead, Function<LeadSource.Utm, String> field) {
		return (lead.source() == null || lead.source().utm() == null) ? null : field.apply(lead.source().utm());
	}

	private static void row(StringBuilder csv, String... values) {
		for (int i = 0; i < values.length; i++) {
			csv.append(i == 0 ? "" : ",").append(cell(values[i]));
		}
		csv.append("\r\n");
	}

	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String safe = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

}
