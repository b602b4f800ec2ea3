import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code; one statement per query.
export async function up(db: Kysely<unknown>): Promise<void> {
	// Failures were counted per account, so four wrong passwords from anywhere locked the owner
	// out everywhere. They are now counted per account and client address together (OWASP
	// Authentication Cheat Sheet): an attacker slows only their own tries. The old counters
	// are dropped with the table; forgetting them costs at most a few free tries.
	await sql`DROP TABLE sign_in_throttle`.execute(db);
	await sql`
		CREATE TABLE sign_in_throttle (
			email text NOT NULL,
			address text NOT NULL,
			failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
			locked_until timestamptz,
			updated_at timestamptz NOT NULL DEFAULT now(),
			PRIMARY KEY (email, address)
		)`.execute(db);
}
