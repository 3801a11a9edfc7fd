package com.accesspath.leads.consultation;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "企业 AI 诊断", description = "企业 AI 成熟度诊断:获取问卷、提交诊断、查看报告和诊断完成数;公开接口,无需登录。")
class ConsultationController {

	@Schema(description = "已提交的预约")
	record ConsultationCreated(@Schema(description = "预约 ID", example = "6650c3f1e4b0a72b9c0d1e40") String id) {
	}

	private final Consultations consultations;

	ConsultationController(Consultations consultations) {
		this.consultations = consultations;
	}

	@Operation(operationId = "bookConsultation", summary = "预约顾问解读",
			description = "凭报告的 reportToken 预约顾问解读这份报告:记入该诊断线索的预约与操作历史,并即时通知销售(企业微信;通知失败会在后台重试,"
					+ "预约不会丢失)。ID 或 token 不对返回 404;同一线索的预约次数有上限,超出返回 409。preferredTime 与 note 须为字符串。")
	@ApiResponse(responseCode = "201", description = "已预约")
	@PostMapping("/api/diagnosis/{id}/consultation")
	@ResponseStatus(HttpStatus.CREATED)
	ConsultationCreated book(
			@Parameter(description = "诊断 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Parameter(description = "提交诊断时返回的 reportToken",
					example = "q3Vx9kTz0bLmN4pR7sW2yA6cE8fH1jKd") @RequestParam(required = false) String token,
			@Valid @RequestBody ConsultationRequest request) {
		return new ConsultationCreated(this.consultations.book(id, token, request));
	}

}
