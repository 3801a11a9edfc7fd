package com.accesspath.leads.lead;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV export without Spring or a database. */
class LeadCsvTests {

	static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	static Lead lead(String company, List<Lead.Submission> submissions) {
		return new Lead("65a000000000000000000001", LeadType.DIAGNOSIS, LeadStatus.CONTACTED,
				new Lead.Company(company, "finance", "201-1000", "苏州"),
				new ContactDetails("张伟", "CIO", "13812345678", "zhang.wei@example.com", null), "13812345678",
				"zhang.wei@example.com", 72, "sales-li", submissions, List.of(), List.of(), CREATED, CREATED,
				CREATED.plusSeconds(3600), 1, false, null, null, null, null, null, null, null, List.of(), List.of());
	}

	static Lead.Submission submission(Integer overall, Integer level) {
		return new Lead.Submission("s", LeadType.DIAGNOSIS, CREATED, "d", overall, level, null, null, null);
	}

	@Test
	void startsWithAByteOrderMarkAndTheHeaderAndEndsLinesWithCrLf() {
		String csv = LeadCsv.of(List.of(), CREATED);
		assertThat(csv).startsWith("\uFEFF" + LeadCsv.HEADER + "\r\n");
		assertThat(csv.getBytes(StandardCharsets.UTF_8)).startsWith(0xEF, 0xBB, 0xBF);
		assertThat(csv.split("\r\n")).hasSize(1);
	}

	@Test
	void aRowHoldsTheLeadWithItsLastSubmissionAndBeijingTimes() {
		String csv = LeadCsv.of(List.of(lead("星河制造", List.of(submission(25, 2), submission(50, 3)))), CREATED);
		String row = csv.split("\r\n")[1];
		assertThat(row)
			.isEqualTo("\"65a000000000000000000001\",\"DIAGNOSIS\",\"CONTACTED\",\"星河制造\",\"finance\",\"201-1000\","
					+ "\"苏州\",\"张伟\",\"CIO\",\"13812345678\",\"zhang.wei@example.com\",,\"72\",\"sales-li\",\"50\",\"L3\",\"2\","
					+ "\"2026-01-01 08:00\",\"2026-01-01 09:00\",,,\"否\",,,,,,,,,,");
	}

	@Test
	void aContactLeadHasNoMaturityCells() {
		String row = LeadCsv.of(List.of(lead("某银行", List.of(submission(null, null)))), CREATED).split("\r\n")[1];
		assertThat(row).contains("\"sales-li\",,,\"1\"");
	}

	@Test
	void cellsAreQuotedWithQuotesDoubledAndFormulasNeutralised() {
		assertThat(LeadCsv.cell(null)).isEmpty();
		assertThat(LeadCsv.cell("")).isEqualTo("\"\"");
		assertThat(LeadCsv.cell("say \"hi\", ok")).isEqualTo("\"say \"\"hi\"\", ok\"");
		for (String formula : List.of("=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx")) {
			assertThat(LeadCsv.cell(formula)).isEqualTo("\"'" + formula + "\"");
		}
		assertThat(LeadCsv.cell("a=b")).isEqualTo("\"a=b\"");
	}

}
