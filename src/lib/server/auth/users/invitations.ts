// Invitations: the office invites hosts and staff (and a new database's operator its first
// office user); the link is valid for a week and makes the account when accepted.
import type { Locale } from '$lib/paraglide/runtime';
import * as audit from '../../audit';
import { getDb } from '../../db';
import type { UserRole, VillageRole } from '../../db/schema-auth';
import * as outbox from '../../mail/outbox';
import { checkPassword, hashPassword, type PasswordProblem } from '../password';
import { createSession, type SessionUser } from '../session';
import { sha256Hex } from '../../secrets';
import { readVillageAccess } from './account';
import {
	COMMAND_LINE,
	generateLinkToken,
	HOUR,
	buildLinkUrl,
	normaliseEmail,
	type Actor
} from './common';

export const INVITATION_VALID_MS = 7 * 24 * HOUR;

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
			(await readVillageAccess(by, villageCode)).role === 'owner';
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
	const url = buildLinkUrl(`/undangan/${token}`, language);
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
