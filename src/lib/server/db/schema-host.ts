// Tables added by the host part of the app; merged into Database by schema.ts.
import type { ColumnType, Generated } from 'kysely';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Visitors who came without a booking; counted in statistics like checked-in seats. */
export interface WalkInTable {
	id: Generated<number>;
	village_code: string;
	package_id: number | null;
	/** The Jakarta date of the visit, 'YYYY-MM-DD'. */
	visit_date: string;
	adults: Generated<number>;
	children: Generated<number>;
	infants: Generated<number>;
	origin_country: string;
	/** Required when origin_country is 'ID'. */
	origin_province: string | null;
	note: string | null;
	recorded_by: number;
	created_at: GeneratedTimestamp;
}

export interface HostTables {
	walk_in: WalkInTable;
}

// The check-in count per category lives on the booking line (migration 2026_11_27_120000).
declare module './schema' {
	interface BookingLineTable {
		/** How many of this category came; null until checked in. */
		checked_in_quantity: ColumnType<number | null, number | null | undefined, number | null>;
	}
}
