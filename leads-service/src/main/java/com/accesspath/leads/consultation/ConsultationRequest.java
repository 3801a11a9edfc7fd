package com.accesspath.leads.consultation;

import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** 预约顾问解读: both fields optional, plain text. */
@Schema(description = "预约顾问解读;两项都可不填,未知字段会被拒绝(400)")
record ConsultationRequest(
		@Schema(description = "希望的沟通时间,自由填写,最多 100 字", example = "下周二下午") @Size(max = 100) String preferredTime,
		@Schema(description = "补充说明,最多 1000 字", example = "希望重点讲数据治理和第一个试点场景") @Size(max = 1000) String note) {

}
