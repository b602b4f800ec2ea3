// Tables added by the stats part of the app; merged into Database by schema.ts.

/**
 * Walk-ins summed per month of visit, village, package and origin (migration
 * 2026_11_27_125000): filled by triggers on walk_in, folded by statistics.foldRollup().
 */
export interface StatsWalkInMonthTable {
	/** The first day of the month of the visit, 'YYYY-MM-01'. */
	month: string;
	village_code: string;
	/** 0 for walk-ins without a package. */
	package_id: number;
	origin_country: string;
	/** '' when the walk-in has no province. */
	origin_province: string;
	adults: number;
	children: number;
	infants: number;
	/** Appended by a trigger and not folded yet. */
	fresh: boolean;
}

export interface StatsTables {
	stats_walk_in_month: StatsWalkInMonthTable;
}
