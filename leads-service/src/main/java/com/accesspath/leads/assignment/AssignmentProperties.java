package com.accesspath.leads.assignment;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who gets a new lead and by when they must call ({@code accesspath.leads.assignment.*}).
 * Checked at start-up: a rule naming someone who is not on the roster stops the service.
 *
 * @param roster the sales people; leads go to them in turn
 * @param rules optional: the first rule whose industries and regions match a lead gives
 * it to its own people in turn (an empty list in a rule matches everything)
 * @param firstContactSla working time within which a new lead must be contacted
 * @param zone where the working day is counted
 * @param workStart start of the working day
 * @param workEnd end of the working day
 * @param workingDays the working days of the week
 * @param holidays days off that are not weekends (法定节假日)
 * @param extraWorkingDays weekend days that are worked (调休)
 * @param checkInterval how often overdue leads and due follow-ups are looked for
 */
@Validated
@ConfigurationProperties("accesspath.leads.assignment")
public record AssignmentProperties(@DefaultValue @NotNull List<@Valid SalesPerson> roster,
		@DefaultValue @NotNull List<@Valid Rule> rules,
		@DefaultValue("4h") @NotNull @DurationMin(seconds = 1) Duration firstContactSla,
		@DefaultValue("Asia/Shanghai") @NotNull ZoneId zone, @DefaultValue("09:00") @NotNull LocalTime workStart,
		@DefaultValue("18:00") @NotNull LocalTime workEnd, @DefaultValue( {
				"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY" }) @NotEmpty Set<DayOfWeek> workingDays,
		@DefaultValue @NotNull Set<LocalDate> holidays, @DefaultValue @NotNull Set<LocalDate> extraWorkingDays,
		@DefaultValue("1m") @NotNull @DurationMin(seconds = 1) Duration checkInterval){

	/**
	 * One salesperson: {@code id} is their token's {@code sub}; {@code wecomUserId}, when
	 * set, is @-mentioned in WeCom.
	 */
	public record SalesPerson(@NotBlank @Size(max = 50) @Pattern(regexp = "[A-Za-z0-9._@-]+") String id,
			@NotBlank @Size(max = 50) String name, String wecomUserId) {
	}

	public record Rule(@DefaultValue @NotNull List<String> industries, @DefaultValue @NotNull List<String> regions,
			@NotEmpty List<String> assignees) {
	}

	@AssertTrue(message = "the working day must end after it starts")
	boolean isWorkingDayPositive() {
		return this.workStart == null || this.workEnd == null || this.workEnd.isAfter(this.workStart);
	}

	@AssertTrue(message = "every rule's assignees must be on the roster")
	boolean isEveryRuleOnTheRoster() {
		if (this.roster == null || this.rules == null) {
			return true;
		}
		Set<String> ids = new java.util.HashSet<>();
		this.roster.forEach(person -> ids.add(person.id()));
		return this.rules.stream().allMatch(rule -> rule.assignees() == null || ids.containsAll(rule.assignees()));
	}

}
