// Forgotten passwords: a link valid for an hour, at most three a quarter hour per account.
import type { Locale } from '$lib/paraglide/runtime';
import * as audit from '../../audit';
import { getDb } from '../../db';
import * as outbox from '../../mail/outbox';
import { checkPassword, hashPassword, type PasswordProblem } from '../password';
import { sha256Hex } from '../../secrets';
import { generateLinkToken, HOUR, buildLinkUrl, normaliseEmail } from './common';

export const PASSWORD_RESET_VALID_MS = HOUR;
/** Reset e-mails one account may receive per quarter hour, so the form cannot flood an inbox. */
const RESETS_PER_QUARTER_HOUR = 3;

/**
 * Sends a reset link to an enabled account. Gives no answer, so the form cannot be used to
 * learn which addresses have accounts.
 */
export async function requestPasswordReset(
	email: string,
	language: Locale = 'id',
	now = new Date()
): Promise<void> {
	const db = getDb();
	const user = await db
		.selectFrom('app_user')
		.select(['id', 'email', 'name'])
		.where('email', '=', normaliseEmail(email))
		.where('disabled_at', 'is', null)
		.executeTakeFirst();
	if (!user) return;
	const { recent } = await db
		.selectFrom('password_reset')
		.select((eb) => eb.fn.countAll<number>().as('recent'))
		.where('user_id', '=', user.id)
		.where('created_at', '>', new Date(now.getTime() - HOUR / 4))
		.executeTakeFirstOrThrow();
	if (Number(recent) >= RESETS_PER_QUARTER_HOUR) return;

	const { token, tokenHash } = generateLinkToken();
	const expiresAt = new Date(now.getTime() + PASSWORD_RESET_VALID_MS);
	const url = buildLinkUrl(`/atur-sandi/${token}`, language);
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('password_reset')
			.values({ token_hash: tokenHash, user_id: user.id, expires_at: expiresAt, created_at: now })
			.execute();
		await outbox.enqueue(trx, {
			recipient: user.email,
			template: 'password_reset',
			language,
			payload: { url: url.href, expiresAt: expiresAt.toISOString(), name: user.name },
			notBefore: now
		});
	});
}

function openResetQuery(token: string, now: Date) {
	return getDb()
		.selectFrom('password_reset')
		.innerJoin('app_user', 'app_user.id', 'password_reset.user_id')
		.where('password_reset.token_hash', '=', sha256Hex(token))
		.where('password_reset.used_at', 'is', null)
		.where('password_reset.expires_at', '>', now)
		.where('app_user.disabled_at', 'is', null);
}

/** The account a reset link is for, if the link is still open. */
export async function findPasswordReset(
	token: string,
	now = new Date()
): Promise<{ email: string } | undefined> {
	return openResetQuery(token, now).select('app_user.email').executeTakeFirst();
}

export type ResetPasswordResult =
	{ ok: true; email: string } | { ok: false; reason: 'invalid_token' | PasswordProblem };

/** Sets a new password from a reset link (once, within the hour) and ends every session. */
export async function resetPassword(
	token: string,
	newPassword: string,
	now = new Date()
): Promise<ResetPasswordResult> {
	if (!(await openResetQuery(token, now).select('password_reset.id').executeTakeFirst())) {
		return { ok: false, reason: 'invalid_token' };
	}
	const problem = checkPassword(newPassword);
	if (problem) return { ok: false, reason: problem };
	const passwordHash = await hashPassword(newPassword);

	const email = await getDb()
		.transaction()
		.execute(async (trx) => {
			const reset = await trx
				.updateTable('password_reset')
				.set({ used_at: now })
				.where('token_hash', '=', sha256Hex(token))
				.where('used_at', 'is', null)
				.where('expires_at', '>', now)
				.returning('user_id')
				.executeTakeFirst();
			if (!reset) return undefined;
			const user = await trx
				.updateTable('app_user')
				.set({ password_hash: passwordHash })
				.where('id', '=', reset.user_id)
				.where('disabled_at', 'is', null)
				.returning(['id', 'email'])
				.executeTakeFirst();
			if (!user) return undefined;
			// Other links sent earlier stop working too.
			await trx
				.updateTable('password_reset')
				.set({ used_at: now })
				.where('user_id', '=', user.id)
				.where('used_at', 'is', null)
				.execute();
			await trx.deleteFrom('user_session').where('user_id', '=', user.id).execute();
			await trx.deleteFrom('sign_in_throttle').where('email', '=', user.email).execute();
			await audit.record(trx, {
				actorUserId: user.id,
				action: 'user.reset_password',
				entity: 'user',
				entityId: user.id
			});
			return user.email;
		});
	return email ? { ok: true, email } : { ok: false, reason: 'invalid_token' };
}
