import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { config } from '../config';
import type { Database } from './schema';

export type Db = Kysely<Database>;

// Type OIDs: int8 counts as numbers, dates as 'YYYY-MM-DD' strings (a visit date is a local
// date in Asia/Jakarta; turning it into a JS Date would shift it by the server's zone).
const INT8 = 20;
const DATE = 1082;

pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);

export function connectPostgres(url: string, poolMax = config.databasePoolMax): Db {
	const pool = new pg.Pool({
		connectionString: url,
		max: poolMax,
		connectionTimeoutMillis: 5_000,
		// A server that stops answering (rather than refusing) must not hang requests.
		query_timeout: 15_000,
		keepAlive: true
	});
	// A client losing its server (a restart), idle or in use, must not crash the process:
	// the query in flight fails and is answered as an outage; the pool reconnects.
	pool.on('error', (error) => console.error('database pool error:', error.message));
	pool.on('connect', (client) =>
		client.on('error', (error) => console.error('database client error:', error.message))
	);
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The embedded database: a data folder on disk, or memory when `dataDir` is undefined. */
export function connectPglite(dataDir: string | undefined): Db {
	const pglite = new PGlite({
		dataDir,
		parsers: { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value }
	});
	return new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
}

export function connect(): Db {
	return config.databaseUrl ? connectPostgres(config.databaseUrl) : connectPglite(config.dataDir);
}

let instance: Db | undefined;

/** The app's one database handle, opened on first use. */
export function getDb(): Db {
	instance ??= connect();
	return instance;
}

/** Points the app's modules at another database: for scripts and tests. */
export function setDb(db: Db): void {
	instance = db;
}
