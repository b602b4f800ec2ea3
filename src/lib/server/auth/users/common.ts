// What the account verbs share: who acts, how e-mail addresses compare, and the one-time links
// of invitations and password resets.
import { randomBytes } from 'node:crypto';
import { localizeUrl, type Locale } from '$lib/paraglide/runtime';
import { config } from '../../config';
import { type SessionUser } from '../session';
import { sha256Hex } from '../../secrets';

export const HOUR = 60 * 60 * 1000;

// An argon2id hash (same settings as real ones) of a password nobody has, verified when the
// e-mail is unknown so that the answer takes as long as for a known account.
export const DUMMY_HASH =
	'$argon2id$v=19$m=19456,t=2,p=1$DaTAKP9PeyPftCwcJDskFQ$cOBjxLU3BzLd7QgB0PR0yHaoM92Q9RIoqedPCmZjToI';

export type Actor = Pick<SessionUser, 'id' | 'role'>;

/**
 * The operator at the server's command line (`npm run user:invite`). A new database has no
 * account to invite its first office user, so the operator invites as the office does and is
 * recorded as no account, with this note.
 */
export const COMMAND_LINE = 'command line';

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** A link token of 256 bits; only its SHA-256 is stored. */
export function generateLinkToken(): { token: string; tokenHash: string } {
	const token = randomBytes(32).toString('base64url');
	return { token, tokenHash: sha256Hex(token) };
}

export function buildLinkUrl(path: string, language: Locale): URL {
	return localizeUrl(new URL(path, config.publicOrigin), { locale: language });
}
