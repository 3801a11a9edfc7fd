package com.accesspath.leads.contact;

import java.net.URI;

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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.accesspath.leads.idempotency.IdempotentRequests.Outcome;
import com.accesspath.leads.lead.LeadSource;

/** "联系我们": a contact message for sales. */
@RestController
@Tag(name = "联系咨询", description = "联系我们表单:提交后生成一条 CONTACT 线索,交给销售跟进;公开接口,无需登录。")
class ContactController {

	@Schema(description = "联系咨询;手机号或邮箱至少填一项,未知字段会被拒绝(400)")
	record ContactRequest(@Schema(description = "姓名", example = "张伟") @NotBlank @Size(max = 50) String name,
			@Schema(description = "公司名称", example = "杭州示例科技有限公司") @NotBlank @Size(max = 100) String company,
			@Schema(description = "中国大陆手机号", example = "13800138000") @Pattern(regexp = "1[3-9]\\d{9}",
					message = "must be a mainland China mobile number") String phone,
			@Schema(description = "邮箱", example = "zhang.wei@example.com") @Email(
					message = "must be a valid email address") @Size(max = 100) String email,
			@Schema(description = "留言", example = "想了解制造业质检的 AI 落地方案") @NotBlank @Size(max = 2000) String message,
			@Schema(description = "是否同意隐私政策,必须为 JSON 的 true", example = "true") @NotNull @AssertTrue(
					message = "must be true: the privacy policy has to be accepted") Boolean consent,
			@Schema(description = "线索来源,可选") @Valid LeadSource source) {
	}

	@Schema(description = "已提交的联系咨询")
	record ContactCreated(@Schema(description = "线索 ID", example = "6650c3f1e4b0a72b9c0d1e2f") String id) {
	}

	private final ContactService contacts;

	ContactController(ContactService contacts) {
		this.contacts = contacts;
	}

	@Operation(operationId = "submitContact", summary = "提交联系咨询",
			description = "姓名、公司和留言必填,手机号或邮箱至少填一项,consent 必须为 true;返回 201 和线索 id。"
					+ "可带 Idempotency-Key:重试时带同一个值,返回同一个 id 而不重复创建(响应头 Idempotent-Replayed: true),"
					+ "同一个值配不同的请求体返回 422。按客户端限流,超出返回 429 和 Retry-After。")
	@ApiResponse(responseCode = "201", description = "已创建")
	@PostMapping("/api/contact")
	ResponseEntity<ContactCreated> contact(@Valid @RequestBody ContactRequest request,
			@Parameter(description = "幂等键:1-100 个字母、数字或 . _ : -,重试时带同一个值",
					example = "5b0f1c7e-3a2d-4f6b-9c8e-1d2a3b4c5d6e") @RequestHeader(name = "Idempotency-Key",
							required = false) @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}") String idempotencyKey,
			HttpServletRequest http) {
		Outcome<String> submitted = this.contacts.submit(request, idempotencyKey, http.getRemoteAddr(),
				http.getHeader(HttpHeaders.USER_AGENT));
		return ResponseEntity.created(URI.create("/api/contact/" + submitted.result()))
			.header("Idempotent-Replayed", Boolean.toString(submitted.replayed()))
			.body(new ContactCreated(submitted.result()));
	}

}
