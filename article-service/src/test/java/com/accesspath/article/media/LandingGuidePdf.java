package com.accesspath.article.media;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes the demo download {@code attachments/ai-landing-guide.pdf} (《AI 落地指南》), which is
 * committed: run once by hand when the text changes, with a CJK TrueType collection
 * (Debian's {@code fonts-wqy-microhei}, Apache 2.0 / GPLv3 with the font exception),
 * whose glyphs in use are embedded as a subset:
 *
 * <pre>
 * java -cp "$(cat cp.txt)" article-service/src/test/java/com/accesspath/article/media/LandingGuidePdf.java \
 *     /usr/share/fonts/truetype/wqy/wqy-microhei.ttc article-service/src/main/resources/attachments/ai-landing-guide.pdf
 * </pre>
 *
 * where {@code cp.txt} holds the class path of pdfbox, fontbox, pdfbox-io and
 * commons-logging. {@link LandingGuidePdfTests} checks the committed file.
 */
public final class LandingGuidePdf {

	static final String TITLE = "AI 落地指南";

	private static final float MARGIN = 56;

	private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

	/**
	 * The guide: "# " a chapter (new page), "## " a heading, "- " an item, else a
	 * paragraph.
	 */
	private static final String TEXT = """
			## 写在前面
			生成式 AI 进入企业已经两年多,大多数管理者不再问“要不要用”,而是问“从哪里开始、怎样才算做成”。这份指南把我们陪伴企业落地 AI 的做法整理成五个步骤和一份自查清单,帮助您在 90 天内做出第一个可衡量的成果。
			指南不推荐任何特定厂商。文中的做法适用于调用公有云大模型 API,也适用于私有化部署的开源模型。
			## 五个步骤一览
			- 第一步 选场景:找到价值高、数据可得、风险可控的第一个场景。
			- 第二步 备数据:把场景需要的知识和数据整理成模型用得上的样子。
			- 第三步 定路线:在 API 调用、检索增强(RAG)、微调和私有化部署之间做选择。
			- 第四步 做试点:30 天做出原型,90 天在真实业务中验证,180 天扩展。
			- 第五步 建治理:数据安全、内容合规和效果评估从第一天开始。
			# 第一步 选对场景
			第一个场景决定了团队对 AI 的信心。我们建议用“价值 × 可行性”两个维度给候选场景打分,从右上角挑选一个。
			## 价值:它解决的问题有多痛
			- 重复劳动多:客服问答、单据审核、报告初稿、代码评审。
			- 知识分散:制度、产品资料、历史案例散落在多个系统,新人难以上手。
			- 结果可衡量:处理时长、一次解决率、错误率、人均产出。
			## 可行性:今天能不能做成
			- 数据可得:有足够的文档、对话记录或标注样本,且有权使用。
			- 容错空间:输出由人复核,或错误的代价可控。
			- 业务负责人愿意投入时间参与评估和迭代。
			## 适合作为第一个场景的例子
			- 金融:智能客服与坐席辅助,基于产品手册和监管问答检索作答。
			- 制造:质检缺陷描述与工单自动生成,设备手册问答。
			- 零售:商品文案和营销素材初稿,由运营人员审核发布。
			- 医疗:病历结构化与质控提示,不直接参与诊断决策。
			- 教育:作业批改辅助与课程答疑助手。
			# 第二步 准备数据与知识
			大模型的通用能力很强,但它不了解您的企业。效果的差距大多来自数据准备,而不是模型本身。
			## 整理知识库
			- 盘点来源:制度文件、产品资料、FAQ、工单和邮件中的答复。
			- 清洗去重:删除过期版本,标注生效日期和适用范围。
			- 合理切分:按章节或问答对切分,保留标题和出处,方便溯源。
			- 权限分级:不同岗位能检索的内容不同,检索时按权限过滤。
			## 建立评测集
			在动手之前,请业务专家写出 100 到 300 个真实问题和标准答案。它是之后每一次调整的尺子:换模型、改提示词、调检索参数,都用同一套评测集比较。
			## 数据安全底线
			- 个人信息和商业秘密在进入模型前脱敏,或只在私有环境中处理。
			- 调用外部 API 时确认服务商的数据使用条款,关闭用于训练的选项。
			- 记录每一次调用的输入来源和使用者,便于审计。
			# 第三步 选择技术路线
			## 四种常见路线
			- 直接调用 API:上线最快,适合通用写作、翻译和摘要。
			- 检索增强生成(RAG):把企业知识检索出来交给模型作答,答案可溯源,是知识问答的首选。
			- 微调:让模型学会特定格式、术语或风格;需要高质量样本,适合输出格式固定的任务。
			- 私有化部署:数据不出企业,成本和运维要求更高,适合强监管行业。
			## 如何选择
			多数企业的第一个场景用“API 或私有化模型 + RAG”即可。只有当评测集表明检索已经找对资料、模型仍然答不好时,才考虑微调。
			## 成本估算
			- 按调用量:每日请求数 × 平均输入输出长度 × 单价。
			- 按部署:GPU 租用或采购、推理框架运维、扩容余量。
			- 别忘了人力:数据整理、评测和业务复核的时间往往超过技术开发。
			# 第四步 小步试点
			## 30 天:做出原型
			- 确定场景负责人和评测集,搭建最小可用版本。
			- 在评测集上达到业务认可的基线,例如八成问题答对且有出处。
			## 90 天:真实业务验证
			- 选一个团队在日常工作中使用,人工复核每一条输出。
			- 每周复盘错误案例,补充知识、调整提示词和检索策略。
			- 对比试点前后的处理时长、质量和满意度。
			## 180 天:扩展与推广
			- 把试点沉淀为平台能力:统一的模型接入、知识库和评测工具。
			- 复制到相邻场景,建立内部的 AI 应用评审流程。
			# 第五步 治理与风险
			## 合规
			面向公众提供生成式 AI 服务,需要遵守《生成式人工智能服务管理暂行办法》等规定;处理个人信息需要符合《个人信息保护法》,取得必要的同意并做好记录。内部使用同样需要明确数据边界。
			## 内容安全
			- 输出前做敏感内容过滤,对外发布的内容由人审核。
			- 要求模型给出出处;没有出处的答案提示用户核实。
			## 持续评估
			- 模型和知识库每次变更都跑一遍评测集,分数下降不上线。
			- 监控线上反馈:点赞、点踩和转人工的比例。
			# 衡量价值与自查清单
			## 用业务指标说话
			- 效率:单件处理时长、人均处理量。
			- 质量:一次解决率、差错率、返工率。
			- 体验:客户满意度、员工使用率和留存。
			- 成本:每次调用成本与节省人力的对比。
			## 落地自查清单
			- 场景有明确的业务负责人和可衡量的目标。
			- 已准备评测集,并有基线分数。
			- 数据来源、权限和脱敏方式已经确认。
			- 技术路线的选择有评测数据支撑。
			- 输出有人工复核,错误有反馈渠道。
			- 合规要求已经评估并留有记录。
			- 试点前后的指标对比已经设计好。
			## 下一步
			想知道企业目前处在哪个阶段?欢迎在 AccessPath 完成免费的企业 AI 成熟度诊断,获得六个维度的评分和改进建议;也可以通过“联系我们”预约顾问,一起规划您的第一个 AI 场景。
			""";

	private final PDDocument document;

	private final PDType0Font font;

	private PDPageContentStream page;

	private float y;

	private LandingGuidePdf(PDDocument document, PDType0Font font) {
		this.document = document;
		this.font = font;
	}

	public static void main(String[] args) throws IOException {
		try (PDDocument document = new PDDocument();
				TrueTypeCollection fonts = new TrueTypeCollection(new File(args[0]))) {
			TrueTypeFont regular = fonts.getFontByName("WenQuanYiMicroHei");
			LandingGuidePdf guide = new LandingGuidePdf(document, PDType0Font.load(document, regular, true));
			guide.write();
			PDDocumentInformation info = document.getDocumentInformation();
			info.setTitle(TITLE);
			info.setAuthor("AccessPath 研究院");
			info.setSubject("企业引入生成式 AI 的路线、案例与清单");
			document.save(Path.of(args[1]).toFile());
		}
	}

	private void write() throws IOException {
		newPage();
		this.y -= 120;
		line(TITLE, 30, 0);
		this.y -= 16;
		line("企业引入生成式 AI 的路线、案例与清单", 16, 0);
		this.y -= 10;
		line("AccessPath 研究院 · 2026 年版", 11, 0);
		this.y -= 30;
		for (String raw : TEXT.split("\n")) {
			if (raw.startsWith("# ")) {
				newPage();
				line(raw.substring(2), 20, 0);
				this.y -= 8;
			}
			else if (raw.startsWith("## ")) {
				this.y -= 8;
				paragraph(raw.substring(3), 14, 0, 0);
			}
			else if (raw.startsWith("- ")) {
				paragraph("• " + raw.substring(2), 11, 0, 12);
			}
			else if (!raw.isBlank()) {
				paragraph(raw, 11, 0, 0);
			}
		}
		this.page.close();
	}

	private void newPage() throws IOException {
		if (this.page != null) {
			this.page.close();
		}
		PDPage next = new PDPage(PDRectangle.A4);
		this.document.addPage(next);
		this.page = new PDPageContentStream(this.document, next);
		this.y = PDRectangle.A4.getHeight() - MARGIN;
		int number = this.document.getNumberOfPages();
		if (number > 1) {
			text("AccessPath · " + TITLE + " · " + number, 8, MARGIN, 30);
		}
	}

	/**
	 * Wrapped at the margin, character by character (Chinese has no spaces to break at).
	 */
	private void paragraph(String text, float size, float indent, float hanging) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			current.append(text.charAt(i));
			float available = WIDTH - indent - (lines.isEmpty() ? 0 : hanging);
			if (this.font.getStringWidth(current.toString()) / 1000 * size > available) {
				current.setLength(current.length() - 1);
				lines.add(current.toString());
				current.setLength(0);
				current.append(text.charAt(i));
			}
		}
		lines.add(current.toString());
		for (int i = 0; i < lines.size(); i++) {
			line(lines.get(i), size, indent + ((i == 0) ? 0 : hanging));
		}
		this.y -= size * 0.6f;
	}

	private void line(String text, float size, float indent) throws IOException {
		if (this.y - size * 1.6f < MARGIN + 20) {
			newPage();
		}
		this.y -= size * 1.6f;
		text(text, size, MARGIN + indent, this.y);
	}

	private void text(String text, float size, float x, float y) throws IOException {
		this.page.beginText();
		this.page.setFont(this.font, size);
		this.page.newLineAtOffset(x, y);
		this.page.showText(text);
		this.page.endText();
	}

}
