package com.accesspath.leads.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import com.accesspath.leads.diagnosis.Report;

/**
 * The report as an A4 PDF: a cover (company, date, report number), an executive summary,
 * the benchmark (the industry's averages, else the distribution of all diagnoses), the
 * gap analysis, the roadmap, the recommended articles and the next step (预约顾问解读 on the
 * site). Written as XHTML and rendered by openhtmltopdf with the embedded Chinese font
 * (subset: only the characters used), in one of {@link ReportFonts}' slots.
 */
@Component
public class ReportPdf {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(CHINA);

	private final ReportFonts fonts;

	private final RoadmapSource roadmaps;

	private final URI siteUrl;

	ReportPdf(ReportFonts fonts, RoadmapSource roadmaps, ReportProperties properties) {
		this.fonts = fonts;
		this.roadmaps = roadmaps;
		this.siteUrl = properties.siteUrl();
	}

	/**
	 * The PDF of a report, whose page on the site is that of {@code diagnosisId} and
	 * {@code token}. Throws {@link PdfBusyException} when no rendering slot came free in
	 * time.
	 */
	public byte[] render(Report report, String diagnosisId, String token) {
		ReportFonts.FontSet fontSet = this.fonts.acquire();
		try (PDDocument document = new PDDocument()) {
			PDDocumentInformation information = document.getDocumentInformation();
			information.setTitle("企业 AI 成熟度诊断报告 · " + report.company());
			information.setAuthor("AccessPath");
			information.setSubject(report.reportNumber());
			PdfRendererBuilder builder = new PdfRendererBuilder().useFastMode()
				.usePDDocument(document)
				.withProducer("AccessPath")
				.withHtmlContent(html(report, diagnosisId, token), this.siteUrl.toString());
			builder.useFont(new PDFontSupplier(PDType0Font.load(document, fontSet.regular(), true)), ReportFonts.FAMILY,
					400, FontStyle.NORMAL, true);
			builder.useFont(new PDFontSupplier(PDType0Font.load(document, fontSet.bold(), true)), ReportFonts.FAMILY,
					700, FontStyle.NORMAL, true);
			try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
				renderer.createPDFWithoutClosing();
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.fonts.release(fontSet);
		}
	}

	String html(Report report, String diagnosisId, String token) {
		Roadmap roadmap = this.roadmaps.current();
		String reportLink = UriComponentsBuilder.fromUri(this.siteUrl)
			.pathSegment("diagnosis", "report", diagnosisId)
			.queryParam("token", token)
			.encode()
			.build()
			.toUriString();
		String date = (report.createdAt() != null) ? DATE.format(report.createdAt()) : "";
		Html html = new Html();
		html.raw("<html><head><meta charset=\"UTF-8\"/><title>").text("企业 AI 成熟度诊断报告").raw("</title><style>");
		html.raw(STYLE.replace("%FOOTER%", "AccessPath · 报告编号 " + cssString(report.reportNumber())));
		html.raw("</style></head><body>");
		cover(html, report, date);
		summary(html, report, roadmap);
		benchmark(html, report);
		gaps(html, report);
		roadmapSection(html, report);
		resources(html, report);
		html.raw("<h2>6. 下一步:预约顾问解读</h2><div class=\"next\"><p>")
			.text("AccessPath 顾问将结合贵司所在行业与本报告的短板,用 30 分钟解读诊断结果、讨论优先场景,并给出落地建议。")
			.raw("</p><p class=\"strong\">")
			.text("打开在线报告,点击「预约顾问解读」:")
			.raw("</p><p><a href=\"")
			.attr(reportLink)
			.raw("\">")
			.text(reportLink)
			.raw("</a></p><p class=\"muted\">")
			.text("AccessPath · " + this.siteUrl + " · 报告链接中包含访问凭证,请仅分享给需要的同事。")
			.raw("</p></div>");
		html.raw("</body></html>");
		return html.toString();
	}

	private static void cover(Html html, Report report, String date) {
		html.raw("<div class=\"cover\"><p class=\"brand\">AccessPath</p><p class=\"kind\">")
			.text("企业 AI 成熟度诊断报告")
			.raw("</p><h1>")
			.text(report.company())
			.raw("</h1><p class=\"level\">")
			.text("L" + report.level() + " · " + report.levelName())
			.raw("</p><p class=\"score\">")
			.text("综合得分 " + report.overall() + " / 100")
			.raw("</p><table class=\"meta\"><tr><td>")
			.text("诊断日期")
			.raw("</td><td>")
			.text(date)
			.raw("</td></tr><tr><td>")
			.text("报告编号")
			.raw("</td><td>")
			.text(report.reportNumber())
			.raw("</td></tr></table></div>");
	}

	private static void summary(Html html, Report report, Roadmap roadmap) {
		List<Report.DimensionScore> dimensions = report.dimensions();
		Report.DimensionScore strongest = dimensions.stream()
			.max((a, b) -> Integer.compare(a.score(), b.score()))
			.orElseThrow();
		Report.DimensionScore weakest = dimensions.stream()
			.min((a, b) -> Integer.compare(a.score(), b.score()))
			.orElseThrow();
		html.raw("<h2>1. 执行摘要</h2><p>")
			.text(report.company() + "的 AI 成熟度综合得分为 " + report.overall() + " 分,处于 L" + report.level() + " "
					+ report.levelName() + ":" + roadmap.levelSummaries().getOrDefault(report.level(), ""))
			.raw("</p><p>")
			.text("优势维度为「" + strongest.name() + "」(" + strongest.score() + " 分),最需提升的是「" + weakest.name() + "」("
					+ weakest.score() + " 分)。" + standing(report))
			.raw("</p><h3>")
			.text("核心建议")
			.raw("</h3><ul>");
		for (String recommendation : report.recommendations()) {
			html.raw("<li>").text(recommendation).raw("</li>");
		}
		html.raw("</ul>");
	}

	/** Where the company stands among its peers, in one sentence. */
	private static String standing(Report report) {
		if (report.percentile() != null) {
			return "在同行业此前完成诊断的企业中,综合得分超过了 " + report.percentile() + "% 的企业。";
		}
		return "同行业样本还不足 5 家,暂以全部行业的总体分布作为参照(见第 2 节)。";
	}

	private static void benchmark(Html html, Report report) {
		html.raw("<h2>2. 行业对标</h2>");
		if (report.industryAverage() != null) {
			html.raw("<p>").text("与同行业此前完成诊断的企业相比(各维度平均分):").raw("</p>");
			html.raw(
					"<table class=\"grid\"><tr><th>维度</th><th>贵司得分</th><th>行业平均</th><th>差距</th><th class=\"bars\">对比</th></tr>");
			for (Report.DimensionScore dimension : report.dimensions()) {
				Integer average = report.industryAverage()
					.stream()
					.filter(candidate -> candidate.key().equals(dimension.key()))
					.map(Report.DimensionScore::score)
					.findFirst()
					.orElse(null);
				html.raw("<tr><td>")
					.text(dimension.name())
					.raw("</td><td class=\"num\">")
					.text(Integer.toString(dimension.score()))
					.raw("</td><td class=\"num\">")
					.text((average != null) ? Integer.toString(average) : "—")
					.raw("</td><td class=\"num\">")
					.text((average != null) ? signed(dimension.score() - average) : "—")
					.raw("</td><td class=\"bars\">");
				bar(html, "ours", dimension.score());
				bar(html, "theirs", (average != null) ? average : 0);
				html.raw("</td></tr>");
			}
			html.raw("</table><p class=\"muted\">").text("深色为贵司得分,浅色为行业平均。").raw("</p>");
			return;
		}
		Report.Distribution distribution = report.distribution();
		html.raw("<p>")
			.text("同行业此前完成诊断的企业还不足 5 家,行业平均暂不显示。以下是此前全部 " + ((distribution != null) ? distribution.diagnoses() : 0)
					+ " 份诊断(各行业)的成熟度等级分布,贵司处于 L" + report.level() + " " + report.levelName() + ":")
			.raw("</p><table class=\"grid\"><tr><th>等级</th><th>企业数</th><th>占比</th><th class=\"bars\">分布</th></tr>");
		if (distribution != null) {
			for (Report.LevelShare share : distribution.levels()) {
				html.raw((share.level() == report.level()) ? "<tr class=\"current\"><td>" : "<tr><td>")
					.text("L" + share.level() + " " + share.name() + ((share.level() == report.level()) ? "(贵司)" : ""))
					.raw("</td><td class=\"num\">")
					.text(Long.toString(share.count()))
					.raw("</td><td class=\"num\">")
					.text(share.share() + "%")
					.raw("</td><td class=\"bars\">");
				bar(html, "ours", share.share());
				html.raw("</td></tr>");
			}
		}
		html.raw("</table>");
	}

	private static void gaps(Html html, Report report) {
		html.raw("<h2>3. 差距分析</h2><p>").text("按得分从低到高排列;标 ★ 的维度是路线图的重点。").raw("</p>");
		for (Report.Gap gap : report.gaps()) {
			html.raw("<div class=\"gap\"><h3>")
				.text((gap.focus() ? "★ " : "") + gap.name() + " · " + gap.score() + " 分 · " + gap.stage())
				.raw("</h3><p class=\"muted\">");
			StringBuilder facts = new StringBuilder();
			if (gap.industryAverage() != null) {
				facts.append("行业平均 ")
					.append(gap.industryAverage())
					.append(" 分(")
					.append(signed(gap.gapToAverage()))
					.append(")。");
			}
			facts.append((gap.nextLevel() != null)
					? "距 L" + gap.nextLevel() + " " + gap.nextLevelName() + " 还差 " + gap.pointsToNextLevel() + " 分。"
					: "已达到最高等级。");
			html.text(facts.toString()).raw("</p><p>").text(gap.advice()).raw("</p></div>");
		}
	}

	private static void roadmapSection(Html html, Report report) {
		html.raw("<h2>4. 行动路线图</h2>");
		for (Report.RoadmapStep step : report.roadmap()) {
			html.raw("<div class=\"step\"><h3>").text(horizon(step.horizon())).raw("</h3><ul>");
			for (String action : step.actions()) {
				html.raw("<li>").text(action).raw("</li>");
			}
			html.raw("</ul></div>");
		}
	}

	private void resources(Html html, Report report) {
		html.raw("<h2>5. 推荐阅读</h2>");
		List<ArticleSummary> articles = (report.resources() != null) ? report.resources() : List.of();
		if (articles.isEmpty()) {
			html.raw("<p>").text("更多精选案例与行业报告见 " + this.siteUrl + " 资源中心。").raw("</p>");
			return;
		}
		html.raw("<ul class=\"resources\">");
		for (ArticleSummary article : articles) {
			String link = UriComponentsBuilder.fromUri(this.siteUrl)
				.pathSegment("articles", article.slug())
				.build()
				.encode()
				.toUriString();
			html.raw("<li><span class=\"tag\">")
				.text((article.category() != null && article.category().name() != null) ? article.category().name()
						: "文章")
				.raw("</span> <a href=\"")
				.attr(link)
				.raw("\">")
				.text(article.title())
				.raw("</a>");
			if (article.summary() != null) {
				html.raw("<br/><span class=\"muted\">").text(article.summary()).raw("</span>");
			}
			html.raw("</li>");
		}
		html.raw("</ul>");
	}

	private static void bar(Html html, String kind, int percent) {
		html.raw("<div class=\"bar\"><div class=\"" + kind + "\" style=\"width:" + Math.max(0, Math.min(100, percent))
				+ "%\"></div></div>");
	}

	private static String horizon(String horizon) {
		return switch (horizon) {
			case "30d" -> "30 天:启动";
			case "90d" -> "90 天:落地";
			case "180d" -> "180 天:见效";
			default -> horizon;
		};
	}

	private static String signed(int value) {
		return (value > 0) ? "+" + value : Integer.toString(value);
	}

	/** A CSS string's content: quotes and backslashes escaped. */
	private static String cssString(String value) {
		return (value == null) ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	/** XHTML in the making: text and attribute values escaped, markup as written. */
	private static final class Html {

		private final StringBuilder out = new StringBuilder(16 * 1024);

		Html raw(String markup) {
			this.out.append(markup);
			return this;
		}

		Html text(String text) {
			if (text == null) {
				return this;
			}
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				switch (c) {
					case '&' -> this.out.append("&amp;");
					case '<' -> this.out.append("&lt;");
					case '>' -> this.out.append("&gt;");
					case '"' -> this.out.append("&quot;");
					case '\'' -> this.out.append("&#39;");
					default -> {
						// XML 1.0 allows no other control characters.
						if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
							this.out.append(c);
						}
					}
				}
			}
			return this;
		}

		Html attr(String value) {
			return text(value);
		}

		@Override
		public String toString() {
			return this.out.toString();
		}

	}

	private static final String STYLE = """
			@page { size: A4; margin: 20mm 18mm 22mm 18mm;
			  @bottom-center { content: "%FOOTER% · 第 " counter(page) " / " counter(pages) " 页";
			    font-family: 'Noto Sans SC'; font-size: 8pt; color: #8a94a6; } }
			@page :first { @bottom-center { content: none; } }
			body { font-family: 'Noto Sans SC'; font-size: 10.5pt; line-height: 1.6; color: #1f2937; }
			h1, h2, h3 { font-weight: 700; }
			h2 { font-size: 15pt; color: #1d4ed8; border-bottom: 1px solid #dbe3f0; padding-bottom: 3pt;
			  margin: 18pt 0 8pt 0; page-break-after: avoid; }
			h3 { font-size: 11pt; margin: 10pt 0 4pt 0; page-break-after: avoid; }
			p { margin: 4pt 0; }
			ul { margin: 4pt 0; padding-left: 0; list-style-type: none; }
			li { margin: 2pt 0; padding-left: 10pt; }
			li:before { content: "▪"; color: #1d4ed8; font-size: 7pt; margin-left: -10pt; padding-right: 4pt; }
			a { color: #1d4ed8; text-decoration: none; }
			.muted { color: #6b7280; font-size: 9pt; }
			.strong { font-weight: 700; }
			.cover { page-break-after: always; padding-top: 60mm; }
			.cover .brand { font-weight: 700; font-size: 14pt; color: #1d4ed8; letter-spacing: 1pt; }
			.cover .kind { font-size: 20pt; margin-top: 10mm; }
			.cover h1 { font-size: 26pt; margin: 6mm 0; }
			.cover .level { font-size: 18pt; font-weight: 700; color: #1d4ed8; margin-top: 12mm; }
			.cover .score { font-size: 12pt; }
			.cover .meta { margin-top: 40mm; font-size: 10.5pt; }
			.cover .meta td { padding: 2pt 12pt 2pt 0; }
			table.grid { width: 100%; border-collapse: collapse; margin: 6pt 0; }
			table.grid th, table.grid td { border-bottom: 1px solid #e5e7eb; padding: 4pt 6pt; text-align: left; }
			table.grid th { background: #f3f6fb; font-weight: 700; font-size: 9.5pt; }
			table.grid td.num { text-align: right; width: 14%; }
			table.grid .bars { width: 34%; }
			tr.current td { background: #eef4ff; font-weight: 700; }
			.bar { height: 5pt; background: #f1f5f9; margin: 2pt 0; }
			.bar .ours { height: 5pt; background: #1d4ed8; }
			.bar .theirs { height: 5pt; background: #93c5fd; }
			.gap { page-break-inside: avoid; margin-bottom: 6pt; }
			.step { page-break-inside: avoid; }
			.resources .tag { color: #1d4ed8; font-size: 9pt; }
			.next { background: #f3f6fb; padding: 8pt 12pt; page-break-inside: avoid; }
			""";

}
