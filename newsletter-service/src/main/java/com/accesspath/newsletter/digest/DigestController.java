package com.accesspath.newsletter.digest;

import java.time.Instant;
import java.util.List;
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

	private static final int LINKS_SHOWN = 20;

	private static final int RECENT = 20;

	@Schema(description = "发送摘要的请求")
	record DigestRequest(@Schema(description = "发送给哪种频率的订阅者", example = "weekly") @NotNull Frequency frequency) {
	}

	@Schema(description = "摘要发送进度和效果(只有汇总数字,不含任何个人的点击记录)")
	record DigestProgress(@Schema(description = "本期摘要 ID", example = "weekly-2026-W10") String id,
			@Schema(description = "频率", example = "weekly") Frequency frequency,
			@Schema(description = "RUNNING 发送中、DONE 已完成", example = "RUNNING") DigestRun.Status status,
			@Schema(description = "已排队的邮件数", example = "1250") long queued,
			@Schema(description = "已发送数", example = "1200") long sent,
			@Schema(description = "发送失败数", example = "3") long failed,
			@Schema(description = "未发送数:地址已因退信或投诉停发,或在轮到前已退订", example = "2") long skipped,
			@Schema(description = "通过本期邮件中的链接退订的人数", example = "4") long unsubscribed,
			@Schema(description = "本期链接的总点击数", example = "310") long clicks,
			@Schema(description = "各链接的点击数,从多到少(最多 20 个)") List<LinkClicks> links,
			@Schema(description = "开始时间") Instant startedAt, @Schema(description = "完成时间,未完成时为空") Instant finishedAt) {
	}

	@Schema(description = "一个链接的点击数")
	record LinkClicks(
			@Schema(description = "链接地址", example = "https://www.accesspath.cn/articles/openai-nato") String url,
			@Schema(description = "点击数", example = "57") long clicks) {
	}

	private final DigestRunner runner;

	private final DigestLinks links;

	DigestController(DigestRunner runner, DigestLinks links) {
		this.runner = runner;
		this.links = links;
	}

	@Operation(operationId = "startDigest", summary = "发送资讯摘要邮件",
			description = "立即开始向该频率的已确认订阅者发送本期摘要,返回 202 和本期 id;同一期(日刊为当天,周刊为当周)"
					+ "重复发起返回同一个 id,每位订阅者只收到一次,多副本部署时也是如此。")
	@ApiResponse(responseCode = "202", description = "已开始:返回 {id}")
	@PostMapping
	ResponseEntity<Map<String, String>> start(@Valid @RequestBody DigestRequest request) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", this.runner.start(request.frequency())));
	}

	@Operation(operationId = "getDigest", summary = "查看摘要发送进度",
			description = "发送状态,排队、已发送、失败、未发送的数量,以及本期的退订数和各链接的点击数;未知 id 返回 404。")
	@GetMapping("/{id}")
	DigestProgress progress(
			@Parameter(description = "摘要 ID,即发送时返回的 id", example = "weekly-2026-W10") @PathVariable String id) {
		DigestRun run = this.runner.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No digest run '" + id + "'."));
		return progressOf(run, LINKS_SHOWN);
	}

	@Operation(operationId = "listDigests", summary = "最近的摘要", description = "最近 20 期摘要(日刊和周刊),最新的在前,每期带发送进度和效果汇总。")
	@GetMapping
	List<DigestProgress> recent() {
		return this.runner.recent(RECENT).stream().map(run -> progressOf(run, 0)).toList();
	}

	private DigestProgress progressOf(DigestRun run, int linksShown) {
		List<LinkClicks> clicks = this.links.clicks(run.id(), Integer.MAX_VALUE)
			.stream()
			.map(link -> new LinkClicks(link.url(), link.clicks()))
			.toList();
		return new DigestProgress(run.id(), run.frequency(), run.status(), run.queued(), run.sent(), run.failed(),
				run.skipped(), run.unsubscribed(), clicks.stream().mapToLong(LinkClicks::clicks).sum(),
				clicks.subList(0, Math.min(linksShown, clicks.size())), run.startedAt(), run.finishedAt());
	}

}
