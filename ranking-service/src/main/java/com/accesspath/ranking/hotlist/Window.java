package com.accesspath.ranking.hotlist;

import com.accesspath.boot.problem.InvalidInputException;

/**
 * A hot list's window: the current hour and the hours before it, counted at hourly
 * granularity.
 */
public enum Window {

	H24("24h", 24), D7("7d", 24 * 7);

	final String label;

	final int hours;

	Window(String label, int hours) {
		this.label = label;
		this.hours = hours;
	}

	public String label() {
		return this.label;
	}

	public static Window of(String label) {
		for (Window window : values()) {
			if (window.label.equals(label)) {
				return window;
			}
		}
		throw new InvalidInputException("window", "must be 24h or 7d");
	}

}
