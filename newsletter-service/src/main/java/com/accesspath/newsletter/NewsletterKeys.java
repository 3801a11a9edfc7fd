package com.accesspath.newsletter;

/** Every Redis key of newsletter-service, in one place. */
public final class NewsletterKeys {

	private static final String PREFIX = "nl:";

	private NewsletterKeys() {
	}

	/**
	 * WxJava's key prefix for the shared access token:
	 * {@code nl:wechat:access_token:<appId>} and its lock.
	 */
	public static String wechatTokenPrefix() {
		return PREFIX + "wechat";
	}

	/**
	 * A WeChat message already handled (TTL 2 min: WeChat retries within 15 s, three
	 * times).
	 */
	public static String wechatMessage(String messageKey) {
		return PREFIX + "wechat:msg:" + messageKey;
	}

	/** A callback signature already used (TTL 5 min: the timestamp window). */
	public static String wechatSignature(String signature, String timestamp, String nonce) {
		return PREFIX + "wechat:sig:" + signature + ":" + timestamp + ":" + nonce;
	}

	/** The QR code ticket of a scene, reused until shortly before it expires. */
	public static String wechatQrCode(String scene) {
		return PREFIX + "wechat:qr:" + scene;
	}

	/**
	 * The JS-SDK's jsapi_ticket of an app, shared by every replica (TTL: its validity
	 * minus a margin).
	 */
	public static String wechatJsapiTicket(String appId) {
		return PREFIX + "wechat:jsapi_ticket:" + appId;
	}

	/** Held (SET NX PX) by the one replica fetching a new jsapi_ticket. */
	public static String wechatJsapiTicketLock(String appId) {
		return PREFIX + "wechat:jsapi_ticket_lock:" + appId;
	}

	/**
	 * Set for a few seconds after fetching the jsapi_ticket failed: every replica answers
	 * 503 at once instead of asking WeChat again on each request.
	 */
	public static String wechatJsapiTicketDown(String appId) {
		return PREFIX + "wechat:jsapi_ticket_down:" + appId;
	}

	/**
	 * Bucket4j's token bucket pacing every replica's emails (expires once full again).
	 */
	public static String mailPacing() {
		return PREFIX + "mail:pacing";
	}

	/**
	 * SHA-256 of the menu last pushed to WeChat for an app (no TTL): a replica pushes its
	 * menu only when it differs.
	 */
	public static String wechatMenuHash(String appId) {
		return PREFIX + "wechat:menu_hash:" + appId;
	}

	/** Held (SET NX PX) by the one replica pushing the menu. */
	public static String wechatMenuLock(String appId) {
		return PREFIX + "wechat:menu_lock:" + appId;
	}

	/**
	 * Held (SET NX PX, renewed after each page) by the one replica reading the follower
	 * list.
	 */
	public static String wechatFollowerSyncLock(String appId) {
		return PREFIX + "wechat:follower_sync_lock:" + appId;
	}

	/**
	 * Set after a complete follower sync, for the minimum interval: replicas starting
	 * meanwhile do not sync again.
	 */
	public static String wechatFollowerSyncDone(String appId) {
		return PREFIX + "wechat:follower_sync_done:" + appId;
	}

}
