package com.accesspath.article.baidu;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One URL to push to Baidu (the outbox entry). Recorded when the article is published,
 * sent by {@link BaiduPushSender} from {@code nextAttemptAt} on (a scheduled article's
 * time, or after a failed attempt's backoff); while a replica sends it,
 * {@code nextAttemptAt} is that replica's claim and {@code claim} its token.
 *
 * @param url the article's public URL (the id: an article is pushed once)
 * @param status PENDING, DONE or FAILED
 * @param attempts sending attempts so far
 * @param lastError Baidu's message (or the connection error) of the last failed attempt
 * @param remain the day's remaining quota Baidu reported when it took the URL
 */
@Document(BaiduPushOutbox.COLLECTION)
public record BaiduPush(@Id String url, Status status, int attempts, String lastError, Integer remain,
		Instant nextAttemptAt, String claim, Instant createdAt, Instant updatedAt, Instant sentAt) {

	public enum Status {

		PENDING, DONE, FAILED

	}

}
