package com.accesspath.site.html;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A form as the server shows it again after a post the service refused: what the reader
 * typed, the errors at their fields and the message above the button. {@link #EMPTY} is a
 * form shown for the first time.
 *
 * @param values the fields as posted (a checkbox is "on" when checked)
 * @param errors a message per field ({@code data-field} name)
 * @param message the form's message, or null
 */
public record FormState(Map<String, String> values, Map<String, String> errors, String message) {

	public static final FormState EMPTY = new FormState(Map.of(), Map.of(), null);

	/**
	 * The API words its rules in English for every client; readers get them in Chinese,
	 * as site.js shows them (same rules, same order).
	 */
	private static final List<Map.Entry<Pattern, String>> RULES = List.of(
			rule("phone or email|email or phone", "请至少填写手机号或邮箱"),
			rule("mainland China mobile|phone", "请输入有效的中国大陆手机号(11 位)"), rule("e-?mail", "请输入有效的邮箱地址"),
			rule("must be true|consent|privacy", "请阅读并同意隐私政策"), rule("has no download", "该资料暂不提供下载"),
			rule("must be one of|not one of|unknown option|not an option", "请从给出的选项中选择"),
			rule("not be blank|not be empty|not be null|required|missing", "此项为必填项"),
			rule("size must be between|at most|too long|length", "内容长度超出限制"));

	private static Map.Entry<Pattern, String> rule(String pattern, String text) {
		return Map.entry(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE), text);
	}

	/** A service's rule in the reader's words (the text itself when no rule matches). */
	public static String fieldMessage(String message) {
		String text = (message != null) ? message : "";
		for (Map.Entry<Pattern, String> rule : RULES) {
			if (rule.getKey().matcher(text).find()) {
				return rule.getValue();
			}
		}
		return text.isEmpty() ? "请检查此项" : text;
	}

	public String value(String field) {
		return value(field, "");
	}

	/** What was posted for {@code field}, else {@code fallback}. */
	public String value(String field, String fallback) {
		String value = this.values.get(field);
		return (value != null) ? value : fallback;
	}

	public boolean checked(String field) {
		return this.values.containsKey(field);
	}

	public boolean selected(String field, String option) {
		return option.equals(this.values.get(field));
	}

	/** The message at {@code field}, or null. */
	public String error(String field) {
		return this.errors.get(field);
	}

	/** {@code " invalid"} for a field with an error, else empty (its class). */
	public String invalid(String field) {
		return this.errors.containsKey(field) ? "field invalid" : "field";
	}

	/** {@code "true"} for a field with an error, else null (no attribute). */
	public String ariaInvalid(String field) {
		return this.errors.containsKey(field) ? "true" : null;
	}

}
