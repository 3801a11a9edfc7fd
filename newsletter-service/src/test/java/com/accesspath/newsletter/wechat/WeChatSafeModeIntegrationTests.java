package com.accesspath.newsletter.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.accesspath.devstack.test.RealDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The official account in safe mode: messages arrive AES-encrypted and replies leave
 * encrypted.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@RealDatabases(database = "newsletter-aes-test")
@TestPropertySource(properties = { "accesspath.wechat.token=aes-test-token", "accesspath.wechat.app-id=wx-aes-app",
		"accesspath.wechat.app-secret=secret", "accesspath.wechat.aes-key=" + WeChatSafeModeIntegrationTests.AES_KEY,
		"spring.mail.port=1" })
class WeChatSafeModeIntegrationTests {

	static final String TOKEN = "aes-test-token";

	static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	static final String APP_ID = "wx-aes-app";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	static String sha1(String... parts) throws Exception {
		String[] sorted = parts.clone();
		Arrays.sort(sorted);
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-1")
				.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void anEncryptedSubscribeIsHandledAndTheReplyIsEncrypted() throws Exception {
		this.mongo.dropCollection("wechatFollowers");
		WxCryptUtil crypt = new WxCryptUtil(TOKEN, AES_KEY, APP_ID);
		long now = System.currentTimeMillis() / 1000;
		String plain = "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[openid-aes]]></FromUserName>"
				+ "<CreateTime>" + now
				+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"
				+ "<EventKey><![CDATA[qrscene_aes]]></EventKey></xml>";
		WxCryptUtil.EncryptContext encrypted = crypt.encryptContext(plain);
		String body = "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[" + encrypted.getEncrypt()
				+ "]]></Encrypt></xml>";
		String timestamp = encrypted.getTimeStamp();
		String nonce = encrypted.getNonce();
		String reply = this.mvc
			.perform(post("/api/wechat/callback").param("signature", sha1(TOKEN, timestamp, nonce))
				.param("timestamp", timestamp)
				.param("nonce", nonce)
				.param("encrypt_type", "aes")
				.param("msg_signature", encrypted.getSignature())
				.contentType(MediaType.TEXT_XML)
				.content(body))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(reply).contains("<Encrypt>").doesNotContain("欢迎关注");
		String replyEncrypt = reply.replaceAll("(?s).*<Encrypt><!\\[CDATA\\[(.*?)]]></Encrypt>.*", "$1");
		String replyTimestamp = reply.replaceAll("(?s).*<TimeStamp>(\\d+)</TimeStamp>.*", "$1");
		String replyNonce = reply.replaceAll("(?s).*<Nonce><!\\[CDATA\\[(.*?)]]></Nonce>.*", "$1");
		assertThat(crypt.decrypt(replyEncrypt)).contains("欢迎关注").contains("openid-aes");
		String replySignature = reply.replaceAll("(?s).*<MsgSignature><!\\[CDATA\\[(.*?)]]></MsgSignature>.*", "$1");
		assertThat(replySignature).isEqualTo(sha1(TOKEN, replyTimestamp, replyNonce, replyEncrypt));
		assertThat(this.mongo.findAll(Document.class, "wechatFollowers").get(0).getString("scene")).isEqualTo("aes");

		// A plain (unencrypted) message is refused in safe mode.
		this.mvc
			.perform(post("/api/wechat/callback").param("signature", sha1(TOKEN, timestamp, "other"))
				.param("timestamp", timestamp)
				.param("nonce", "other")
				.contentType(MediaType.TEXT_XML)
				.content(plain))
			.andExpect(status().isBadRequest());
	}

}
