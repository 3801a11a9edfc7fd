package com.accesspath.article.site;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The site's settings as stored: one document ({@code _id} {@value #ID}) in the
 * {@code site} collection. {@code version} starts at 1 and is bumped by every change; it
 * is the ETag.
 */
@Document(SiteRepository.SETTINGS_COLLECTION)
record SiteSettings(@Id String id, String name, String legalName, String icp, String publicSecurityRecord,
		WeChat wechat, Contact contact, Instant updatedAt, long version) {

	static final String ID = "site";

	@Schema(name = "SiteWeChat", description = "微信公众号")
	record WeChat(@Schema(description = "公众号名称或微信号,可为 null", example = "AccessPathAI") String account,
			@Schema(description = "关注二维码图片,可为 null", example = "/assets/wechat-qr.png") String qrImage) {
	}

	@Schema(name = "SiteContact", description = "站点联系方式")
	record Contact(@Schema(description = "联系邮箱,可为 null", example = "contact@example.com") String email,
			@Schema(description = "联系电话,可为 null", example = "0571-88886666") String phone,
			@Schema(description = "联系地址,可为 null", example = "浙江省杭州市西湖区文三路 100 号") String address) {
	}

}
