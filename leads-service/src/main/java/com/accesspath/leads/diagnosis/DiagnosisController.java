package com.accesspath.leads.diagnosis;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@Tag(name = "企业 AI 诊断", description = "企业 AI 成熟度诊断:获取问卷、提交诊断、查看报告和诊断完成数;公开接口,无需登录。")
class DiagnosisController {

	@Schema(description = "已创建的诊断")
	record DiagnosisCreated(@Schema(description = "诊断 ID", example = "6650c3f1e4b0a72b9c0d1e2f") String id,
			@Schema(description = "查看报告用的 token,请妥善保存",
					example = "q3Vx9kTz0bLmN4pR7sW2yA6cE8fH1jKd") String reportToken,
			Report report) {
	}

	@Schema(description = "诊断完成数")
	record DiagnosisStats(@Schema(description = "已完成诊断的企业数", example = "1286") long completed) {
	}

	static final String IDEMPOTENCY_KEY = "[A-Za-z0-9._:-]{1,100}";

	private final DiagnosisService diagnoses;

	DiagnosisController(DiagnosisService diagnoses) {
		this.diagnoses = diagnoses;
	}

	@Operation(operationId = "submitDiagnosis", summary = "提交企业 AI 诊断",
			description = "一次提交问卷三步的全部内容,返回 201、报告地址(Location)、reportToken 和报告。"
					+ "手机号或邮箱至少填一项,consent 必须为 true。可带 Idempotency-Key:重试时带同一个值,返回同一个 id 而不重复创建"
					+ "(响应头 Idempotent-Replayed: true),同一个值配不同的请求体返回 422。按客户端限流,超出返回 429 和 Retry-After。")
	@ApiResponse(responseCode = "201", description = "已创建")
	@PostMapping("/api/diagnosis")
	ResponseEntity<DiagnosisCreated> submit(@Valid @RequestBody DiagnosisRequest request,
			@Parameter(description = "幂等键:1-100 个字母、数字或 . _ : -,重试时带同一个值",
					example = "5b0f1c7e-3a2d-4f6b-9c8e-1d2a3b4c5d6e") @RequestHeader(name = "Idempotency-Key",
							required = false) @Pattern(regexp = IDEMPOTENCY_KEY) String idempotencyKey,
			HttpServletRequest http) {
		var submitted = this.diagnoses.submit(request, idempotencyKey,
				new DiagnosisService.ClientInfo(http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT)));
		Diagnosis diagnosis = submitted.diagnosis();
		return ResponseEntity
			.created(URI.create("/api/diagnosis/" + diagnosis.id() + "/report?token=" + diagnosis.reportToken()))
			.header("Idempotent-Replayed", Boolean.toString(submitted.replayed()))
			.body(new DiagnosisCreated(diagnosis.id(), diagnosis.reportToken(), this.diagnoses.deliverable(diagnosis)));
	}

	@Operation(operationId = "getDiagnosisReport", summary = "查看诊断报告",
			description = "凭提交时返回的 reportToken 查看;ID 或 token 不对(或缺少 token)都返回 404。"
					+ "报告含公司名称、诊断时间、报告编号、各维度得分、行业对标(同行业平均;同行业不足 5 份时为全部诊断的等级分布)、"
					+ "差距分析、改进建议、30/90/180 天路线图和推荐阅读(文章服务不可用时为空数组)。PDF 版见 getDiagnosisReportPdf。")
	@GetMapping("/api/diagnosis/{id}/report")
	Report report(@Parameter(description = "诊断 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Parameter(description = "提交诊断时返回的 reportToken",
					example = "q3Vx9kTz0bLmN4pR7sW2yA6cE8fH1jKd") @RequestParam(required = false) String token) {
		return this.diagnoses.report(id, token)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No report here for this link."));
	}

	@Operation(operationId = "getDiagnosisStats", summary = "获取诊断完成数", description = "已完成诊断的企业数,用于首页的\"已有 N 企业完成诊断\"。")
	@GetMapping("/api/diagnosis/stats")
	DiagnosisStats stats() {
		return new DiagnosisStats(this.diagnoses.completed());
	}

}
