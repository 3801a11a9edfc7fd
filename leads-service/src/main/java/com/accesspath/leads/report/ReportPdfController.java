package com.accesspath.leads.report;

import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.leads.diagnosis.DiagnosisService;
import com.accesspath.leads.diagnosis.Report;

@RestController
@Tag(name = "企业 AI 诊断", description = "企业 AI 成熟度诊断:获取问卷、提交诊断、查看报告和诊断完成数;公开接口,无需登录。")
class ReportPdfController {

	private final DiagnosisService diagnoses;

	private final ReportPdf pdf;

	ReportPdfController(DiagnosisService diagnoses, ReportPdf pdf) {
		this.diagnoses = diagnoses;
		this.pdf = pdf;
	}

	@Operation(operationId = "getDiagnosisReportPdf", summary = "下载诊断报告 PDF",
			description = "与 getDiagnosisReport 同一份报告的 A4 PDF(内嵌中文字体):封面(公司、日期、报告编号)、执行摘要、行业对标、差距分析、"
					+ "行动路线图、推荐阅读和下一步(预约顾问解读)。凭 reportToken 下载;ID 或 token 不对(或缺少 token)返回 404 problem+json。"
					+ "同时生成的 PDF 数量有限,忙时返回 503 和 Retry-After。不可缓存。")
	@ApiResponse(responseCode = "200", description = "报告 PDF",
			content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
					schema = @Schema(type = "string", format = "binary")))
	@GetMapping("/api/diagnosis/{id}/report.pdf")
	ResponseEntity<byte[]> pdf(
			@Parameter(description = "诊断 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Parameter(description = "提交诊断时返回的 reportToken",
					example = "q3Vx9kTz0bLmN4pR7sW2yA6cE8fH1jKd") @RequestParam(required = false) String token) {
		Report report = this.diagnoses.report(id, token)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No report here for this link."));
		byte[] document = this.pdf.render(report, id, token);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("AI成熟度诊断报告-" + report.reportNumber() + ".pdf", StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Robots-Tag", "noindex")
			.body(document);
	}

}
