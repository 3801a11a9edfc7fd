package com.accesspath.newsletter.outbox;

import java.util.Optional;
import java.util.Set;

import com.accesspath.newsletter.mail.Mailer;

/**
 * Makes the mails of its {@link OutboxMail.Kind kinds} when it is sent (so it carries the
 * links and content current then), and hears how it ended.
 */
public interface MailComposer {

	/** The kinds of mail this composer makes. */
	Set<OutboxMail.Kind> kinds();

	/**
	 * The mail to send, or empty when what caused it no longer holds (a subscriber who
	 * unsubscribed meanwhile, a confirmation link replaced by a newer one): it is
	 * dropped.
	 */
	Optional<Mailer.Email> compose(OutboxMail mail);

	/** Called once when the mail is settled (sent, failed, suppressed or dropped). */
	default void settled(OutboxMail mail, OutboxMail.State state) {
	}

}
