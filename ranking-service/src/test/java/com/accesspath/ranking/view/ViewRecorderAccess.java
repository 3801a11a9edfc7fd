package com.accesspath.ranking.view;

/** Lets tests compute the hashed visitor part of a key. */
public final class ViewRecorderAccess {

	private ViewRecorderAccess() {
	}

	public static String visitorKey(String visitor) {
		return ViewRecorder.visitorKey(visitor);
	}

}
