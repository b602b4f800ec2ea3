// Accounts of village hosts and office staff: signing in, invitations, password resets,
// disabling, and who belongs to which village.
import { randomBytes } from 'node:crypto';
import { localizeUrl, type Locale } from '$lib/paraglide/runtime';
import * as audit from '../audit';
import { config } from '../config';
import { getDb } from '../db';
import type { UserRole, VillageRole } from '../db/schema-auth';
import * as outbox from '../mail/outbox';
import { checkPassword, hashPassword, verifyPasswordHash, type PasswordProblem } from './password';
import { createSession, type SessionUser } from './session';
import * as throttle from './throttle';
import { sha256Hex } from '../secrets';

const HOUR = 60 * 60 * 1000;
export const INVITATION_VALID_MS = 7 * 24 * HOUR;
export const PASSWORD_RESET_VALID_MS = HOUR;
/** Reset e-mails one account may receive per quarter hour, so the form cannot flood an inbox. */
const RESETS_PER_QUARTER_HOUR = 3;

// An argon2id hash (same settings as real ones) of a password nobody has, verified when the
// e-mail is unknown so that the answer takes as long as for a known account.
const DUMMY_HASH =
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
function generateLinkToken(): { token: string; tokenHash: string } {
	const token = randomBytes(32).toString('base64url');
	return { token, tokenHash: sha256Hex(token) };
}

function linkUrl(path: string, language: Locale): URL {
	return localizeUrl(new URL(path, config.publicOrigin), { locale: language });
}

// ---- Signing in ----------------------------------------------------------------------------

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

// ---- Invitations ---------------------------------------------------------------------------

export interface InvitationInput {
	email: string;
	role: UserRole;
	villageCode?: string;
	villageRole?: VillageRole;
	/** The language of the e-mail. */
	language?: Locale;
}

export type CreateInvitationResult =
	| { ok: true; path: string; url: string; expiresAt: Date }
	| { ok: false; reason: 'forbidden' | 'invalid' | 'exists' };

/**
 * Invites someone by e-mail. The office (and the command line) may invite anyone; a village
 * owner may invite staff to their own village only. Hosts always join a village; office staff
 * never do.
 */
export async function createInvitation(
	by: Actor | typeof COMMAND_LINE,
	input: InvitationInput,
	now = new Date()
): Promise<CreateInvitationResult> {
	const email = normaliseEmail(input.email);
	const villageCode = input.role === 'host' ? input.villageCode : undefined;
	const villageRole = input.role === 'host' ? input.villageRole : undefined;
	if (input.role === 'host' && (!villageCode || !villageRole))
		return { ok: false, reason: 'invalid' };
	const inviterId = by === COMMAND_LINE ? null : by.id;
	if (by !== COMMAND_LINE && by.role !== 'office') {
		const mayInvite =
			input.role === 'host' &&
			villageRole === 'staff' &&
			villageCode !== undefined &&
			(await accessToVillage(by, villageCode)).role === 'owner';
		if (!mayInvite) return { ok: false, reason: 'forbidden' };
	}

	const db = getDb();
	const [inviter, village, existing] = await Promise.all([
		inviterId === null
			? COMMAND_LINE
			: db.selectFrom('app_user').select('name').where('id', '=', inviterId).executeTakeFirst(),
		villageCode
			? db.selectFrom('village').select('name').where('code', '=', villageCode).executeTakeFirst()
			: undefined,
		db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst()
	]);
	if (!inviter || (villageCode && !village)) return { ok: false, reason: 'invalid' };
	// Adding an existing account to another village is a membership change, not an invitation.
	if (existing) return { ok: false, reason: 'exists' };

	const language = input.language ?? 'id';
	const { token, tokenHash } = generateLinkToken();
	const expiresAt = new Date(now.getTime() + INVITATION_VALID_MS);
	const url = linkUrl(`/undangan/${token}`, language);
	await db.transaction().execute(async (trx) => {
		const { id } = await trx
			.insertInto('invitation')
			.values({
				token_hash: tokenHash,
				email,
				role: input.role,
				village_code: villageCode ?? null,
				village_role: villageRole ?? null,
				invited_by: inviterId,
				expires_at: expiresAt,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit.record(trx, {
			actorUserId: inviterId,
			villageCode,
			action: 'invitation.create',
			entity: 'invitation',
			entityId: id,
			after: {
				email,
				role: input.role,
				villageCode,
				villageRole,
				...(inviterId === null && { via: COMMAND_LINE })
			}
		});
		await outbox.enqueue(trx, {
			recipient: email,
			template: 'invitation',
			language,
			payload: {
				url: url.href,
				expiresAt: expiresAt.toISOString(),
				villageName: village?.name,
				role: input.role
			},
			notBefore: now
		});
	});
	return { ok: true, path: url.pathname, url: url.href, expiresAt };
}

export interface OpenInvitation {
	email: string;
	role: UserRole;
	villageName: string | null;
	villageRole: VillageRole | null;
	expiresAt: Date;
}

function openInvitationQuery(token: string, now: Date) {
	return getDb()
		.selectFrom('invitation')
		.leftJoin('village', 'village.code', 'invitation.village_code')
		.where('invitation.token_hash', '=', sha256Hex(token))
		.where('invitation.used_at', 'is', null)
		.where('invitation.expires_at', '>', now);
}

/** The invitation behind a link, if it is still open. */
export async function findInvitation(
	token: string,
	now = new Date()
): Promise<OpenInvitation | undefined> {
	return openInvitationQuery(token, now)
		.select([
			'invitation.email',
			'invitation.role',
			'village.name as villageName',
			'invitation.village_role as villageRole',
			'invitation.expires_at as expiresAt'
		])
		.executeTakeFirst();
}

export type AcceptInvitationResult =
	| { ok: true; user: SessionUser; token: string; expiresAt: Date }
	| { ok: false; reason: 'invalid_token' | 'exists' | PasswordProblem };

class AccountExists extends Error {}

/** Creates the invited account and signs it in; the link works once, within seven days. */
export async function acceptInvitation(
	token: string,
	input: { name: string; password: string },
	now = new Date()
): Promise<AcceptInvitationResult> {
	if (!(await openInvitationQuery(token, now).select('invitation.id').executeTakeFirst())) {
		return { ok: false, reason: 'invalid_token' };
	}
	const problem = checkPassword(input.password);
	if (problem) return { ok: false, reason: problem };
	const passwordHash = await hashPassword(input.password);

	try {
		const user = await getDb()
			.transaction()
			.execute(async (trx) => {
				// Taking the invitation and checking it in one statement makes it single use even
				// when the form is submitted twice at once.
				const invitation = await trx
					.updateTable('invitation')
					.set({ used_at: now })
					.where('token_hash', '=', sha256Hex(token))
					.where('used_at', 'is', null)
					.where('expires_at', '>', now)
					.returningAll()
					.executeTakeFirst();
				if (!invitation) return undefined;
				const created = await trx
					.insertInto('app_user')
					.values({
						email: invitation.email,
						name: input.name,
						password_hash: passwordHash,
						role: invitation.role,
						created_at: now
					})
					.onConflict((oc) => oc.column('email').doNothing())
					.returning(['id', 'email', 'name', 'role'])
					.executeTakeFirst();
				if (!created) throw new AccountExists();
				if (invitation.village_code && invitation.village_role) {
					await trx
						.insertInto('village_membership')
						.values({
							user_id: created.id,
							village_code: invitation.village_code,
							role: invitation.village_role
						})
						.execute();
				}
				await audit.record(trx, {
					actorUserId: created.id,
					villageCode: invitation.village_code,
					action: 'invitation.accept',
					entity: 'user',
					entityId: created.id,
					after: {
						email: created.email,
						name: created.name,
						role: created.role,
						invitationId: invitation.id,
						villageRole: invitation.village_role
					}
				});
				return created;
			});
		if (!user) return { ok: false, reason: 'invalid_token' };
		const { session, token: sessionToken } = await createSession(user.id, now);
		return { ok: true, user, token: sessionToken, expiresAt: session.expiresAt };
	} catch (error) {
		if (error instanceof AccountExists) return { ok: false, reason: 'exists' };
		throw error;
	}
}

// ---- Password resets -----------------------------------------------------------------------

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
	const url = linkUrl(`/atur-sandi/${token}`, language);
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

// ---- Administration ------------------------------------------------------------------------

export type DisableUserResult = { ok: true } | { ok: false; reason: 'forbidden' | 'not_found' };

/** The office disables an account; its sessions end at once. */
export async function disableUser(
	by: Actor,
	userId: number,
	now = new Date()
): Promise<DisableUserResult> {
	if (by.role !== 'office' || by.id === userId) return { ok: false, reason: 'forbidden' };
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const before = await trx
				.selectFrom('app_user')
				.select(['id', 'email', 'disabled_at'])
				.where('id', '=', userId)
				.forUpdate()
				.executeTakeFirst();
			if (!before) return { ok: false, reason: 'not_found' } as const;
			await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
			if (before.disabled_at === null) {
				await trx
					.updateTable('app_user')
					.set({ disabled_at: now })
					.where('id', '=', userId)
					.execute();
				await audit.record(trx, {
					actorUserId: by.id,
					action: 'user.disable',
					entity: 'user',
					entityId: userId,
					before: { disabledAt: null },
					after: { disabledAt: now.toISOString() }
				});
			}
			return { ok: true } as const;
		});
}

// ---- Villages and members ------------------------------------------------------------------

export interface VillageAccess {
	exists: boolean;
	/** 'office' for office staff on any village; undefined when the user may not act on it. */
	role?: 'office' | VillageRole;
}

/** Whether a user may act on a village, read from the database on every request. */
export async function accessToVillage(user: Actor, villageCode: string): Promise<VillageAccess> {
	const row = await getDb()
		.selectFrom('village')
		.leftJoin('village_membership', (join) =>
			join
				.onRef('village_membership.village_code', '=', 'village.code')
				.on('village_membership.user_id', '=', user.id)
		)
		.select('village_membership.role')
		.where('village.code', '=', villageCode)
		.executeTakeFirst();
	if (!row) return { exists: false };
	if (user.role === 'office') return { exists: true, role: 'office' };
	return { exists: true, role: row.role ?? undefined };
}

export interface Member {
	userId: number;
	name: string;
	email: string;
	role: VillageRole;
	disabled: boolean;
}

/** Owners first, then by name. */
export async function listMembers(villageCode: string): Promise<Member[]> {
	const rows = await getDb()
		.selectFrom('village_membership')
		.innerJoin('app_user', 'app_user.id', 'village_membership.user_id')
		.select([
			'app_user.id as userId',
			'app_user.name',
			'app_user.email',
			'village_membership.role',
			'app_user.disabled_at'
		])
		.where('village_membership.village_code', '=', villageCode)
		.orderBy('village_membership.role')
		.orderBy('app_user.name')
		.execute();
	return rows.map(({ disabled_at, ...member }) => ({ ...member, disabled: disabled_at !== null }));
}

export interface Membership {
	code: string;
	slug: string;
	name: string;
	role: VillageRole;
}

export async function villagesOf(userId: number): Promise<Membership[]> {
	return getDb()
		.selectFrom('village_membership')
		.innerJoin('village', 'village.code', 'village_membership.village_code')
		.select(['village.code', 'village.slug', 'village.name', 'village_membership.role'])
		.where('village_membership.user_id', '=', userId)
		.orderBy('village.name')
		.execute();
}
