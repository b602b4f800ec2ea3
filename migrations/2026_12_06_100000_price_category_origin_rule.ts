import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code; one statement per query.
export async function up(db: Kysely<unknown>): Promise<void> {
	// Who may be booked in a price category, by the origin the booking gives: anyone, visitors
	// from Indonesia only, or foreign visitors only (the tarif wisatawan mancanegara).
	await sql`
		ALTER TABLE price_category
		ADD COLUMN origin_rule text NOT NULL DEFAULT 'any'
			CHECK (origin_rule IN ('any', 'domestic', 'foreign'))`.execute(db);
	// The sample packages' foreign visitor price was meant for foreign visitors only from the
	// start; a host's own category of that code means the same.
	await sql`UPDATE price_category SET origin_rule = 'foreign' WHERE code = 'mancanegara'`.execute(
		db
	);
}
