// Signing in with an e-mail address and a password, throttled per account and per address.
import { getDb } from '../../db';
import { verifyPasswordHash } from '../password';
import { createSession, type SessionUser } from '../session';
import * as throttle from '../throttle';
import { DUMMY_HASH, normaliseEmail } from './common';

export type SignInResult =
	| { ok: true; user: SessionUser; token: string; expiresAt: Date }
	| { ok: false; reason: 'invalid' | 'throttled'; retryAfterSeconds?: number };

export interface SignInOptions {
	now?: Date;
	/** Checks a password against a hash; tests count its calls. */
	verify?: (passwordHash: string, password: string) => Promise<boolean>;
}

/**
 * Signs in with a new session. Unknown e-mail, wrong password and disabled account give the
 * same answer after the same work; while throttled no hash is computed at all.
 */
export async function signIn(
	email: string,
	password: string,
	address: string,
	{ now = new Date(), verify = verifyPasswordHash }: SignInOptions = {}
): Promise<SignInResult> {
	const key = normaliseEmail(email).slice(0, 254);
	for (const check of [
		() => throttle.consumeAddressBudget(address, now),
		() => throttle.reserveAccountAttempt(key, address, now)
	]) {
		const result = await check();
		if (!result.allowed) {
			return { ok: false, reason: 'throttled', retryAfterSeconds: result.retryAfterSeconds };
		}
	}
	const row = await getDb()
		.selectFrom('app_user')
		.select(['id', 'email', 'name', 'role', 'password_hash', 'disabled_at'])
		.where('email', '=', key)
		.executeTakeFirst();
	const valid = await verify(row?.password_hash ?? DUMMY_HASH, password);
	if (!row || !valid || row.disabled_at !== null) return { ok: false, reason: 'invalid' };

	await throttle.clearAccount(key, address);
	const { session, token } = await createSession(row.id, now);
	const user = { id: row.id, email: row.email, name: row.name, role: row.role };
	return { ok: true, user, token, expiresAt: session.expiresAt };
}
