package com.accesspath.article.baidu;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Baidu's push API: one URL per line. The endpoint (group {@code baidu-push}'s base URL)
 * and timeouts come from {@code spring.http.serviceclient.baidu-push.*}.
 */
interface BaiduPushClient {

	String GROUP = "baidu-push";

	@PostExchange(contentType = "text/plain;charset=UTF-8", accept = "application/json")
	Answer push(@RequestParam("site") String site, @RequestParam("token") String token, @RequestBody String urls);

	/**
	 * A success ({@code remain}, {@code success}, the URLs Baidu did not take) or an
	 * error ({@code error}, {@code message}).
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Answer(Integer remain, Integer success, @JsonProperty("not_same_site") List<String> notSameSite,
			@JsonProperty("not_valid") List<String> notValid, Integer error, String message) {

		List<String> refused() {
			List<String> refused = new ArrayList<>();
			if (this.notSameSite != null) {
				refused.addAll(this.notSameSite);
			}
			if (this.notValid != null) {
				refused.addAll(this.notValid);
			}
			return refused;
		}

	}

}
