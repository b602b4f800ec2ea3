// Rate limiting of API writes per client address, counted in PostgreSQL so that the budget holds
// however many app instances run behind the load balancer. Each request is one atomic upsert
// (no read-then-write race between instances). The window slides: the count of the previous
// minute is weighted by how much of it still overlaps the last 60 seconds, the approximation
// Cloudflare describes for its rate limiter, which avoids a double burst at a window boundary.
import { CompiledQuery, sql } from 'kysely';
import { getDb, prepareOnEachConnection, type Db } from '../db';

const WINDOW_MS = 60_000;
/** Rows idle for this long no longer affect any decision. */
const FORGET_AFTER_MS = 2 * WINDOW_MS;
const DEFAULT_WRITES_PER_MINUTE = 60;

/** RATE_LIMIT_WRITES_PER_MINUTE, read once; a bad value stops the server rather than lifting the limit. */
export function readWritesPerMinute(raw = process.env.RATE_LIMIT_WRITES_PER_MINUTE): number {
	if (raw === undefined || raw === '') return DEFAULT_WRITES_PER_MINUTE;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw new Error(
			`Setting RATE_LIMIT_WRITES_PER_MINUTE must be a whole number above 0, got "${raw}".`
		);
	}
	return value;
}

/**
 * Counts one write in `bucket` ($1) at `windowStart` ($2), whose previous window starts at $3.
 * ON CONFLICT … SET reads the old row on every right-hand side, so the three columns move to
 * the new window together. Every API write runs it: prepared once per connection.
 */
const COUNT_WRITE = `
	INSERT INTO rate_limit AS r (bucket, window_start, hits, previous_hits)
	VALUES ($1, $2, 1, 0)
	ON CONFLICT (bucket) DO UPDATE SET
		previous_hits = CASE
			WHEN r.window_start = $2 THEN r.previous_hits
			WHEN r.window_start = $3 THEN r.hits
			ELSE 0 END,
		hits = CASE WHEN r.window_start = $2 THEN r.hits + 1 ELSE 1 END,
		window_start = $2
	RETURNING hits, previous_hits`;
prepareOnEachConnection(COUNT_WRITE);

export type RateCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface ConsumeOptions {
	limit?: number;
	/** A budget of its own for one kind of write; API writes by default. */
	purpose?: string;
	now?: Date;
	db?: Db;
}

/** Counts one write from `address` and says whether it fits the budget of the last minute. */
export async function consumeWrite(
	address: string,
	options: ConsumeOptions = {}
): Promise<RateCheck> {
	const limit = options.limit ?? readWritesPerMinute();
	const now = options.now ?? new Date();
	const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
	const previousStart = new Date(windowStart.getTime() - WINDOW_MS);
	const bucket = `${options.purpose ?? 'api-write'}:${address.slice(0, 100)}`;
	const { rows } = await (options.db ?? getDb()).executeQuery<{
		hits: number;
		previous_hits: number;
	}>(CompiledQuery.raw(COUNT_WRITE, [bucket, windowStart, previousStart]));
	const [{ hits, previous_hits: previousHits }] = rows;
	const elapsedMs = now.getTime() - windowStart.getTime();
	const weight = 1 - elapsedMs / WINDOW_MS;
	if (previousHits * weight + hits <= limit) return { allowed: true };
	return { allowed: false, retryAfterSeconds: retryAfter(limit, hits, previousHits, elapsedMs) };
}

/** Seconds until one more write would fit: the previous minute fades out, or this one ends. */
function retryAfter(limit: number, hits: number, previousHits: number, elapsedMs: number): number {
	const windowEndsMs = WINDOW_MS - elapsedMs;
	if (hits + 1 > limit || previousHits === 0) return Math.max(1, Math.ceil(windowEndsMs / 1000));
	// previous · (1 − t / W) + hits + 1 ≤ limit  ⇔  t ≥ W · (1 − (limit − hits − 1) / previous)
	const fitsAtMs = WINDOW_MS * (1 - (limit - hits - 1) / previousHits);
	return Math.max(1, Math.ceil(Math.min(fitsAtMs - elapsedMs, windowEndsMs) / 1000));
}

/** Deletes the rows of addresses that have been quiet for two minutes. */
export async function forgetIdle(now = new Date(), db: Db = getDb()): Promise<number> {
	const result = await sql`
		DELETE FROM rate_limit
		WHERE window_start < ${new Date(now.getTime() - FORGET_AFTER_MS)}`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}
