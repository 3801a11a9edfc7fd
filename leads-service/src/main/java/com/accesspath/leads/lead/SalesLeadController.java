package com.accesspath.leads.lead;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.boot.problem.InvalidInputException;
import com.accesspath.leads.lead.LeadRepository.LeadFilter;
import com.accesspath.leads.lead.LeadRepository.LeadSort;
import com.accesspath.leads.lead.SalesView.Assignee;
import com.accesspath.leads.lead.SalesView.LeadCounts;
import com.accesspath.leads.lead.SalesView.LeadDetail;
import com.accesspath.leads.lead.SalesView.LeadPage;

/** The sales team's API (role SALES, or ADMIN; erasure is ADMIN only). */
@RestController
@RequestMapping("/api/admin/leads")
@Tag(name = "线索管理", description = "销售后台:查询、跟进和导出诊断与联系咨询产生的线索(SALES 或 ADMIN 角色;删除个人信息仅 ADMIN)。")
class SalesLeadController {

	@Schema(description = "线索的修改;不传的字段保持不变")
	record LeadChange(@Schema(description = "新状态", example = "CONTACTED") LeadStatus status,
			@Schema(description = "负责人:销售名单中的 ID(见 /api/admin/leads/assignees);空字符串表示取消分配",
					example = "li.na") @Size(max = 50) String assignee,
			@Schema(description = "下次跟进时间(UTC);到时提醒负责人一次", example = "2026-03-06T02:00:00Z") Instant nextFollowUpAt) {
	}

	/** The list's filters as query parameters (the list and the export take the same). */
	record ListFilters(@Parameter(description = "线索状态", example = "NEW") LeadStatus status,
			@Parameter(description = "线索类型", example = "DIAGNOSIS") LeadType type,
			@Parameter(description = "行业", example = "energy") @Size(max = 30) String industry,
			@Parameter(description = "负责人:销售名单中的 ID;me 为自己(令牌的 sub),none 为未分配",
					example = "me") @Size(max = 50) String assignee,
			@Parameter(description = "来源:匹配 source.cta 或 source.utm.source",
					example = "wechat") @Size(max = 500) String source,
			@Parameter(description = "true 只看已逾期未联系的新线索", example = "true",
					schema = @Schema(type = "boolean")) @Pattern(regexp = "true|false",
							message = "must be true or false") String overdue,
			@Parameter(description = "关键词,匹配公司名称或联系人姓名", example = "杭州示例") @Size(max = 100) String q) {

		LeadFilter toFilter(Jwt user) {
			String who = this.assignee;
			boolean none = "none".equals(who);
			if ("me".equals(who)) {
				who = user.getSubject();
			}
			return new LeadFilter(this.status, this.type, this.industry, none ? null : who, none,
					"true".equals(this.overdue), false, this.source, this.q);
		}

	}

	@Schema(description = "跟进备注")
	record NoteRequest(@Schema(description = "备注内容",
			example = "已电话沟通,客户计划下季度启动质检试点,约下周现场演示。") @NotBlank @Size(max = 2000) String text) {
	}

	static final int EXPORT_MAX = 10_000;

	private final SalesLeadService sales;

	private final Clock clock;

	SalesLeadController(SalesLeadService sales, Clock clock) {
		this.sales = sales;
		this.clock = clock;
	}

	@Operation(operationId = "listLeads", summary = "列出线索",
			description = "可按状态、类型、行业、负责人(me 自己、none 未分配)、来源、是否逾期和关键词筛选;" + "默认最新的在前,sort=score 按评分从高到低;列表中的手机号和邮箱已打码。"
					+ "翻页时把 nextCursor 原样作为 cursor 传回,最后一页 nextCursor 为 null。")
	@GetMapping
	LeadPage list(@ParameterObject @Valid ListFilters filters,
			@Parameter(description = "排序:-createdAt 最新在前(默认),score 评分最高在前",
					schema = @Schema(allowableValues = { "-createdAt", "score" })) @RequestParam(
							defaultValue = "-createdAt") @Pattern(regexp = "-createdAt|score",
									message = "must be -createdAt or score") String sort,
			@Parameter(description = "每页条数,1-50",
					example = "20") @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
			@Parameter(description = "翻页游标:上一页返回的 nextCursor;第一页不传",
					example = "6650c3f1e4b0a72b9c0d1e2f") @RequestParam(required = false) @Size(max = 40) String cursor,
			@AuthenticationPrincipal Jwt user) {
		return this.sales.list(filters.toFilter(user), "score".equals(sort) ? LeadSort.SCORE : LeadSort.NEWEST, limit,
				cursor);
	}

	@Operation(operationId = "countLeads", summary = "各视图的线索数",
			description = "未结束(NEW、CONTACTED、QUALIFIED)的线索:全部、我的、未分配、已逾期各有多少,用于列表页签上的数字。")
	@GetMapping("/counts")
	LeadCounts counts(@AuthenticationPrincipal Jwt user) {
		return this.sales.counts(user.getSubject());
	}

	@Operation(operationId = "listLeadAssignees", summary = "销售名单", description = "可以分配线索的销售人员(来自配置),分配时用其 id。")
	@GetMapping("/assignees")
	List<Assignee> assignees() {
		return this.sales.assignees();
	}

	@Operation(operationId = "leadStats", summary = "线索漏斗统计",
			description = "按创建时间统计一段时间内的线索:各状态、各来源(含成交率)、各行业的数量,每周新增与成交,从创建到首次联系的中位时长。"
					+ "from、to 为日期(北京时间)或 UTC 时间,默认最近 12 周;最长 2 年。")
	@GetMapping("/stats")
	LeadFunnel.Stats stats(
			@Parameter(description = "开始日期(含),如 2026-09-01 或 2026-09-01T00:00:00Z",
					example = "2026-09-01") @RequestParam(required = false) @Size(max = 30) String from,
			@Parameter(description = "结束日期(不含),如 2026-12-01",
					example = "2026-12-01") @RequestParam(required = false) @Size(max = 30) String to) {
		Instant end = (to == null) ? this.clock.instant() : instant("to", to);
		Instant start = (from == null) ? end.minus(Duration.ofDays(84)) : instant("from", from);
		return this.sales.stats(start, end);
	}

	@Operation(operationId = "exportLeads", summary = "导出线索 CSV",
			description = "筛选条件同列表,最多 10000 条,作为附件 leads.csv 下载;UTF-8 带 BOM,可直接用 Excel 打开。CSV 中的手机号和邮箱不打码,含来源信息。")
	@ApiResponse(responseCode = "200", description = "CSV 文件",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	@GetMapping(path = "/export", produces = "text/csv")
	ResponseEntity<byte[]> export(@ParameterObject @Valid ListFilters filters, @AuthenticationPrincipal Jwt user) {
		String csv = LeadCsv.of(this.sales.all(filters.toFilter(user), EXPORT_MAX), this.clock.instant());
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("leads.csv").build().toString())
			.body(csv.getBytes(StandardCharsets.UTF_8));
	}

	@Operation(operationId = "revealLeadContact", summary = "查看完整联系方式",
			description = "返回不打码的手机号、邮箱和微信号,用于从列表直接拨打或发信;每次查看都记入线索历史(REVEALED)。")
	@PostMapping("/{id}/contact")
	ContactDetails reveal(
			@Parameter(description = "线索 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@AuthenticationPrincipal Jwt user) {
		return this.sales.reveal(id, user.getSubject());
	}

	@Operation(operationId = "getLead", summary = "查看线索详情",
			description = "完整的线索:联系方式(不打码)、公司、每次提交的答案与报告、评分、状态、负责人、备注和历史。"
					+ "每次查看都记入历史,但不改变版本;响应的 ETag 即修改时要带的 If-Match。")
	@GetMapping("/{id}")
	ResponseEntity<LeadDetail> lead(
			@Parameter(description = "线索 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@AuthenticationPrincipal Jwt user) {
		LeadDetail lead = this.sales.view(id, user.getSubject());
		return ResponseEntity.ok().eTag("\"" + lead.version() + "\"").body(lead);
	}

	@Operation(operationId = "updateLead", summary = "修改线索状态、负责人或下次跟进时间",
			description = "第一次离开 NEW 记为首次联系时间。必须带 If-Match(取自 ETag):缺少时 428,版本已变时 412。状态只能按 NEW → CONTACTED → QUALIFIED → WON 前进,"
					+ "未结束的线索可改为 LOST,其他变更返回 409。")
	@PatchMapping("/{id}")
	ResponseEntity<LeadDetail> change(
			@Parameter(description = "线索 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Parameter(description = "要修改的版本,即上次响应的 ETag,如 \"3\";必填") @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch,
			@Valid @RequestBody LeadChange change, @AuthenticationPrincipal Jwt user) {
		LeadDetail lead = this.sales.change(id, version(ifMatch), change.status(), change.assignee(),
				change.nextFollowUpAt(), user.getSubject());
		return ResponseEntity.ok().eTag("\"" + lead.version() + "\"").body(lead);
	}

	@Operation(operationId = "addLeadNote", summary = "添加跟进备注", description = "备注记入线索并写入历史;线索的版本随之加 1,之后修改线索要用新的 ETag。")
	@ApiResponse(responseCode = "201", description = "已添加")
	@PostMapping("/{id}/notes")
	ResponseEntity<Lead.Note> note(
			@Parameter(description = "线索 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@Valid @RequestBody NoteRequest note, @AuthenticationPrincipal Jwt user) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.sales.addNote(id, note.text(), user.getSubject()));
	}

	@Operation(operationId = "eraseLeadPersonalData", summary = "删除线索中的个人信息",
			description = "仅 ADMIN,用于处理个人信息删除请求:联系人信息、留言和备注内容被删除,公司、评分、状态和操作历史匿名保留;返回处理后的线索。")
	@DeleteMapping("/{id}/personal-data")
	LeadDetail erase(@Parameter(description = "线索 ID", example = "6650c3f1e4b0a72b9c0d1e2f") @PathVariable String id,
			@AuthenticationPrincipal Jwt user) {
		List<String> roles = user.getClaimAsStringList("roles");
		if (roles == null || !roles.contains("ADMIN")) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an ADMIN may erase personal data.");
		}
		return this.sales.erase(id, user.getSubject());
	}

	/** A date (the start of that day in Beijing) or an instant. */
	private static Instant instant(String field, String value) {
		try {
			return (value.length() == 10) ? LocalDate.parse(value).atStartOfDay(LeadFunnel.BEIJING).toInstant()
					: Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field,
					"must be a date like 2026-09-01 or a UTC time like 2026-09-01T00:00:00Z");
		}
	}

	private static long version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new ResponseStatusException(HttpStatus.PRECONDITION_REQUIRED,
					"Send If-Match with the lead's ETag, e.g. If-Match: \"3\".");
		}
		String value = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
					"If-Match does not name a version of this lead.");
		}
	}

}
