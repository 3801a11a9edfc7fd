package com.accesspath.site.html;

import java.util.List;

/**
 * The blocks beside the content: 24小时热榜 (empty when ranking is down), 热门标签, the diagnosis
 * counter (null when leads is down or unasked).
 */
public record Aside(List<Cards.HotItem> hot, List<Cards.Tag> hotTags, Long diagnosisCompleted) {

	public String counterText() {
		return (this.diagnosisCompleted != null) ? Cards.count(this.diagnosisCompleted) : null;
	}

}
