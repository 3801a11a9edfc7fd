package com.accesspath.leads.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A lead's score, 0–100: fit (company size up to 30, industry up to 20) plus intent (what
 * they asked for up to 30, how reachable they are up to 20). Companies at maturity levels
 * 2–3 score highest: they are ready to act and still need help.
 */
public final class LeadScore {

	private static final Map<String, Integer> SIZE = Map.of("1-50", 5, "51-200", 12, "201-1000", 20, "1001-5000", 26,
			"5000+", 30);

	private static final Map<String, Integer> INDUSTRY = Map.of("finance", 20, "manufacturing", 20, "healthcare", 18,
			"retail", 18, "energy", 16, "internet", 14, "education", 12, "government", 12, "other", 6);

	private static final Map<String, String> INDUSTRY_NAMES = Map.of("finance", "金融", "healthcare", "医疗健康", "education",
			"教育", "retail", "零售", "manufacturing", "制造", "internet", "互联网", "energy", "能源", "government", "政府与公共服务",
			"other", "其他");

	private static final int[] LEVEL_INTENT = { 0, 20, 30, 28, 18, 10 };

	/** A contact message asks for a conversation outright. */
	static final int CONTACT_INTENT = 26;

	/** A download shows interest, not yet a wish to talk. */
	static final int DOWNLOAD_INTENT = 14;

	private LeadScore() {
	}

	/**
	 * The score with its reasons, so sales can see why a lead scores 77 while its report
	 * says 50: the score measures how likely the lead is to buy, not how mature the
	 * company is.
	 */
	public static Explained explain(LeadType type, Lead.Company company, ContactDetails contact,
			Integer maturityLevel) {
		List<Lead.ScoreFactor> factors = new ArrayList<>();
		// A contact form says nothing of size or industry: it scores on intent and
		// reachability.
		if (company.size() != null) {
			factors.add(new Lead.ScoreFactor("企业规模 " + company.size() + " 人", SIZE.getOrDefault(company.size(), 0)));
		}
		if (company.industry() != null) {
			factors
				.add(new Lead.ScoreFactor("行业:" + INDUSTRY_NAMES.getOrDefault(company.industry(), company.industry()),
						INDUSTRY.getOrDefault(company.industry(), 0)));
		}
		if (maturityLevel != null) {
			int level = Math.max(1, Math.min(5, maturityLevel));
			factors.add(new Lead.ScoreFactor("成熟度 L" + level + "(L2–L3 最需要外部帮助)", LEVEL_INTENT[level]));
		}
		else if (type == LeadType.DOWNLOAD) {
			factors.add(new Lead.ScoreFactor("下载资料(了解阶段)", DOWNLOAD_INTENT));
		}
		else {
			factors.add(new Lead.ScoreFactor("主动留言咨询", CONTACT_INTENT));
		}
		addIf(factors, present(contact.phone()), "留了手机号", 10);
		addIf(factors, present(contact.email()), "留了邮箱", 4);
		addIf(factors, present(contact.wechat()), "留了微信号", 3);
		addIf(factors, present(contact.title()), "留了职位", 3);
		int sum = factors.stream().mapToInt(Lead.ScoreFactor::points).sum();
		return new Explained(Math.min(100, sum), List.copyOf(factors));
	}

	/** A score and what it is made of (points add up to it, capped at 100). */
	public record Explained(int total, List<Lead.ScoreFactor> factors) {
	}

	private static void addIf(List<Lead.ScoreFactor> factors, boolean condition, String label, int points) {
		if (condition) {
			factors.add(new Lead.ScoreFactor(label, points));
		}
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
