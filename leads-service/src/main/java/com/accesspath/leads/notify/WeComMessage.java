package com.accesspath.leads.notify;

import java.util.List;

import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.SalesView;

/**
 * The webhook's body: {@code {"msgtype": "markdown", "markdown": {"content": ...}}}, the
 * markdown a salesperson reads in the WeCom group: enough to act, with contact details
 * masked. A lead with consultations is announced as its latest 预约顾问解读.
 */
public record WeComMessage(String msgtype, Markdown markdown) {

	/** What WeCom's markdown reads as formatting. */
	private static final String MARKDOWN = "<>[]()*#_`~|\\";

	/** The message's text. */
	public record Markdown(String content) {
	}

	/** A message of the given markdown. */
	public static WeComMessage markdown(String content) {
		return new WeComMessage("markdown", new Markdown(content));
	}

	static WeComMessage of(Lead lead) {
		return new WeComMessage("markdown", new Markdown(text(lead)));
	}

	static String text(Lead lead) {
		Lead.Submission first = lead.submissions().get(0);
		StringBuilder text = new StringBuilder();
		List<Lead.Consultation> consultations = lead.consultations();
		if (consultations != null && !consultations.isEmpty()) {
			// Armed again by a consultation (or booked before the first message went).
			Lead.Consultation latest = consultations.get(consultations.size() - 1);
			text.append("### 预约顾问解读:").append(plain(lead.company().name())).append('\n');
			text.append("> 希望时间:").append(oneLine(latest.preferredTime(), "未填写")).append('\n');
			if (latest.note() != null) {
				text.append("> 补充说明:").append(oneLine(latest.note(), "")).append('\n');
			}
		}
		else {
			text.append("### 新线索:").append(plain(lead.company().name())).append('\n');
		}
		text.append("> 来源:").append(lead.type().label());
		if (lead.source() != null && lead.source().label() != null) {
			text.append("(").append(plain(lead.source().label())).append(")");
		}
		text.append('\n');
		text.append("> 评分:<font color=\"warning\">").append(lead.score()).append("</font>\n");
		if (first.level() != null) {
			text.append("> 成熟度:").append(first.overall()).append(" 分(L").append(first.level()).append(")\n");
		}
		text.append("> 联系人:").append(plain(lead.contact().name()));
		text.append(" ")
			.append(SalesView.maskPhone(lead.contact().phone()))
			.append(' ')
			.append(SalesView.maskEmail(lead.contact().email()));
		if (lead.assignee() != null) {
			text.append("\n> 负责人:").append(lead.assignee());
		}
		text.append("\n> 线索 ID:").append(lead.id());
		return text.toString();
	}

	/**
	 * What a prospect typed, as one line of the message: no line breaks, tags, links or
	 * emphasis that would forge lines, mentions or formatting in the sales group, at most
	 * 200 characters.
	 */
	private static String oneLine(String typed, String otherwise) {
		return (typed == null || typed.isBlank()) ? otherwise : plain(typed);
	}

	/**
	 * Typed text made inert for WeCom's markdown: whitespace runs become one space, and
	 * the characters markdown reads ({@code < > [ ] ( ) * # _ ` ~ |} and the backslash)
	 * become their full-width forms, which read the same to a person.
	 */
	public static String plain(String typed) {
		if (typed == null) {
			return "";
		}
		StringBuilder line = new StringBuilder();
		for (char c : typed.replaceAll("\\s+", " ").strip().toCharArray()) {
			line.append((MARKDOWN.indexOf(c) >= 0) ? (char) (c - 0x21 + 0xFF01) : c);
		}
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line.toString();
	}

}
