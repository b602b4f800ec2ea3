// The one place that formats numbers, money and time for people: counts, rupiah and WIB. Intl
// objects are built once: pages format dozens of slot times per request, and building them is
// the cost.

import type { Locale } from '$lib/paraglide/runtime';

const numberFormats = {
	id: new Intl.NumberFormat('id-ID'),
	en: new Intl.NumberFormat('en-GB')
};

/** A count as the reader's language writes it: "1.234" in Indonesian, "1,234" in English. */
export function formatNumber(value: number, locale: Locale): string {
	return numberFormats[locale].format(value);
}

const rupiahFormats = {
	id: new Intl.NumberFormat('id-ID', {
		style: 'currency',
		currency: 'IDR',
		maximumFractionDigits: 0
	}),
	en: new Intl.NumberFormat('en-GB', {
		style: 'currency',
		currency: 'IDR',
		currencyDisplay: 'code',
		maximumFractionDigits: 0
	})
};

/** Whole rupiah: "Rp 25.000" in Indonesian, "IDR 25,000" in English. */
export function formatRupiah(amount: number, locale: Locale): string {
	return rupiahFormats[locale].format(amount).replace(/\u00a0/g, ' ');
}

const intlLocales = { id: 'id-ID', en: 'en-GB' };

// WIB is UTC+7 all year: Indonesia keeps no daylight saving time.
const WIB_OFFSET_MS = 7 * 3_600_000;

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
	return parts.find((each) => each.type === type)?.value ?? '';
}

/**
 * The names of the weekdays (Sunday first) and months in each language, taken once from Intl
 * with the options the dates are written with. Pages write dozens of dates per request; the
 * names are all Intl adds to the date arithmetic below, so it runs once at start.
 */
const names = Object.fromEntries(
	(['id', 'en'] as const).map((locale) => {
		const format = new Intl.DateTimeFormat(intlLocales[locale], {
			weekday: 'long',
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			timeZone: 'UTC'
		});
		// 2023-01-01 was a Sunday; the 15th of each month of 2023 gives the month names.
		const weekdays = [1, 2, 3, 4, 5, 6, 7].map((day) =>
			part(format.formatToParts(Date.UTC(2023, 0, day, 12)), 'weekday')
		);
		const months = Array.from({ length: 12 }, (_, month) =>
			part(format.formatToParts(Date.UTC(2023, month, 15, 12)), 'month')
		);
		const short = new Intl.DateTimeFormat(intlLocales[locale], {
			weekday: 'short',
			timeZone: 'UTC'
		});
		const shortWeekdays = [1, 2, 3, 4, 5, 6, 7].map((day) =>
			short.format(Date.UTC(2023, 0, day, 12))
		);
		return [locale, { weekdays, shortWeekdays, months }];
	})
) as Record<Locale, { weekdays: string[]; shortWeekdays: string[]; months: string[] }>;

/** The Jakarta wall clock of an instant, read from a Date shifted by the WIB offset. */
function wallClock(value: Date | string): Date {
	return new Date(new Date(value).getTime() + WIB_OFFSET_MS);
}

/** A calendar date 'YYYY-MM-DD' is that day; anything else is an instant, dated in Jakarta. */
function localDay(value: Date | string): Date {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
		const [year, month, day] = value.split('-').map(Number);
		return new Date(Date.UTC(year, month - 1, day, 12));
	}
	return wallClock(value);
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** "08.00 WIB" / "08:00 WIB". */
export function formatTimeWib(value: Date | string, locale: Locale): string {
	const clock = wallClock(value);
	const separator = locale === 'id' ? '.' : ':';
	return `${twoDigits(clock.getUTCHours())}${separator}${twoDigits(clock.getUTCMinutes())} WIB`;
}

/** "Sabtu, 5 Desember 2026" / "Saturday, 5 December 2026" for a local date or an instant. */
export function formatDate(value: Date | string, locale: Locale): string {
	const day = localDay(value);
	const { weekdays, months } = names[locale];
	return `${weekdays[day.getUTCDay()]}, ${day.getUTCDate()} ${months[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** "Desember 2026" / "December 2026" for a 'YYYY-MM' month. */
export function formatMonth(month: string, locale: Locale): string {
	const [year, number] = month.split('-').map(Number);
	return `${names[locale].months[number - 1]} ${year}`;
}

/** ISO 8601 with the +07:00 offset of WIB, as the API writes times: 2026-12-05T08:00:00+07:00. */
export function isoWib(value: Date | string): string {
	const shifted = new Date(new Date(value).getTime() + WIB_OFFSET_MS);
	return shifted.toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/** ISO weekday 1 → "Senin" / "Monday"; short: "Sen" / "Mon". */
export function formatWeekday(
	isoWeekday: number,
	locale: Locale,
	width: 'long' | 'short' = 'long'
): string {
	const { weekdays, shortWeekdays } = names[locale];
	return (width === 'long' ? weekdays : shortWeekdays)[isoWeekday % 7];
}

/** 1 → "Januari" / "January". */
export function formatMonthName(month: number, locale: Locale): string {
	return names[locale].months[month - 1];
}

/** Months 1–12 by name, in the order given: "Januari, Februari". */
export function formatMonthNames(months: readonly number[], locale: Locale): string {
	return months.map((month) => formatMonthName(month, locale)).join(', ');
}
