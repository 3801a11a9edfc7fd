package com.accesspath.newsletter.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The JS-SDK's {@code wx.config} signature (WeChat's 附录1): SHA-1, in hex, of
 * {@code jsapi_ticket=…&noncestr=…&timestamp=…&url=…}, the fields in that order, the
 * values unescaped.
 */
final class JsSdkSignature {

	private JsSdkSignature() {
	}

	static String of(String jsapiTicket, String nonceStr, long timestamp, String url) {
		String plain = "jsapi_ticket=" + jsapiTicket + "&noncestr=" + nonceStr + "&timestamp=" + timestamp + "&url="
				+ url;
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(plain.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is part of every JDK", ex);
		}
	}

}
