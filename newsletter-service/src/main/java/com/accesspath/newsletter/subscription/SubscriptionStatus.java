package com.accesspath.newsletter.subscription;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "订阅状态:PENDING 待确认、CONFIRMED 已订阅、UNSUBSCRIBED 已退订")
public enum SubscriptionStatus {

	PENDING, CONFIRMED, UNSUBSCRIBED

}
