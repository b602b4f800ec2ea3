// Sign-in throttling kept in the database, so it holds however many app instances run. Each
// check is one atomic upsert: concurrent attempts cannot slip past a lock that another request
// is about to set (the approach of Lucia's Throttler, with the counter taken before the check).
//
// Two limits, after OWASP's Authentication Cheat Sheet: each client address has a budget of
// attempts whatever the accounts, and failures are counted per account *and* address, each
// pair waiting longer after each failure. An attacker's wrong passwords slow their own tries
// only: the owner signing in from another address is never locked out by them.
import { sql } from 'kysely';
import { getDb, type Db } from '../db';

const DEFAULT_ADDRESS_BUDGET = 30;

/** SIGN_IN_ATTEMPTS_PER_ADDRESS, read once; a bad value stops the server rather than lifting the limit. */
export function readAddressBudget(raw = process.env.SIGN_IN_ATTEMPTS_PER_ADDRESS): number {
	if (raw === undefined || raw === '') return DEFAULT_ADDRESS_BUDGET;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw new Error(
			`Setting SIGN_IN_ATTEMPTS_PER_ADDRESS must be a whole number above 0, got "${raw}".`
		);
	}
	return value;
}

/** Attempts one client address may make in one window. */
export const ADDRESS_BUDGET = readAddressBudget();
export const ADDRESS_WINDOW_SECONDS = 15 * 60;
export const MAX_LOCK_SECONDS = 15 * 60;
/** Failures before the first delay; a person mistyping gets a few tries for free. */
const FREE_FAILURES = 3;
/** A run of failures older than this is forgotten. */
const FAILURES_FORGOTTEN_AFTER_SECONDS = 24 * 60 * 60;

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Seconds an account waits at one address after its nth failure there: 0, 0, 0, 1, 2, 4, … 900. */
export function computeLockSeconds(failures: number): number {
	if (failures <= FREE_FAILURES) return 0;
	return Math.min(MAX_LOCK_SECONDS, 2 ** Math.min(failures - FREE_FAILURES - 1, 20));
}

function secondsUntil(until: Date, now: Date): number {
	return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** Counts one attempt from an address and says whether it is within the budget. */
export async function consumeAddressBudget(
	address: string,
	now = new Date(),
	db: Db = getDb()
): Promise<ThrottleCheck> {
	const windowStart = new Date(now.getTime() - ADDRESS_WINDOW_SECONDS * 1000);
	const { rows } = await sql<{ attempts: number; window_start: Date }>`
		INSERT INTO sign_in_address AS a (address, window_start, attempts)
		VALUES (${address.slice(0, 100)}, ${now}, 1)
		ON CONFLICT (address) DO UPDATE SET
			window_start = CASE WHEN a.window_start <= ${windowStart}::timestamptz
				THEN ${now}::timestamptz ELSE a.window_start END,
			attempts = CASE WHEN a.window_start <= ${windowStart}::timestamptz
				THEN 1 ELSE a.attempts + 1 END
		RETURNING attempts, window_start`.execute(db);
	const [{ attempts, window_start }] = rows;
	if (attempts <= ADDRESS_BUDGET) return { allowed: true };
	const reopens = new Date(new Date(window_start).getTime() + ADDRESS_WINDOW_SECONDS * 1000);
	return { allowed: false, retryAfterSeconds: secondsUntil(reopens, now) };
}

/**
 * Takes one attempt for an account from a client address unless that pair is waiting. The
 * attempt counts as a failure (and sets the next wait) up front; a successful sign-in clears
 * it with `clearAccount`.
 */
export async function reserveAccountAttempt(
	email: string,
	address: string,
	now = new Date()
): Promise<ThrottleCheck> {
	const client = address.slice(0, 100);
	const forgotten = new Date(now.getTime() - FAILURES_FORGOTTEN_AFTER_SECONDS * 1000);
	// The next failure count, restarting when the last one is long past.
	const next = sql<number>`CASE WHEN t.updated_at <= ${forgotten}::timestamptz THEN 1 ELSE t.failures + 1 END`;
	const { rows } = await sql<{ failures: number }>`
		INSERT INTO sign_in_throttle AS t (email, address, failures, locked_until, updated_at)
		VALUES (${email}, ${client}, 1, ${now}, ${now})
		ON CONFLICT (email, address) DO UPDATE SET
			failures = ${next},
			locked_until = ${now}::timestamptz + interval '1 second' * (CASE
				WHEN ${next} <= ${FREE_FAILURES}::int THEN 0
				ELSE LEAST(${MAX_LOCK_SECONDS}::int, power(2, LEAST(${next} - ${FREE_FAILURES}::int - 1, 20)))
			END),
			updated_at = ${now}
		WHERE t.locked_until IS NULL OR t.locked_until <= ${now}::timestamptz
		RETURNING failures`.execute(getDb());
	if (rows.length > 0) return { allowed: true };
	const row = await getDb()
		.selectFrom('sign_in_throttle')
		.select('locked_until')
		.where('email', '=', email)
		.where('address', '=', client)
		.executeTakeFirst();
	return { allowed: false, retryAfterSeconds: secondsUntil(row?.locked_until ?? now, now) };
}

/**
 * Forgets an account's failures at the address that just signed in. Those from other
 * addresses stay: an attacker's count does not restart because the owner signed in.
 */
export async function clearAccount(email: string, address: string): Promise<void> {
	await getDb()
		.deleteFrom('sign_in_throttle')
		.where('email', '=', email)
		.where('address', '=', address.slice(0, 100))
		.execute();
}
