package com.accesspath.newsletter.digest;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.newsletter.subscription.Frequency;

/** Editors start a digest by hand and watch its progress (role EDITOR). */
@RestController
@RequestMapping("/api/admin/newsletter/digests")
@Tag(name = "订阅管理", description = "编辑后台:订阅统计和手动发送资讯摘要邮件(EDITOR 或 ADMIN 角色)。")
class DigestController {

	@Schema(description = "发送摘要的请求")
	record DigestRequest(@Schema(description = "发送给哪种频率的订阅者", example = "weekly") @NotNull Frequency frequency) {
	}

	@Schema(description = "摘要发送进度")
	record DigestProgress(@Schema(description = "本期摘要 ID", example = "weekly-2026-W10") String id,
			@Schema(description = "RUNNING 发送中、DONE 已完成", example = "RUNNING") DigestRun.Status status,
			@Schema(description = "已发送数", example = "1200") long sent,
			@Schema(description = "发送失败数", example = "3") long failed) {
	}

	private final DigestRunner runner;

	DigestController(DigestRunner runner) {
		this.runner = runner;
	}

	@Operation(operationId = "startDigest", summary = "发送资讯摘要邮件",
			description = "立即开始向该频率的已确认订阅者发送本期摘要,返回 202 和本期 id;同一期(日刊为当天,周刊为当周)"
					+ "重复发起返回同一个 id,每位订阅者只收到一次,多副本部署时也是如此。")
	@ApiResponse(responseCode = "202", description = "已开始:返回 {id}")
	@PostMapping
	ResponseEntity<Map<String, String>> start(@Valid @RequestBody DigestRequest request) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", this.runner.start(request.frequency())));
	}

	@Operation(operationId = "getDigest", summary = "查看摘要发送进度", description = "发送状态以及已发送、失败的数量;未知 id 返回 404。")
	@GetMapping("/{id}")
	DigestProgress progress(
			@Parameter(description = "摘要 ID,即发送时返回的 id", example = "weekly-2026-W10") @PathVariable String id) {
		DigestRun run = this.runner.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No digest run '" + id + "'."));
		return new DigestProgress(run.id(), run.status(), run.sent(), run.failed());
	}

}
