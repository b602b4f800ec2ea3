// Who works on the platform, as the office sees it: accounts with their villages, open
// invitations, inviting and disabling. Accounts themselves live in auth/users/.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { text } from '$lib/validation';
import type { SessionUser } from './session';
import * as users from './users';
import { getDb } from '../db';
import type { UserRole, VillageRole } from '../db/schema-auth';

type Actor = Pick<SessionUser, 'id' | 'role'>;

/** Accounts are few (a handful per OVOP village); the list stops here all the same. */
const MAX_PEOPLE = 500;

export interface Person {
	id: number;
	name: string;
	email: string;
	role: UserRole;
	disabled: boolean;
	villages: { code: string; slug: string; name: string; role: VillageRole }[];
}

/** Every account, office first, then by name; or the members of one village. */
export async function list(villageCode?: string): Promise<Person[]> {
	const db = getDb();
	let accounts = db
		.selectFrom('app_user')
		.select(['id', 'name', 'email', 'role', 'disabled_at'])
		.orderBy('role', 'desc')
		.orderBy('name')
		.limit(MAX_PEOPLE);
	if (villageCode) {
		const members = await users.listMembers(villageCode);
		accounts = accounts.where(
			'id',
			'in',
			members.length > 0 ? members.map((member) => member.userId) : [-1]
		);
	}
	const [rows, memberships] = await Promise.all([
		accounts.execute(),
		db
			.selectFrom('village_membership')
			.innerJoin('village', 'village.code', 'village_membership.village_code')
			.select([
				'village_membership.user_id',
				'village.code',
				'village.slug',
				'village.name',
				'village_membership.role'
			])
			.orderBy('village.name')
			.execute()
	]);
	return rows.map(({ disabled_at, ...person }) => ({
		...person,
		disabled: disabled_at !== null,
		villages: memberships
			.filter((membership) => membership.user_id === person.id)
			.map(({ code, slug, name, role }) => ({ code, slug, name, role }))
	}));
}

export interface PendingInvitation {
	id: number;
	email: string;
	role: UserRole;
	villageName: string | null;
	villageRole: VillageRole | null;
	/** Null for an invitation made at the command line. */
	invitedBy: string | null;
	expiresAt: Date;
}

/** Invitations not yet accepted and not yet expired, newest first. */
export async function listPendingInvitations(now = new Date()): Promise<PendingInvitation[]> {
	return getDb()
		.selectFrom('invitation')
		.leftJoin('app_user', 'app_user.id', 'invitation.invited_by')
		.leftJoin('village', 'village.code', 'invitation.village_code')
		.select([
			'invitation.id',
			'invitation.email',
			'invitation.role',
			'village.name as villageName',
			'invitation.village_role as villageRole',
			'app_user.name as invitedBy',
			'invitation.expires_at as expiresAt'
		])
		.where('invitation.used_at', 'is', null)
		.where('invitation.expires_at', '>', now)
		.orderBy('invitation.created_at', 'desc')
		.limit(MAX_PEOPLE)
		.execute();
}

/** 'office', or the role in the village a host is invited to. */
export const invitationKinds = ['owner', 'staff', 'office'] as const;

export const invitationSchema = z
	.object({
		email: z
			.string()
			.trim()
			.max(254)
			.pipe(z.email({ error: () => m.office_invite_email_invalid() })),
		kind: z.enum(invitationKinds),
		villageCode: text(20)
	})
	.superRefine((input, ctx) => {
		if (input.kind !== 'office' && input.villageCode === '') {
			ctx.addIssue({
				code: 'custom',
				path: ['villageCode'],
				message: m.office_invite_village_required()
			});
		}
	});

export type InvitationInput = z.output<typeof invitationSchema>;

export type InviteResult =
	| { ok: true; url: string; expiresAt: Date }
	| { ok: false; field: keyof InvitationInput | '_'; message: string };

/**
 * Invites a host to a village (as owner or staff) or an office user. The e-mail goes through
 * the outbox; the link comes back too, so the office can pass it on by WhatsApp.
 */
export async function invite(
	actor: Actor,
	input: InvitationInput,
	language: Locale
): Promise<InviteResult> {
	const host = input.kind !== 'office';
	const result = await users.createInvitation(actor, {
		email: input.email,
		role: host ? 'host' : 'office',
		villageCode: host ? input.villageCode : undefined,
		villageRole: host ? (input.kind as VillageRole) : undefined,
		language
	});
	if (result.ok) return { ok: true, url: result.url, expiresAt: result.expiresAt };
	switch (result.reason) {
		case 'exists':
			return { ok: false, field: 'email', message: m.office_invite_exists() };
		case 'invalid':
			return { ok: false, field: 'villageCode', message: m.office_invite_village_unknown() };
		default:
			return { ok: false, field: '_', message: m.auth_forbidden() };
	}
}

export type DisableResult = { ok: true } | { ok: false; message: string };

/** Disables an account; its sessions end at once. The office cannot disable itself. */
export async function disable(actor: Actor, userId: number): Promise<DisableResult> {
	const result = await users.disableUser(actor, userId);
	if (result.ok) return result;
	return {
		ok: false,
		message:
			result.reason === 'not_found' ? m.office_people_not_found() : m.office_people_disable_self()
	};
}
