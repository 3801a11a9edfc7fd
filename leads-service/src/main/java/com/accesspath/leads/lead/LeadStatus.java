package com.accesspath.leads.lead;

import java.util.Map;
import java.util.Set;

/** NEW → CONTACTED → QUALIFIED → WON; any open state → LOST. WON and LOST are final. */
public enum LeadStatus {

	NEW, CONTACTED, QUALIFIED, WON, LOST;

	private static final Map<LeadStatus, Set<LeadStatus>> MOVES = Map.of(NEW, Set.of(CONTACTED, LOST), CONTACTED,
			Set.of(QUALIFIED, LOST), QUALIFIED, Set.of(WON, LOST), WON, Set.of(), LOST, Set.of());

	public boolean canMoveTo(LeadStatus next) {
		return MOVES.get(this).contains(next);
	}

	public boolean isOpen() {
		return this != WON && this != LOST;
	}

}
