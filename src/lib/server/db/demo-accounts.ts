import { hashPassword } from '../auth/password';
import type { Db } from './index';

/** The password of every demo account; the README lists them as samples. */
export const DEMO_PASSWORD = 'agrowisata-demo';

const demoAccounts = [
	{ email: 'dinas@agrowisata.test', name: 'Dinas Pariwisata PALI (demo)', role: 'office' },
	{
		email: 'talangbulang@agrowisata.test',
		name: 'Pengelola Talang Bulang (demo)',
		role: 'host',
		ownerOf: '16.12.01.2001'
	},
	{
		email: 'bhayangkara@agrowisata.test',
		name: 'Pengelola Pasar Bhayangkara (demo)',
		role: 'host',
		ownerOf: '16.12.01.1017'
	}
] as const;

/** One office account and two village owners. Safe to run again: existing accounts stay as they are. */
export async function seedDemoAccounts(db: Db): Promise<void> {
	const existing = new Set(
		(await db.selectFrom('app_user').select('email').execute()).map((row) => row.email)
	);
	for (const account of demoAccounts) {
		if (!existing.has(account.email)) {
			await db
				.insertInto('app_user')
				.values({
					email: account.email,
					name: account.name,
					role: account.role,
					password_hash: await hashPassword(DEMO_PASSWORD)
				})
				.onConflict((oc) => oc.column('email').doNothing())
				.execute();
		}
		if ('ownerOf' in account) {
			await db
				.insertInto('village_membership')
				.columns(['user_id', 'village_code', 'role'])
				.expression((eb) =>
					eb
						.selectFrom('app_user')
						.select([
							'id',
							eb.val(account.ownerOf).as('village_code'),
							eb.val('owner' as const).as('role')
						])
						.where('email', '=', account.email)
				)
				.onConflict((oc) => oc.columns(['user_id', 'village_code']).doNothing())
				.execute();
		}
	}
}
