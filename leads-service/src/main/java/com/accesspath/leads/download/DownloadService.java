package com.accesspath.leads.download;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.accesspath.leads.config.LeadsProperties;
import com.accesspath.leads.download.DownloadController.DownloadRequest;
import com.accesspath.leads.idempotency.IdempotentRequests;
import com.accesspath.leads.idempotency.IdempotentRequests.Outcome;
import com.accesspath.leads.lead.ContactDetails;
import com.accesspath.leads.lead.Lead;
import com.accesspath.leads.lead.LeadIntake;
import com.accesspath.leads.lead.LeadRepository;
import com.accesspath.leads.lead.LeadType;

/**
 * A download request becomes (or joins) a DOWNLOAD lead, and the download with its mail
 * is stored right after it: both keyed by the submission's id, so a retried request (or
 * one resumed under its {@code Idempotency-Key}) completes the same ones instead of
 * adding others. The mail leaves from {@link DownloadMailer}.
 */
@Service
class DownloadService {

	private static final Logger log = LoggerFactory.getLogger(DownloadService.class);

	/** What a followed link may lead to: the file, or nothing. */
	record Followed(URI file) {
	}

	private final DownloadableResources resources;

	private final LeadIntake intake;

	private final LeadRepository leads;

	private final DownloadGrants grants;

	private final DownloadMailer mailer;

	private final IdempotentRequests idempotentRequests;

	private final LeadsProperties leadsProperties;

	private final DownloadProperties properties;

	private final Clock clock;

	DownloadService(DownloadableResources resources, LeadIntake intake, LeadRepository leads, DownloadGrants grants,
			DownloadMailer mailer, IdempotentRequests idempotentRequests, LeadsProperties leadsProperties,
			DownloadProperties properties, Clock clock) {
		this.resources = resources;
		this.intake = intake;
		this.leads = leads;
		this.grants = grants;
		this.mailer = mailer;
		this.idempotentRequests = idempotentRequests;
		this.leadsProperties = leadsProperties;
		this.properties = properties;
		this.clock = clock;
	}

	/** Accepts the request (at most once per {@code Idempotency-Key}). */
	Outcome<String> request(DownloadRequest request, String idempotencyKey, String ip, String userAgent) {
		if (idempotencyKey == null) {
			return new Outcome<>(accept(request, new ObjectId().toHexString(), ip, userAgent), false);
		}
		return this.idempotentRequests.run("download", idempotencyKey, request,
				submissionId -> accept(request, submissionId, ip, userAgent),
				submissionId -> Optional.of(submissionId).filter(this.grants::exists));
	}

	private String accept(DownloadRequest request, String submissionId, String ip, String userAgent) {
		DownloadableResources.Resource resource = this.resources.find(request.resource()).orElseThrow(() -> {
			log.info("Download of {} refused: no such article, or it offers no file", request.resource());
			return new NoDownloadException();
		});
		Instant now = this.clock.instant();
		Lead.Consent consent = new Lead.Consent(true, now, ip, userAgent, this.leadsProperties.privacyTextVersion());
		ContactDetails contact = new ContactDetails(request.name().strip(), blankToNull(request.title()),
				blankToNull(request.phone()), request.email().strip(), null);
		String leadId = this.intake.accept(
				new LeadIntake.Intake(LeadType.DOWNLOAD, new Lead.Company(request.company().strip(), null, null, null),
						contact, new Lead.Submission(submissionId, LeadType.DOWNLOAD, now, null, null, null,
								"下载《" + resource.title() + "》(" + resource.slug() + ")", consent, request.source())));
		// The lead is kept either way; the mail only when this address did not just get
		// this file's link.
		String recipient = DownloadTokens.hash(contact.normalizedEmail() + "\n" + resource.slug());
		MailState mail = this.grants.mailedSince(recipient, now.minus(this.properties.resendAfter()))
				? MailState.NOT_SENT_AGAIN : MailState.PENDING;
		this.grants.insertIfAbsent(new DownloadGrant(submissionId, leadId, resource.slug(), resource.title(),
				resource.attachment(), contact.email(), contact.name(), now, List.of(), null,
				new DownloadGrant.Mail(mail, 0, now, null, null), 0, null, recipient));
		if (mail == MailState.PENDING) {
			this.mailer.deliverSoon(submissionId);
		}
		return submissionId;
	}

	/**
	 * The file a mailed link leads to, counted; the first download also goes to the
	 * lead's history. Empty for a token that is unknown or expired.
	 */
	Optional<Followed> follow(String token) {
		if (!DownloadTokens.wellFormed(token)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.grants.recordDownload(DownloadTokens.hash(token), now).map(before -> {
			if (before.downloads() == 0) {
				try {
					this.leads.update(before.leadId(), new Update().set("updatedAt", now)
						.push("history",
								new Lead.HistoryEntry(now, "system", "DOWNLOADED", "下载了《" + before.title() + "》")));
				}
				catch (RuntimeException ex) {
					// The reader gets the file anyway; the count above has it.
					log.warn("Download {} not noted on lead {}: {}", before.id(), before.leadId(), ex.getMessage());
				}
			}
			return new Followed(this.properties.file(before.attachment()));
		});
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
