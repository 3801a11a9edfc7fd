package com.accesspath.leads.lead;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "线索类型:DIAGNOSIS 企业 AI 诊断、CONTACT 联系咨询")
public enum LeadType {

	DIAGNOSIS, CONTACT

}
