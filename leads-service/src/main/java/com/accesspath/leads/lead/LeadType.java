package com.accesspath.leads.lead;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "线索类型:DIAGNOSIS 企业 AI 诊断、CONTACT 联系咨询、DOWNLOAD 资料下载")
public enum LeadType {

	DIAGNOSIS("AI 成熟度诊断"), CONTACT("联系表单"), DOWNLOAD("资料下载");

	private final String label;

	LeadType(String label) {
		this.label = label;
	}

	/** How sales reads the type in history and messages. */
	public String label() {
		return this.label;
	}

}
