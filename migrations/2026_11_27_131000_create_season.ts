import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code; one statement per query.
export async function up(db: Kysely<unknown>): Promise<void> {
	// A host opens or closes single calendar months against the usual season_months (the fruit
	// ripened early, or late): {"2027-09": true, "2027-10": false}. Only the differences are kept.
	await sql`
		ALTER TABLE tour_package
		ADD COLUMN season_overrides jsonb NOT NULL DEFAULT '{}'::jsonb
			CHECK (jsonb_typeof(season_overrides) = 'object')`.execute(db);
	// A tourist who asked to be told when the package is in season again. Kept only for that one
	// message: the row is deleted in the transaction that queues it. The unsubscribe link's token
	// is stored as its SHA-256 only.
	await sql`
		CREATE TABLE season_subscription (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			package_id bigint NOT NULL REFERENCES tour_package (id) ON DELETE CASCADE,
			email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
			language text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
			token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
			created_at timestamptz NOT NULL DEFAULT now(),
			UNIQUE (package_id, email)
		)`.execute(db);
}
