package com.accesspath.leads.lead;

import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A person's contact details; phone (mainland mobile) or email is required, checked where
 * both are known.
 */
@Schema(description = "联系人;手机号或邮箱至少填一项")
public record ContactDetails(@Schema(description = "姓名", example = "张伟") @NotBlank @Size(max = 50) String name,
		@Schema(description = "职位", example = "数字化转型负责人") @Size(max = 50) String title,
		@Schema(description = "中国大陆手机号", example = "13800138000") @Pattern(regexp = "1[3-9]\\d{9}",
				message = "must be a mainland China mobile number") String phone,
		@Schema(description = "邮箱", example = "zhang.wei@example.com") @Email(
				message = "must be a valid email address") @Size(max = 100) String email,
		@Schema(description = "微信号", example = "zhangwei_ai") @Size(max = 50) String wechat) {

	public boolean reachable() {
		return (this.phone != null && !this.phone.isBlank()) || (this.email != null && !this.email.isBlank());
	}

	public String normalizedEmail() {
		return (this.email == null || this.email.isBlank()) ? null : this.email.strip().toLowerCase(Locale.ROOT);
	}

	public String normalizedPhone() {
		return (this.phone == null || this.phone.isBlank()) ? null : this.phone.strip();
	}

}
