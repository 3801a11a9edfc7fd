package com.accesspath.leads.assignment;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadlines counted in Beijing working hours, without Spring. */
class WorkingHoursTests {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private final WorkingHours hours = new WorkingHours(
			settings(Set.of(LocalDate.of(2027, 1, 1)), Set.of(LocalDate.of(2026, 12, 12))));

	private static AssignmentProperties settings(Set<LocalDate> holidays, Set<LocalDate> extraWorkingDays) {
		return new AssignmentProperties(List.of(), List.of(), Duration.ofHours(4), BEIJING, LocalTime.of(9, 0),
				LocalTime.of(18, 0),
				Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
				holidays, extraWorkingDays, Duration.ofMinutes(1));
	}

	private static Instant beijing(String localDateTime) {
		return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), BEIJING).toInstant();
	}

	@Test
	void withinTheDayTheDeadlineIsPlainTime() {
		assertThat(this.hours.plus(beijing("2026-12-02T10:00"), Duration.ofHours(4)))
			.isEqualTo(beijing("2026-12-02T14:00"));
	}

	@Test
	void whatIsLeftAtTheEndOfTheDayCarriesToTheNextMorning() {
		assertThat(this.hours.plus(beijing("2026-12-02T16:30"), Duration.ofHours(4)))
			.isEqualTo(beijing("2026-12-03T11:30"));
	}

	@Test
	void aFridayEveningLeadIsDueOnMondayNotOverTheWeekend() {
		// 2026-12-04 is a Friday; 2026-12-05/06 the weekend.
		assertThat(this.hours.plus(beijing("2026-12-04T17:00"), Duration.ofHours(4)))
			.isEqualTo(beijing("2026-12-07T12:00"));
		assertThat(this.hours.plus(beijing("2026-12-05T23:00"), Duration.ofHours(4)))
			.isEqualTo(beijing("2026-12-07T13:00"));
	}

	@Test
	void beforeTheDayStartsTheClockStartsAtNine() {
		assertThat(this.hours.plus(beijing("2026-12-02T03:00"), Duration.ofMinutes(30)))
			.isEqualTo(beijing("2026-12-02T09:30"));
	}

	@Test
	void holidaysAreSkippedAndMakeUpWorkdaysCount() {
		// 2027-01-01 (Friday) is a holiday: a lead on the evening before is due on
		// Monday.
		assertThat(this.hours.plus(beijing("2026-12-31T17:00"), Duration.ofHours(2)))
			.isEqualTo(beijing("2027-01-04T10:00"));
		// 2026-12-12 is a Saturday worked (调休).
		assertThat(this.hours.plus(beijing("2026-12-11T17:00"), Duration.ofHours(2)))
			.isEqualTo(beijing("2026-12-12T10:00"));
	}

	@Test
	void aLongSlaSpansSeveralWorkingDays() {
		assertThat(this.hours.plus(beijing("2026-12-02T09:00"), Duration.ofHours(27)))
			.isEqualTo(beijing("2026-12-04T18:00"));
	}

}
