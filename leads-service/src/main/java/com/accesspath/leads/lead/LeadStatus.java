package com.accesspath.leads.lead;

import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;

/** NEW → CONTACTED → QUALIFIED → WON; any open state → LOST. WON and LOST are final. */
@Schema(description = "线索状态:NEW 新线索、CONTACTED 已联系、QUALIFIED 已确认需求、WON 成交、LOST 流失")
public enum LeadStatus {

	NEW("新线索"), CONTACTED("已联系"), QUALIFIED("已确认需求"), WON("成交"), LOST("流失");

	private static final Map<LeadStatus, Set<LeadStatus>> MOVES = Map.of(NEW, Set.of(CONTACTED, LOST), CONTACTED,
			Set.of(QUALIFIED, LOST), QUALIFIED, Set.of(WON, LOST), WON, Set.of(), LOST, Set.of());

	private final String label;

	LeadStatus(String label) {
		this.label = label;
	}

	/** How sales reads the status in history and messages. */
	public String label() {
		return this.label;
	}

	public boolean canMoveTo(LeadStatus next) {
		return MOVES.get(this).contains(next);
	}

	public boolean isOpen() {
		return this != WON && this != LOST;
	}

}
