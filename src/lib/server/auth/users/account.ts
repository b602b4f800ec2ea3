// Accounts once made: disabling one, and who belongs to which village.
import * as audit from '../../audit';
import { getDb } from '../../db';
import type { VillageRole } from '../../db/schema-auth';
import type { Actor } from './common';

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

export interface VillageAccess {
	exists: boolean;
	/** 'office' for office staff on any village; undefined when the user may not act on it. */
	role?: 'office' | VillageRole;
}

/** Whether a user may act on a village, read from the database on every request. */
export async function readVillageAccess(user: Actor, villageCode: string): Promise<VillageAccess> {
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

export async function listVillagesOf(userId: number): Promise<Membership[]> {
	return getDb()
		.selectFrom('village_membership')
		.innerJoin('village', 'village.code', 'village_membership.village_code')
		.select(['village.code', 'village.slug', 'village.name', 'village_membership.role'])
		.where('village_membership.user_id', '=', userId)
		.orderBy('village.name')
		.execute();
}
