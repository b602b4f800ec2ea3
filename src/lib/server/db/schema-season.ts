// Tables and columns of harvest seasons (migration 2026_11_27_131000); merged into Database by
// schema.ts.
import type { ColumnType, Generated } from 'kysely';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A tourist waiting to be told, once, that a package is in season again. */
export interface SeasonSubscriptionTable {
	id: Generated<number>;
	package_id: number;
	/** Always lowercased. */
	email: string;
	language: Generated<'id' | 'en'>;
	/** SHA-256 (hex) of the unsubscribe link's token. */
	token_hash: string;
	created_at: GeneratedTimestamp;
}

export interface SeasonTables {
	season_subscription: SeasonSubscriptionTable;
}

declare module './schema' {
	interface TourPackageTable {
		/**
		 * Calendar months a host opened or closed against season_months: 'YYYY-MM' → in season.
		 * Written as JSON text; read back as an object.
		 */
		season_overrides: ColumnType<Record<string, unknown>, string | undefined, string>;
	}
}
