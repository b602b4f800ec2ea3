// Sessions after Lucia's current guide (lucia-auth/lucia code/auth_session.ts): the token is
// "<id>.<secret>", only SHA-256 of the secret is stored, and the comparison is constant-time,
// so a leaked database cannot be replayed as cookies and the id lookup cannot be timed.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';
import { getDb } from '../db';
import type { UserRole } from '../db/schema-auth';

const DAY = 24 * 60 * 60 * 1000;
/** A session unused for this long ends. */
export const IDLE_LIMIT_MS = 30 * DAY;
/** No session outlives this, however busy. */
export const ABSOLUTE_LIMIT_MS = 90 * DAY;
export const SESSION_COOKIE = 'session';

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	role: UserRole;
}

export interface Session {
	id: string;
	userId: number;
	createdAt: Date;
	lastVerifiedAt: Date;
	/** When the session ends unless used again: the earlier of the idle and absolute limits. */
	expiresAt: Date;
}

export type SessionValidationResult =
	| { session: Session; user: SessionUser; fresh: boolean }
	| { session: null; user: null; fresh: false };

// Human-readable alphabet without l, o, 0, 1; 24 characters of 5 bits give 120 bits.
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const SESSION_ID_PATTERN = /^[a-km-np-z2-9]{24}$/;

function generateSessionId(): string {
	let id = '';
	for (const byte of randomBytes(24)) id += ID_ALPHABET[byte >> 3];
	return id;
}

function hashSecret(secret: Buffer): Buffer {
	return createHash('sha256').update(secret).digest();
}

function effectiveExpiry(lastVerifiedAt: Date, absoluteExpiry: Date): Date {
	return new Date(Math.min(lastVerifiedAt.getTime() + IDLE_LIMIT_MS, absoluteExpiry.getTime()));
}

/** Starts a session; called at every sign-in so that a session id never survives one. */
export async function createSession(
	userId: number,
	now = new Date()
): Promise<{ session: Session; token: string }> {
	const id = generateSessionId();
	const secret = randomBytes(32);
	const absoluteExpiry = new Date(now.getTime() + ABSOLUTE_LIMIT_MS);
	await getDb()
		.insertInto('user_session')
		.values({
			id,
			user_id: userId,
			secret_hash: hashSecret(secret),
			created_at: now,
			last_verified_at: now,
			expires_at: absoluteExpiry
		})
		.execute();
	const session = {
		id,
		userId,
		createdAt: now,
		lastVerifiedAt: now,
		expiresAt: effectiveExpiry(now, absoluteExpiry)
	};
	return { session, token: `${id}.${secret.toString('base64url')}` };
}

const NO_SESSION = { session: null, user: null, fresh: false } as const;

/**
 * Checks a token from a cookie. A disabled user's sessions fail at once. Slides the idle limit
 * when less than half of it remains, which also bounds the writes to one per half-period;
 * `fresh` tells the caller to send the cookie again with the new expiry.
 */
export async function validateSessionToken(
	token: string,
	now = new Date()
): Promise<SessionValidationResult> {
	// Only a token of the shape createSession makes reaches the database: a cookie is anyone's
	// to write, and PostgreSQL refuses a NUL in text with an error, not a miss.
	const parts = token.split('.');
	if (parts.length !== 2) return NO_SESSION;
	const [id, encodedSecret] = parts;
	if (!SESSION_ID_PATTERN.test(id) || !/^[A-Za-z0-9_-]{43}$/.test(encodedSecret)) return NO_SESSION;
	const secret = Buffer.from(encodedSecret, 'base64url');

	const db = getDb();
	const row = await db
		.selectFrom('user_session')
		.innerJoin('app_user', 'app_user.id', 'user_session.user_id')
		.select([
			'user_session.id',
			'user_session.user_id',
			'user_session.secret_hash',
			'user_session.created_at',
			'user_session.last_verified_at',
			'user_session.expires_at',
			'app_user.email',
			'app_user.name',
			'app_user.role',
			'app_user.disabled_at'
		])
		.where('user_session.id', '=', id)
		.executeTakeFirst();
	if (!row) return NO_SESSION;

	const expiresAt = effectiveExpiry(row.last_verified_at, row.expires_at);
	if (now.getTime() >= expiresAt.getTime() || row.disabled_at !== null) {
		await invalidateSession(row.id);
		return NO_SESSION;
	}
	const stored = Buffer.from(row.secret_hash);
	const presented = hashSecret(secret);
	if (stored.length !== presented.length || !timingSafeEqual(stored, presented)) {
		return NO_SESSION;
	}

	const session: Session = {
		id: row.id,
		userId: row.user_id,
		createdAt: row.created_at,
		lastVerifiedAt: row.last_verified_at,
		expiresAt
	};
	let fresh = false;
	if (now.getTime() - row.last_verified_at.getTime() >= IDLE_LIMIT_MS / 2) {
		await db
			.updateTable('user_session')
			.set({ last_verified_at: now })
			.where('id', '=', row.id)
			.execute();
		session.lastVerifiedAt = now;
		session.expiresAt = effectiveExpiry(now, row.expires_at);
		fresh = true;
	}
	const user: SessionUser = { id: row.user_id, email: row.email, name: row.name, role: row.role };
	return { session, user, fresh };
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await getDb().deleteFrom('user_session').where('id', '=', sessionId).execute();
}

/** Signs the user out everywhere. */
export async function invalidateUserSessions(userId: number): Promise<void> {
	await getDb().deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export function setSessionTokenCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		secure: config.secureCookies,
		sameSite: 'lax',
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionTokenCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, {
		httpOnly: true,
		secure: config.secureCookies,
		sameSite: 'lax',
		path: '/'
	});
}
