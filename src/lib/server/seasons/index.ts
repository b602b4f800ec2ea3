// When something is in season: its usual months (1–12) and the calendar months a host opened or
// closed against them (the fruit ripened early, or late). Pure and with relative imports only, so
// that tour packages and the shop's products share it, and the seed scripts can load it outside
// Vite. Months are 'YYYY-MM' strings: Jakarta calendar months, as local dates are 'YYYY-MM-DD'.
import { addMonths, isMonth } from '../../dates';

/** 'YYYY-MM' → whether that month is in season, where it differs from the usual months. */
export type SeasonOverrides = Readonly<Record<string, boolean>>;

type Months = readonly (number | string)[];

/** Whether the month's number (1–12) is one of the usual months. */
export function isUsualMonth(months: Months, month: string): boolean {
	const number = Number(month.slice(5, 7));
	return months.some((each) => Number(each) === number);
}

/** The effective season: the override for that month if there is one, else the usual months. */
export function isInSeason(
	months: Months,
	overrides: SeasonOverrides | null | undefined,
	month: string
): boolean {
	if (overrides && Object.hasOwn(overrides, month) && typeof overrides[month] === 'boolean') {
		return overrides[month];
	}
	return isUsualMonth(months, month);
}

/**
 * The first month from `from` on (`from` itself when in season) that is in season; null when
 * there is none in the `withinMonths` months searched (no usual months, every one closed).
 */
export function findNextSeasonStart(
	months: Months,
	overrides: SeasonOverrides | null | undefined,
	from: string,
	withinMonths = 60
): string | null {
	for (let offset = 0; offset < withinMonths; offset++) {
		const month = addMonths(from, offset);
		if (isInSeason(months, overrides, month)) return month;
	}
	return null;
}

export interface SeasonMonth {
	month: string;
	/** In season, after the host's overrides. */
	inSeason: boolean;
	/** In season by the usual months. */
	usual: boolean;
}

/** `count` months from `from` on, each with its effective and its usual state. */
export function listSeasonMonths(
	months: Months,
	overrides: SeasonOverrides | null | undefined,
	from: string,
	count = 12
): SeasonMonth[] {
	return Array.from({ length: count }, (_, offset) => {
		const month = addMonths(from, offset);
		return {
			month,
			inSeason: isInSeason(months, overrides, month),
			usual: isUsualMonth(months, month)
		};
	});
}

/**
 * The overrides with the wanted state of some months applied, keeping only those that still
 * mean something: from `from` on, and differing from the usual months.
 */
export function applyOverrides(
	months: Months,
	overrides: SeasonOverrides | null | undefined,
	wanted: Readonly<Record<string, boolean>>,
	from: string
): Record<string, boolean> {
	const merged: Record<string, boolean> = {};
	for (const [month, inSeason] of [
		...Object.entries(readOverrides(overrides)),
		...Object.entries(readOverrides(wanted))
	]) {
		merged[month] = inSeason;
	}
	const kept: Record<string, boolean> = {};
	for (const month of Object.keys(merged).sort()) {
		if (month >= from && merged[month] !== isUsualMonth(months, month)) {
			kept[month] = merged[month];
		}
	}
	return kept;
}

/** Overrides as stored (JSON), keeping only 'YYYY-MM' → true/false entries. */
export function readOverrides(value: unknown): SeasonOverrides {
	const overrides: Record<string, boolean> = {};
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return overrides;
	for (const [month, inSeason] of Object.entries(value)) {
		if (isMonth(month) && typeof inSeason === 'boolean') overrides[month] = inSeason;
	}
	return overrides;
}
