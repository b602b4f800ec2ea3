import { formatMonthNames } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';

// Paraglide builds an Intl.PluralRules on every call of a plural message (tens of µs): a
// package has one duration, so each wording is worked out once per language.
const durations = new Map<string, string>();

/** "2 jam", "1 jam 30 menit", "45 menit". */
export function formatDuration(minutes: number): string {
	const key = `${getLocale()}:${minutes}`;
	let text = durations.get(key);
	if (text === undefined) {
		text = wordDuration(minutes);
		if (durations.size < 1000) durations.set(key, text);
	}
	return text;
}

function wordDuration(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours === 0) return m.package_duration_minutes({ minutes: rest });
	if (rest === 0) return m.package_duration_hours({ hours });
	return m.package_duration_hours_minutes({ hours, minutes: rest });
}

/** Month names of the season, "Januari, Februari, …", or "Sepanjang tahun". */
export function formatSeason(months: number[], locale: Locale): string {
	if (months.length === 12) return m.package_season_all_year();
	return formatMonthNames(
		[...months].sort((a, b) => a - b),
		locale
	);
}
