package com.accesspath.leads.diagnosis;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import com.accesspath.leads.lead.ContactDetails;
import com.accesspath.leads.lead.LeadSource;

/** The three wizard steps in one body (API.md, "Diagnosis body"). */
@Schema(description = "诊断提交:公司信息、问卷答案、联系人和隐私政策同意;未知字段会被拒绝(400)")
public record DiagnosisRequest(@NotNull @Valid CompanyDetails company,
		@Schema(description = "问卷答案:键为题目 key,值为所选选项的 value;每题都要回答",
				example = "{\"strategy_vision\": 3, \"strategy_sponsor\": 4, \"data_platform\": 2}") @NotEmpty @Size(
						max = 60) Map<@Size(max = 40) String, @NotNull Integer> answers,
		@NotNull @Valid ContactDetails contact,
		@Schema(description = "是否同意隐私政策,必须为 JSON 的 true", example = "true") @NotNull @AssertTrue(
				message = "must be true: the privacy policy has to be accepted") Boolean consent,
		@Schema(description = "线索来源,可选") @Valid LeadSource source) {

	public static final String INDUSTRIES = "finance|healthcare|education|retail|manufacturing|internet|energy|government|other";

	public static final String SIZES = "1-50|51-200|201-1000|1001-5000|5000\\+";

	@Schema(description = "公司信息")
	public record CompanyDetails(
			@Schema(description = "公司名称", example = "杭州示例科技有限公司") @NotBlank @Size(max = 100) String name,
			@Schema(description = "行业:finance、healthcare、education、retail、manufacturing、internet、energy、government 或 other",
					example = "energy") @NotBlank @Pattern(regexp = INDUSTRIES,
							message = "must be one of " + INDUSTRIES) String industry,
			@Schema(description = "员工人数:1-50、51-200、201-1000、1001-5000 或 5000+",
					example = "201-1000") @NotBlank @Pattern(regexp = SIZES,
							message = "must be one of 1-50, 51-200, 201-1000, 1001-5000, 5000+") String size,
			@Schema(description = "所在地区", example = "浙江杭州") @Size(max = 50) String region) {
	}

}
