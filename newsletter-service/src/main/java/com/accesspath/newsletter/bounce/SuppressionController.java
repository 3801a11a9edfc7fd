package com.accesspath.newsletter.bounce;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.accesspath.newsletter.bounce.Suppressions.Suppression;

/**
 * Editors look up why an address gets no mail, and lift its suppression (a mailbox that
 * was full, a complaint taken back) (role EDITOR).
 */
@RestController
@RequestMapping("/api/admin/newsletter/suppressions")
@Tag(name = "订阅管理", description = "编辑后台:订阅统计和手动发送资讯摘要邮件(EDITOR 或 ADMIN 角色)。")
class SuppressionController {

	private final Suppressions suppressions;

	SuppressionController(Suppressions suppressions) {
		this.suppressions = suppressions;
	}

	@Operation(operationId = "getSuppression", summary = "查看地址的退信屏蔽状态",
			description = "是否已屏蔽、原因(hard-bounce 硬退信、complaint 投诉、soft-bounce 软退信达到上限)、来源、时间,"
					+ "以及当前窗口内软退信的邮件数;没有任何记录返回 404。")
	@GetMapping("/{email}")
	Suppression find(
			@Parameter(description = "邮箱,不区分大小写", example = "zhang.wei@example.com") @PathVariable String email) {
		return this.suppressions.find(checked(email)).orElseThrow(SuppressionController::unknown);
	}

	@Operation(operationId = "liftSuppression", summary = "解除地址的退信屏蔽",
			description = "解除屏蔽并清除软退信计数,此后邮件照常发送到该地址;没有任何记录返回 404。")
	@ApiResponse(responseCode = "204", description = "已解除")
	@DeleteMapping("/{email}")
	ResponseEntity<Void> lift(
			@Parameter(description = "邮箱,不区分大小写", example = "zhang.wei@example.com") @PathVariable String email) {
		if (!this.suppressions.lift(checked(email))) {
			throw unknown();
		}
		return ResponseEntity.noContent().build();
	}

	private static String checked(String email) {
		if (email.length() > 254 || email.chars().anyMatch(Character::isISOControl)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not an email address.");
		}
		return email;
	}

	private static ResponseStatusException unknown() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "Nothing is known about this address.");
	}

}
