package com.accesspath.leads.diagnosis;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Links diagnoses that were stored but whose lead was not (a crash or database hiccup
 * between the two writes). Safe on several replicas: linking the same diagnosis twice
 * adds its submission once.
 */
@Component
public class LeadReconciler {

	private static final Logger log = LoggerFactory.getLogger(LeadReconciler.class);

	/**
	 * Younger diagnoses are probably still being linked by the request that stored them.
	 */
	static final Duration GRACE = Duration.ofSeconds(20);

	private final DiagnosisService diagnoses;

	private final Clock clock;

	LeadReconciler(DiagnosisService diagnoses, Clock clock) {
		this.diagnoses = diagnoses;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${accesspath.leads.reconcile-interval}", initialDelayString = "10s")
	public int reconcile() {
		int linked = 0;
		try {
			for (Diagnosis diagnosis : this.diagnoses.findUnlinked(this.clock.instant().minus(GRACE))) {
				this.diagnoses.linkLead(diagnosis);
				linked++;
			}
		}
		catch (DataAccessException ex) {
			log.warn("Lead reconciliation postponed: {}", ex.getMessage());
		}
		if (linked > 0) {
			log.info("Linked {} diagnoses to leads after an interrupted submission", linked);
		}
		return linked;
	}

}
