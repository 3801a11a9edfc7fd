package com.accesspath.newsletter.subscription;

public enum SubscriptionStatus {

	PENDING, CONFIRMED, UNSUBSCRIBED

}
