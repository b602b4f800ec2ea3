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

/**
 * Statement texts sent to PostgreSQL as named prepared statements, so that each connection
 * parses and plans them once rather than on every run. Only for the few statements every
 * booking request runs (the rate-limit count, the booking's read): planning the read cost
 * PostgreSQL four times what running it did (BENCHMARKS.md). A migration that changes the type
 * of a column one of them returns needs the app restarted, as any change to what its code
 * reads does.
 */
const preparedNames = new Map<string, string>();

/** Registers `text` to be prepared on each connection the first time it is run there. */
export function prepareOnEachConnection(text: string): void {
	if (!preparedNames.has(text)) preparedNames.set(text, `agrowisata_${preparedNames.size + 1}`);
}

/** pg's client, sending a registered statement by its name (pg prepares it on first use). */
class PreparingClient extends pg.Client {}
const plainQuery = pg.Client.prototype.query;
PreparingClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
	const [text, values] = args;
	const name = typeof text === 'string' ? preparedNames.get(text) : undefined;
	const sent = name && args.length === 2 ? [{ name, text, values }] : args;
	return Reflect.apply(plainQuery, this, sent);
} as pg.Client['query'];

export function connectPostgres(url: string, poolMax = config.databasePoolMax): Db {
	const pool = new pg.Pool({
		connectionString: url,
		max: poolMax,
		connectionTimeoutMillis: 5_000,
		// A server that stops answering (rather than refusing) must not hang requests.
		query_timeout: 15_000,
		keepAlive: true,
		Client: PreparingClient
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
