// Month and weekday names in the reader's language, as the package page names its season.
import type { Locale } from '$lib/paraglide/runtime';

const tag = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');

/** 1 → 'Januari' / 'January'. */
export function monthName(month: number, locale: Locale): string {
	const names = new Intl.DateTimeFormat(tag(locale), { month: 'long', timeZone: 'UTC' });
	return names.format(Date.UTC(2000, month - 1, 1));
}

/** ISO weekday 1 → 'Sen' / 'Mon'. */
export function weekdayName(weekday: number, locale: Locale): string {
	const names = new Intl.DateTimeFormat(tag(locale), { weekday: 'short', timeZone: 'UTC' });
	// 1 January 2024 was a Monday.
	return names.format(Date.UTC(2024, 0, weekday));
}

export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
