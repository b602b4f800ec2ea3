// The one place for date and month arithmetic in WIB: local dates written 'YYYY-MM-DD', months
// 'YYYY-MM', the instants of Jakarta wall-clock times, and the ranges a form may take dates in.
// Formatting them for people is format.ts's. Relative imports only: the seed scripts load the
// slot generator, which counts its days here, outside Vite.
import { TZDate } from '@date-fns/tz';

export const TIME_ZONE = 'Asia/Jakarta';

// WIB is UTC+7 all year: Indonesia keeps no daylight saving time.
const WIB_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today's date in Jakarta as 'YYYY-MM-DD'. */
export function todayInJakarta(now: Date = new Date()): string {
	return new Date(now.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** This month in Jakarta, 'YYYY-MM'. */
export function monthInJakarta(now: Date = new Date()): string {
	return todayInJakarta(now).slice(0, 7);
}

/** The instant at which a Jakarta wall-clock time 'HH:MM' on a Jakarta date happens. */
export function jakartaInstant(date: string, time: string): Date {
	const [year, month, day] = date.split('-').map(Number);
	const [hours, minutes] = time.split(':').map(Number);
	return new Date(new TZDate(year, month - 1, day, hours, minutes, TIME_ZONE).getTime());
}

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

// Arithmetic on local dates runs on UTC midnights, so it never depends on the server's zone.

function utcMidnight(date: string): number {
	const [, year, month, day] = ISO_DATE.exec(date) ?? [];
	return Date.UTC(Number(year), Number(month) - 1, Number(day));
}

/** The date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
	return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: 0 for the same day. */
export function daysBetween(from: string, to: string): number {
	return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
	return new Date(utcMidnight(date)).getUTCDay() || 7;
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

/** ISO weekdays, Monday first, as the schedule's rules store them. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** Month numbers, as a season's usual months are stored. */
export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

// ---- Months: 'YYYY-MM', Jakarta calendar months ----------------------------------------------

/** A month written 'YYYY-MM' (2027-10, not 2027-13 or 2027-1). */
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a month written 'YYYY-MM'. */
export function isMonth(value: unknown): value is string {
	return typeof value === 'string' && MONTH.test(value);
}

/** 'YYYY-MM' for a plausible month typed by someone (2000 to 2099), otherwise undefined. */
export function parseMonth(value: string | null | undefined): string | undefined {
	const match = MONTH.exec(value?.trim() ?? '');
	if (!match) return undefined;
	const year = Number(match[1]);
	return year >= 2000 && year <= 2099 ? `${match[1]}-${match[2]}` : undefined;
}

/** The month `count` months after `month` (negative for before). */
export function addMonths(month: string, count: number): string {
	const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
	const year = Math.floor(index / 12);
	return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
	const months: string[] = [];
	for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
	return months;
}
