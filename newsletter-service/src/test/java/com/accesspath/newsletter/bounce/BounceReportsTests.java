package com.accesspath.newsletter.bounce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.accesspath.newsletter.bounce.Bounce.Kind;
import com.accesspath.newsletter.bounce.DeliveryReports.Report;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link DeliveryReports} reads from returned mail. */
class BounceReportsTests {

	@ParameterizedTest
	@CsvSource({ "failed,5.1.1,HARD_BOUNCE", "failed,5.7.1,HARD_BOUNCE", "delayed,4.2.2,SOFT_BOUNCE",
			"failed,4.4.7,SOFT_BOUNCE", "failed,,HARD_BOUNCE", "delayed,,SOFT_BOUNCE" })
	void aDeliveryStatusNotificationIsHardOrSoftByItsStatus(String action, String status, Kind kind) throws Exception {
		Report report = DeliveryReports
			.read(BounceMessages.dsn("bounces@accesspath.local", "reader@example.com", action,
					(status != null) ? status : ""))
			.orElseThrow();
		assertThat(report.kind()).isEqualTo(kind);
		if (status != null) {
			assertThat(report.detail()).startsWith(status).contains("User unknown");
		}
	}

	@Test
	void aDeliveredOrRelayedMailReportsNothing() throws Exception {
		assertThat(DeliveryReports
			.read(BounceMessages.dsn("bounces@accesspath.local", "reader@example.com", "delivered", "2.0.0")))
			.isEmpty();
		assertThat(DeliveryReports
			.read(BounceMessages.dsn("bounces@accesspath.local", "reader@example.com", "relayed", ""))).isEmpty();
	}

	@Test
	void anArfReportIsAComplaint() throws Exception {
		Report report = DeliveryReports.read(BounceMessages.complaint("bounces@accesspath.local", "reader@example.com"))
			.orElseThrow();
		assertThat(report.kind()).isEqualTo(Kind.COMPLAINT);
		assertThat(report.detail()).contains("abuse");
	}

	@Test
	void anAutoReplyReportsNothing() throws Exception {
		assertThat(DeliveryReports.read(BounceMessages.autoReply("bounces@accesspath.local"))).isEmpty();
	}

	@Test
	void theGravestRecipientCounts() {
		String status = """
				Reporting-MTA: dns; mx.example.com

				Final-Recipient: rfc822; a@example.com
				Action: delayed
				Status: 4.2.2

				Final-Recipient: rfc822; b@example.com
				Action: failed
				Status: 5.1.1
				""";
		assertThat(DeliveryReports.deliveryStatus(status)).map(Report::kind).contains(Kind.HARD_BOUNCE);
		assertThat(DeliveryReports.deliveryStatus("Reporting-MTA: dns; mx.example.com\n")).isEmpty();
		assertThat(DeliveryReports.deliveryStatus("")).isEmpty();
	}

}
