// Local dates written 'YYYY-MM-DD' and the ranges a form may take them in. Pure and relative
// imports only: the seed scripts load availability.ts, which checks its dates here, outside Vite.
import { todayInJakarta } from './format';

/** Nothing was recorded before this day: walk-ins and sales before it would be typing mistakes. */
export const FIRST_RECORD_DATE = '2020-01-01';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as PostgreSQL's date type reads it, from year 1: no 2026-02-30, no year 0. */
export function isCalendarDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	if (year < 1) return false;
	// setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** The same day `years` later; 29 February becomes 28 February in a year without it. */
export function addYears(date: string, years: number): string {
	const moved = `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
	return isCalendarDate(moved) ? moved : moved.replace(/-29$/, '-28');
}

export interface DateRange {
	/** The first day allowed. */
	from: string;
	/** The last day allowed. */
	to: string;
}

/** Visits and pickups: from today (Jakarta) to one year ahead. */
export function upcomingDates(now: Date): DateRange {
	const today = todayInJakarta(now);
	return { from: today, to: addYears(today, 1) };
}

/** Walk-ins and counter sales, which happened: from FIRST_RECORD_DATE to today (Jakarta). */
export function pastDates(now: Date): DateRange {
	return { from: FIRST_RECORD_DATE, to: todayInJakarta(now) };
}

/** Filters and searches, which look back and ahead: from FIRST_RECORD_DATE to a year ahead. */
export function searchableDates(now: Date): DateRange {
	return { from: FIRST_RECORD_DATE, to: upcomingDates(now).to };
}

/** Whether `value` is a calendar date within `range`, both ends included. */
export function isWithin(value: string, range: DateRange): boolean {
	return isCalendarDate(value) && value >= range.from && value <= range.to;
}
