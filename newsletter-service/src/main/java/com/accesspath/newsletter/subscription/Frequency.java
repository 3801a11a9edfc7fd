package com.accesspath.newsletter.subscription;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** How often a subscriber gets the digest; {@code daily} or {@code weekly} in JSON. */
@Schema(description = "发送频率:daily 每日、weekly 每周")
public enum Frequency {

	DAILY, WEEKLY;

	@JsonValue
	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static Frequency of(String value) {
		for (Frequency frequency : values()) {
			if (frequency.json().equals(value)) {
				return frequency;
			}
		}
		throw new IllegalArgumentException("frequency must be daily or weekly");
	}

}
