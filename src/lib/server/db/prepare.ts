import { sql } from 'kysely';
import { config } from '../config';
import { getDb } from './index';
import { bundledMigrations, migrateToLatest } from './migrate';
import { seedReference } from './seed';

export function describeTarget(): string {
	if (!config.databaseUrl) return `the embedded database in ${config.dataDir} (setting DATA_DIR)`;
	try {
		const url = new URL(config.databaseUrl);
		return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname} (setting DATABASE_URL)`;
	} catch {
		return 'PostgreSQL (setting DATABASE_URL is not a valid URL)';
	}
}

/**
 * Makes the database ready before the first request. The embedded database migrates and
 * seeds itself; PostgreSQL is only checked: production migrates with `npm run db:migrate`.
 * Returns one line describing a failure, so the operator knows which setting to fix.
 */
export async function prepareDatabase(): Promise<string | undefined> {
	const db = getDb();
	try {
		if (config.databaseUrl) {
			await sql`SELECT 1`.execute(db);
			const pending = (await bundledMigrations.getMigrations()) as Record<string, unknown>;
			const applied = await db
				.selectFrom('kysely_migration' as never)
				.select(sql<string>`name`.as('name'))
				.execute()
				.catch(() => []);
			const missing = Object.keys(pending).length - applied.length;
			if (missing > 0) {
				return `${describeTarget()} lacks ${missing} migration(s): run "npm run db:migrate" with the same DATABASE_URL.`;
			}
		} else {
			await migrateToLatest(db);
			await seedReference(db);
			if (config.seedDemo) {
				const { seedDemo } = await import('./demo');
				await seedDemo(db);
			}
		}
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return `Cannot use ${describeTarget()}: ${reason}`;
	}
	return undefined;
}
