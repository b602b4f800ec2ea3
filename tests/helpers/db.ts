import { sql } from 'kysely';
import { connectPglite, connectPostgres, setDb, type Db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedReference } from '../../src/lib/server/db/seed';

/** The PostgreSQL server the tests use; without it they run on the embedded database. */
export const postgresUrl = process.env.DATABASE_URL || undefined;

export interface TestDb {
	db: Db;
	/** Another pool on the same database, as a second app instance would have. */
	connectAgain(): Db;
	close(): Promise<void>;
}

/**
 * A fresh, migrated database with the reference data, made the app's database for this test
 * file. On PostgreSQL each file gets its own database, dropped at the end.
 */
export async function createTestDb(): Promise<TestDb> {
	if (!postgresUrl) {
		const db = connectPglite(undefined);
		await migrateToLatest(db);
		await seedReference(db);
		setDb(db);
		return {
			db,
			connectAgain: () => db,
			close: () => db.destroy()
		};
	}
	const name = `agro_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = connectPostgres(postgresUrl, 1);
	await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
	const url = new URL(postgresUrl);
	url.pathname = `/${name}`;
	const db = connectPostgres(url.toString(), 20);
	await migrateToLatest(db);
	await seedReference(db);
	setDb(db);
	const others: Db[] = [];
	return {
		db,
		connectAgain() {
			const other = connectPostgres(url.toString(), 20);
			others.push(other);
			return other;
		},
		async close() {
			await Promise.all([db, ...others].map((each) => each.destroy()));
			await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
			await admin.destroy();
		}
	};
}
