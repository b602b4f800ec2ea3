import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code.
export async function up(db: Kysely<unknown>): Promise<void> {
	// Server-side settings shared by every app instance, such as the key that derives
	// booking manage links when APP_SECRET is not set.
	await sql`
		CREATE TABLE app_setting (
			name text PRIMARY KEY,
			value text NOT NULL
		)`.execute(db);
}
