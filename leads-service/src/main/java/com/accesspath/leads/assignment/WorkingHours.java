package com.accesspath.leads.assignment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * Time counted in working hours (Asia/Shanghai by default): a lead arriving on Friday at
 * 17:00 with a 4-hour SLA is due on Monday at 12:00, not on Friday night. Holidays and
 * their make-up working days (调休) come from configuration.
 */
public final class WorkingHours {

	private final AssignmentProperties settings;

	public WorkingHours(AssignmentProperties settings) {
		this.settings = settings;
	}

	/** The instant {@code work} of working time after {@code from}. */
	public Instant plus(Instant from, Duration work) {
		ZonedDateTime at = from.atZone(this.settings.zone());
		Duration left = work;
		// Bounded: a year of days off in a row would be a configuration error.
		for (int day = 0; day < 400; day++) {
			LocalDate date = at.toLocalDate();
			if (isWorkingDay(date)) {
				ZonedDateTime start = date.atTime(this.settings.workStart()).atZone(this.settings.zone());
				ZonedDateTime end = date.atTime(this.settings.workEnd()).atZone(this.settings.zone());
				ZonedDateTime begin = at.isBefore(start) ? start : at;
				if (begin.isBefore(end)) {
					Duration available = Duration.between(begin, end);
					if (available.compareTo(left) >= 0) {
						return begin.plus(left).toInstant();
					}
					left = left.minus(available);
				}
			}
			at = LocalDateTime.of(date.plusDays(1), this.settings.workStart()).atZone(this.settings.zone());
		}
		throw new IllegalStateException("No working time within 400 days of " + from);
	}

	boolean isWorkingDay(LocalDate date) {
		if (this.settings.extraWorkingDays().contains(date)) {
			return true;
		}
		return this.settings.workingDays().contains(date.getDayOfWeek()) && !this.settings.holidays().contains(date);
	}

}
