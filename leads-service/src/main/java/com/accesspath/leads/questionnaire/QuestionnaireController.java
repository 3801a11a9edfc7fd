package com.accesspath.leads.questionnaire;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QuestionnaireController {

	private final QuestionnaireSource questionnaires;

	QuestionnaireController(QuestionnaireSource questionnaires) {
		this.questionnaires = questionnaires;
	}

	@GetMapping("/api/diagnosis/questionnaire")
	ResponseEntity<Questionnaire> questionnaire() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic())
			.body(this.questionnaires.current());
	}

}
