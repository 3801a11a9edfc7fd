package com.accesspath.leads.download;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One accepted download request: which file, for which lead, and the mail that carries
 * its link, all in one document (the outbox entry is written with the request, so no mail
 * is lost while SMTP is down). Only hashes of the mailed tokens are kept; the address and
 * name are removed once the mail is sent or given up (the lead keeps the contact).
 *
 * @param id the submission's id (also the lead's submission)
 * @param leadId the lead the request joined
 * @param resource the article's slug
 * @param title the article's title, for the mail
 * @param attachment the file's id
 * @param email where the link goes (until sent)
 * @param name how the mail greets (until sent)
 * @param createdAt when it was requested
 * @param tokenHashes SHA-256 of every token mailed for it (one per attempt)
 * @param expiresAt when its links stop working
 * @param mail the mail's delivery
 * @param downloads how often a link was followed
 * @param lastDownloadedAt when a link was last followed
 */
@Document(DownloadGrants.COLLECTION)
record DownloadGrant(@Id String id, String leadId, String resource, String title, String attachment, String email,
		String name, Instant createdAt, List<String> tokenHashes, Instant expiresAt, Mail mail, int downloads,
		Instant lastDownloadedAt, String recipient) {

	record Mail(MailState state, int attempts, Instant nextAttemptAt, String lastError, Instant sentAt) {
	}

}
