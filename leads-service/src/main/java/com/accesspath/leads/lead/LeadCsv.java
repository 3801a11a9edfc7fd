package com.accesspath.leads.lead;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Leads as CSV for Excel: UTF-8 with a byte-order mark (so Chinese opens intact), CRLF
 * lines, quoted fields, and cells that would start a formula neutralised.
 */
final class LeadCsv {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	static final String HEADER = "线索ID,类型,状态,公司,行业,规模,地区,联系人,职位,手机,邮箱,微信,评分,负责人,成熟度得分,成熟度等级,提交次数,创建时间(北京时间),最近提交";

	private LeadCsv() {
	}

	static String of(List<Lead> leads) {
		StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
		for (Lead lead : leads) {
			Lead.Submission last = lead.submissions().get(lead.submissions().size() - 1);
			ContactDetails contact = lead.contact();
			row(csv, lead.id(), lead.type().name(), lead.status().name(), lead.company().name(),
					lead.company().industry(), lead.company().size(), lead.company().region(), contact.name(),
					contact.title(), contact.phone(), contact.email(), contact.wechat(), Integer.toString(lead.score()),
					lead.assignee(), (last.overall() == null) ? null : last.overall().toString(),
					(last.level() == null) ? null : "L" + last.level(), Integer.toString(lead.submissions().size()),
					TIME.format(lead.createdAt()), TIME.format(lead.lastSubmittedAt()));
		}
		return csv.toString();
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
