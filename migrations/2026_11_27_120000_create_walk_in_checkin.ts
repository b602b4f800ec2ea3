import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code; one statement per query.
export async function up(db: Kysely<unknown>): Promise<void> {
	// How many of each booked category actually came; NULL until the booking is checked in.
	await sql`
		ALTER TABLE booking_line
		ADD COLUMN checked_in_quantity integer
			CHECK (checked_in_quantity >= 0 AND checked_in_quantity <= quantity)`.execute(db);
	// Visitors who came without a booking. Statistics count them beside checked-in seats, so the
	// column names are shared with the statistics queries and must stay as they are.
	await sql`
		CREATE TABLE walk_in (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			village_code text NOT NULL REFERENCES village (code),
			package_id bigint REFERENCES tour_package (id),
			visit_date date NOT NULL,
			adults integer NOT NULL DEFAULT 0 CHECK (adults >= 0),
			children integer NOT NULL DEFAULT 0 CHECK (children >= 0),
			infants integer NOT NULL DEFAULT 0 CHECK (infants >= 0),
			origin_country text NOT NULL CHECK (origin_country ~ '^[A-Z]{2}$'),
			origin_province text,
			note text CHECK (length(note) <= 500),
			recorded_by bigint NOT NULL REFERENCES app_user (id),
			created_at timestamptz NOT NULL DEFAULT now(),
			CHECK (adults + children + infants > 0),
			CHECK (origin_country <> 'ID' OR origin_province IS NOT NULL)
		)`.execute(db);
	await sql`CREATE INDEX walk_in_village_date_idx ON walk_in (village_code, visit_date)`.execute(
		db
	);
}
