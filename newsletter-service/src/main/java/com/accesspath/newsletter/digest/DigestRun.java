package com.accesspath.newsletter.digest;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.accesspath.newsletter.subscription.Frequency;

/**
 * One digest period, e.g. {@code daily-2026-11-27}: shared by every runner of that period
 * (scheduled on each replica, or started by an editor), which add up what they sent.
 */
@Document(DigestRunner.RUNS)
public record DigestRun(@Id String id, Frequency frequency, Status status, long sent, long failed, Instant startedAt,
		Instant finishedAt) {

	/** Stored as its name. */
	public enum Status {

		/** Some subscribers may still be unclaimed. */
		RUNNING,

		/** A runner found no subscriber left unclaimed. */
		DONE

	}

}
