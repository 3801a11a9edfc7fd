package com.accesspath.leads.notify;

import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.SalesView;

/**
 * The webhook's body: {@code {"msgtype": "markdown", "markdown": {"content": ...}}}, the
 * markdown a salesperson reads in the WeCom group: enough to act, with contact details
 * masked.
 */
public record WeComMessage(String msgtype, Markdown markdown) {

	/** The message's text. */
	public record Markdown(String content) {
	}

	static WeComMessage of(Lead lead) {
		return new WeComMessage("markdown", new Markdown(text(lead)));
	}

	static String text(Lead lead) {
		Lead.Submission first = lead.submissions().get(0);
		StringBuilder text = new StringBuilder();
		text.append("### 新线索:").append(lead.company().name()).append('\n');
		text.append("> 来源:").append(lead.type().label()).append('\n');
		text.append("> 评分:<font color=\"warning\">").append(lead.score()).append("</font>\n");
		if (first.level() != null) {
			text.append("> 成熟度:").append(first.overall()).append(" 分(L").append(first.level()).append(")\n");
		}
		text.append("> 联系人:").append(lead.contact().name());
		text.append(" ")
			.append(SalesView.maskPhone(lead.contact().phone()))
			.append(' ')
			.append(SalesView.maskEmail(lead.contact().email()));
		text.append("\n> 线索 ID:").append(lead.id());
		return text.toString();
	}

}
