import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code.
export async function up(db: Kysely<unknown>): Promise<void> {
	// The first office account of a new database is invited from the command line
	// (npm run user:invite), where there is no account yet to be the inviter.
	await sql`ALTER TABLE invitation ALTER COLUMN invited_by DROP NOT NULL`.execute(db);
}
