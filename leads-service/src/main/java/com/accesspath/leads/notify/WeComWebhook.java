package com.accesspath.leads.notify;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * WeCom's group robot webhook, an HTTP service client of group {@code wecom} (time limits
 * under {@code spring.http.serviceclient.wecom.*}). The address carries the robot's key,
 * so it is passed with each call from {@code accesspath.leads.wecom-webhook-url}.
 */
@HttpExchange(contentType = "application/json", accept = "application/json")
public interface WeComWebhook {

	@PostExchange
	Answer send(URI webhook, @RequestBody WeComMessage message);

	/**
	 * WeCom answers 200 with {@code errcode} 0 on success, another {@code errcode} when
	 * it refused the message.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Answer(Integer errcode, String errmsg) {

		boolean accepted() {
			return this.errcode == null || this.errcode == 0;
		}

	}

}
