package com.accesspath.ranking.snapshot;

import org.springframework.context.ApplicationContext;

/** Lets tests of other packages run the snapshot's steps when they choose. */
public final class TotalsSnapshotAccess {

	private TotalsSnapshotAccess() {
	}

	public static int snapshot(ApplicationContext context) {
		return context.getBean(TotalsSnapshot.class).snapshot();
	}

	public static void tick(ApplicationContext context) {
		context.getBean(TotalsSnapshot.class).tick();
	}

}
