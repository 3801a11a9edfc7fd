package com.accesspath.newsletter.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import com.accesspath.newsletter.NewsletterIntegrationTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class WeChatIntegrationTests extends NewsletterIntegrationTestSupport {

	@Nested
	class WeChat {

		String signature(String timestamp, String nonce) {
			String[] parts = { WECHAT_TOKEN, timestamp, nonce };
			Arrays.sort(parts);
			try {
				return HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-1")
						.digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		ResultActions callback(String xml, String nonce, Instant at) throws Exception {
			String timestamp = Long.toString(at.getEpochSecond());
			return mvc.perform(post("/api/wechat/callback").param("signature", signature(timestamp, nonce))
				.param("timestamp", timestamp)
				.param("nonce", nonce)
				.contentType(MediaType.TEXT_XML)
				.content(xml));
		}

		static String event(String openId, String event, String eventKey, long createTime) {
			return "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[" + openId
					+ "]]></FromUserName>" + "<CreateTime>" + createTime
					+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event
					+ "]]></Event><EventKey><![CDATA[" + eventKey + "]]></EventKey></xml>";
		}

		@Test
		void urlCheckEchoesOnlyWithAValidSignature() throws Exception {
			String timestamp = Long.toString(clock.instant().getEpochSecond());
			mvc.perform(get("/api/wechat/callback").param("signature", signature(timestamp, "n1"))
				.param("timestamp", timestamp)
				.param("nonce", "n1")
				.param("echostr", "hello-wechat"))
				.andExpect(status().isOk())
				.andExpect(content().string("hello-wechat"));
			mvc.perform(get("/api/wechat/callback").param("signature", "forged")
				.param("timestamp", timestamp)
				.param("nonce", "n1")
				.param("echostr", "x")).andExpect(status().isForbidden());
			mvc.perform(get("/api/wechat/callback").param("echostr", "x")).andExpect(status().isBadRequest());
		}

		@Test
		void subscribeIsRecordedWithItsSceneAndWelcomedAndARetryIsHandledOnce() throws Exception {
			long created = clock.instant().getEpochSecond();
			String xml = event("openid-1", "subscribe", "qrscene_home-banner", created);
			callback(xml, "n1", clock.instant()).andExpect(status().isOk())
				.andExpect(content().string(containsString("欢迎关注")))
				.andExpect(content().string(containsString("<ToUserName><![CDATA[openid-1]]></ToUserName>")));
			Document follower = mongo.findAll(Document.class, "wechatFollowers").get(0);
			assertThat(follower.getString("status")).isEqualTo("FOLLOWING");
			assertThat(follower.getString("scene")).isEqualTo("home-banner");
			Object firstFollow = follower.get("lastFollowAt");
			clock.advance(Duration.ofSeconds(5));
			// WeChat retries the same event (new nonce): acknowledged, not handled again.
			callback(xml, "n2", clock.instant()).andExpect(status().isOk()).andExpect(content().string("success"));
			assertThat(mongo.findAll(Document.class, "wechatFollowers").get(0).get("lastFollowAt"))
				.isEqualTo(firstFollow);
			callback(event("openid-1", "unsubscribe", "", created + 60), "n3", clock.instant())
				.andExpect(status().isOk());
			assertThat(mongo.findAll(Document.class, "wechatFollowers").get(0).getString("status"))
				.isEqualTo("UNFOLLOWED");
		}

		@Test
		void textMessagesGetAReplyAndScanIsRecorded() throws Exception {
			callback(event("openid-2", "subscribe", "", clock.instant().getEpochSecond()), "a", clock.instant());
			callback(event("openid-2", "SCAN", "footer", clock.instant().getEpochSecond() + 1), "b", clock.instant())
				.andExpect(content().string(containsString("欢迎回来")));
			assertThat(mongo.findAll(Document.class, "wechatFollowers").get(0).getString("lastScene"))
				.isEqualTo("footer");
			String text = "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[openid-2]]></FromUserName><CreateTime>1</CreateTime>"
					+ "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>1234567</MsgId></xml>";
			callback(text, "c", clock.instant()).andExpect(content().string(containsString("感谢留言")));
		}

		@Test
		void forgedReplayedStaleAndXxeMessagesAreRefusedAndStoreNothing() throws Exception {
			String xml = event("openid-3", "subscribe", "", clock.instant().getEpochSecond());
			String timestamp = Long.toString(clock.instant().getEpochSecond());
			mvc.perform(post("/api/wechat/callback").param("signature", "0".repeat(40))
				.param("timestamp", timestamp)
				.param("nonce", "x")
				.contentType(MediaType.TEXT_XML)
				.content(xml)).andExpect(status().isForbidden());
			callback(xml, "old", clock.instant().minus(Duration.ofMinutes(10))).andExpect(status().isForbidden());
			String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
					+ "<xml><FromUserName>&x;</FromUserName><MsgType>event</MsgType><Event>subscribe</Event></xml>";
			callback(xxe, "xxe", clock.instant()).andExpect(status().isBadRequest());
			callback("<xml><broken", "broken", clock.instant()).andExpect(status().isBadRequest());
			mvc.perform(post("/api/wechat/callback").contentType(MediaType.TEXT_XML).content(xml))
				.andExpect(status().isBadRequest());
			assertThat(mongo.count(new Query(), "wechatFollowers")).isZero();
			callback(xml, "once", clock.instant()).andExpect(status().isOk());
			// The very same signed request again is a replay.
			callback(xml, "once", clock.instant()).andExpect(status().isForbidden());
			assertThat(mongo.count(new Query(), "wechatFollowers")).isEqualTo(1);
		}

		@Test
		void qrCodesComeFromWeChatWithOneSharedAccessToken() throws Exception {
			int tokensBefore = wechatApi.tokenCalls.get();
			mvc.perform(get("/api/wechat/qrcode").param("scene", "home"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.url").value(containsString("ticket-")))
				.andExpect(jsonPath("$.expiresIn").isNumber());
			mvc.perform(get("/api/wechat/qrcode").param("scene", "footer")).andExpect(status().isOk());
			mvc.perform(get("/api/wechat/qrcode").param("scene", "home")).andExpect(status().isOk());
			assertThat(wechatApi.tokenCalls.get() - tokensBefore).isLessThanOrEqualTo(1);
			assertThat(redis.keys("nl:wechat*access_token*")).isNotEmpty();
			mvc.perform(get("/api/wechat/qrcode").param("scene", "bad scene!")).andExpect(status().isBadRequest());
		}

	}

}
