import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code.
export async function up(db: Kysely<unknown>): Promise<void> {
	// One row per client address and purpose: the writes counted in the current minute and in
	// the one before it, so that every app instance draws from the same budget. UNLOGGED: the
	// counters need no WAL (a crash forgets them, which costs nothing), and every API write
	// updates a row here, so skipping the WAL flush keeps the limiter off the booking's path.
	await sql`
		CREATE UNLOGGED TABLE rate_limit (
			bucket text PRIMARY KEY,
			window_start timestamptz NOT NULL,
			hits integer NOT NULL CHECK (hits >= 0),
			previous_hits integer NOT NULL DEFAULT 0 CHECK (previous_hits >= 0)
		)`.execute(db);
	await sql`CREATE INDEX rate_limit_window_start_idx ON rate_limit (window_start)`.execute(db);
}
