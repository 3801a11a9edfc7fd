package com.accesspath.newsletter.bounce;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Returned mail as receiving servers write it: DSNs, ARF complaints, auto-replies. */
final class BounceMessages {

	private static final Session SESSION = Session.getInstance(new Properties());

	private BounceMessages() {
	}

	static String verp(String tag) {
		return "bounces+" + tag + "@accesspath.local";
	}

	/**
	 * A delivery status notification delivered to {@code deliveredTo}, claiming
	 * {@code finalRecipient} could not be reached.
	 */
	static MimeMessage dsn(String deliveredTo, String finalRecipient, String action, String status) {
		return parse("""
				Delivered-To: %1$s
				Return-Path: <>
				From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
				To: %1$s
				Subject: Undelivered Mail Returned to Sender
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status;
				\tboundary="report-boundary"

				--report-boundary
				Content-Type: text/plain; charset=us-ascii

				Your message could not be delivered to one or more recipients.

				--report-boundary
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.example.com
				Arrival-Date: Mon, 2 Mar 2026 08:00:01 +0800

				Final-Recipient: rfc822; %2$s
				Original-Recipient: rfc822;%2$s
				Action: %3$s
				Status: %4$s
				Diagnostic-Code: smtp; 550 %4$s <%2$s>: Recipient address
				 rejected: User unknown in local recipient table

				--report-boundary
				Content-Type: text/rfc822-headers

				From: AccessPath AI 资讯 <newsletter@accesspath.local>
				To: %2$s
				Subject: =?UTF-8?B?5pys5ZGo57K+6YCJ?=

				--report-boundary--
				""".formatted(deliveredTo, finalRecipient, action, status));
	}

	/** A spam complaint (ARF) delivered to {@code deliveredTo}. */
	static MimeMessage complaint(String deliveredTo, String recipient) {
		return parse("""
				Delivered-To: %1$s
				From: Feedback Loop <fbl@mail.example.com>
				To: %1$s
				Subject: Complaint about message from 203.0.113.7
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=feedback-report; boundary="arf"

				--arf
				Content-Type: text/plain

				This is an email abuse report.

				--arf
				Content-Type: message/feedback-report

				Feedback-Type: abuse
				User-Agent: ExampleFBL/1.0
				Version: 1

				--arf
				Content-Type: text/rfc822-headers

				From: newsletter@accesspath.local
				To: %2$s

				--arf--
				""".formatted(deliveredTo, recipient));
	}

	/** An out-of-office reply: no report at all. */
	static MimeMessage autoReply(String deliveredTo) {
		return parse("""
				Delivered-To: %1$s
				From: reader@example.com
				To: %1$s
				Subject: Automatic reply: out of office
				Content-Type: text/plain

				I am out of the office until Monday.
				""".formatted(deliveredTo));
	}

	static MimeMessage parse(String raw) {
		try {
			return new MimeMessage(SESSION,
					new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
