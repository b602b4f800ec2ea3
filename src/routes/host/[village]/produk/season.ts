import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { formatMonthNames } from '$lib/format';

/** 'Sepanjang tahun', or the months of the season by name. */
export function seasonText(months: number[], locale: Locale): string {
	if (months.length >= 12) return m.shophost_season_all_year();
	return formatMonthNames(months, locale);
}
