package com.accesspath.leads.download;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.ProblemDetailsAdvice;
import com.accesspath.boot.problem.Problems;
import com.accesspath.leads.idempotency.IdempotentRequests.Outcome;
import com.accesspath.leads.lead.LeadSource;

/**
 * Gated downloads (API.md, "downloads"): a reader leaves their details for a 资源中心
 * article's file and gets a link by mail; the link leads to the file.
 */
@RestController
@Tag(name = "资料下载", description = "留资下载:提交联系方式后生成一条 DOWNLOAD 线索,并把 7 天内有效的下载链接发到邮箱;公开接口,无需登录。")
class DownloadController {

	static final String ACCEPTED = "下载链接将发送到您的邮箱,请查收。";

	@Schema(description = "资料下载申请;邮箱必填(下载链接发到这里),未知字段会被拒绝(400)")
	record DownloadRequest(
			@Schema(description = "资源:资源中心里带附件的文章的 slug", example = "ai-landing-guide") @NotBlank @Size(
					max = 80) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
							message = "must be the slug of an article") String resource,
			@Schema(description = "姓名", example = "张伟") @NotBlank @Size(max = 50) String name,
			@Schema(description = "公司名称", example = "杭州示例科技有限公司") @NotBlank @Size(max = 100) String company,
			@Schema(description = "邮箱,下载链接发到这里", example = "zhang.wei@example.com") @NotBlank @Email(
					message = "must be a valid email address") @Size(max = 100) String email,
			@Schema(description = "中国大陆手机号,可选", example = "13800138000") @Pattern(regexp = "1[3-9]\\d{9}",
					message = "must be a mainland China mobile number") String phone,
			@Schema(description = "职位,可选", example = "数字化转型负责人") @Size(max = 50) String title,
			@Schema(description = "是否同意隐私政策,必须为 JSON 的 true", example = "true") @NotNull @AssertTrue(
					message = "must be true: the privacy policy has to be accepted") Boolean consent,
			@Schema(description = "线索来源,可选") @Valid LeadSource source) {
	}

	@Schema(description = "已受理;无论邮箱是否已知,回答都相同")
	record DownloadAccepted(@Schema(description = "给读者的提示", example = ACCEPTED) String message) {
	}

	private final DownloadService downloads;

	DownloadController(DownloadService downloads) {
		this.downloads = downloads;
	}

	@Operation(operationId = "requestDownload", summary = "申请下载资料",
			description = "资源中心里带附件的文章(如 ai-landing-guide《AI 落地指南》)可留资下载:resource、姓名、公司和邮箱必填,"
					+ "consent 必须为 true。受理后返回 202,对每个格式正确的请求回答都相同(不透露邮箱或线索是否已存在);"
					+ "随后生成一条 DOWNLOAD 线索,并把下载链接(7 天内有效)发到邮箱,邮件服务暂时不可用时稍后重发,不会丢失。"
					+ "resource 不是带附件的已发布文章时返回 422。可带 Idempotency-Key:重试时带同一个值不会重复创建"
					+ "(响应头 Idempotent-Replayed: true),同一个值配不同的请求体返回 422。按客户端限流,超出返回 429 和 Retry-After。")
	@ApiResponse(responseCode = "202", description = "已受理,下载链接将发到邮箱")
	@PostMapping("/api/downloads")
	ResponseEntity<DownloadAccepted> request(@Valid @RequestBody DownloadRequest request,
			@Parameter(description = "幂等键:1-100 个字母、数字或 . _ : -,重试时带同一个值",
					example = "5b0f1c7e-3a2d-4f6b-9c8e-1d2a3b4c5d6e") @RequestHeader(name = "Idempotency-Key",
							required = false) @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}") String idempotencyKey,
			HttpServletRequest http) {
		Outcome<String> accepted = this.downloads.request(request, idempotencyKey, http.getRemoteAddr(),
				http.getHeader(HttpHeaders.USER_AGENT));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
			.body(new DownloadAccepted(ACCEPTED));
	}

	@Operation(operationId = "followDownloadLink", summary = "打开下载链接",
			description = "邮件里的下载链接:有效时 302 跳转到文件地址,并记为一次下载(首次下载写入线索的历史);" + "未知或已过期(发出 7 天后)的链接返回 404。")
	@ApiResponse(responseCode = "302", description = "跳转到文件(Location)", content = @Content)
	@GetMapping("/api/downloads/{token}")
	ResponseEntity<Void> follow(@Parameter(description = "邮件链接中的令牌",
			example = "q3Vb0yqH8k2mXlJr4nT6cW1sZpA9dEfGhIjKlMnOpQr") @PathVariable String token) {
		DownloadService.Followed followed = this.downloads.follow(token)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"This download link is unknown or has expired; request the file again."));
		return ResponseEntity.status(HttpStatus.FOUND)
			.location(followed.file())
			.cacheControl(CacheControl.noStore())
			// The token stays out of the Referer the file's host would see.
			.header("Referrer-Policy", "no-referrer")
			.build();
	}

	/** A 422 naming the field, like a validation error. */
	@ExceptionHandler(NoDownloadException.class)
	ResponseEntity<ProblemDetail> noDownload(NoDownloadException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
				"The resource offers no file to download.");
		problem.setProperty("errors", List.of(ProblemDetailsAdvice.fieldError("resource", ex.getMessage())));
		return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
	}

}
