package com.accesspath.leads.questionnaire;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "企业 AI 诊断", description = "企业 AI 成熟度诊断:获取问卷、提交诊断、查看报告和诊断完成数;公开接口,无需登录。")
class QuestionnaireController {

	private final QuestionnaireSource questionnaires;

	QuestionnaireController(QuestionnaireSource questionnaires) {
		this.questionnaires = questionnaires;
	}

	@Operation(operationId = "getQuestionnaire", summary = "获取诊断问卷",
			description = "当前版本的问卷:维度、题目和选项。提交诊断时 answers 以题目 key 为键、所选选项的 value 为值,每题都要回答。可公开缓存 10 分钟。")
	@GetMapping("/api/diagnosis/questionnaire")
	ResponseEntity<Questionnaire> questionnaire() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic())
			.body(this.questionnaires.current());
	}

}
