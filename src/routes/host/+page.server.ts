import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/auth/guards';
import * as users from '$lib/server/auth/users';
import * as hostBookings from '$lib/server/bookings/host';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const villages =
		user.role === 'office'
			? await hostBookings.listVillagesWithPackages()
			: await users.listVillagesOf(user.id);
	if (user.role === 'host' && villages.length === 1) {
		redirect(303, localizeHref(`/host/${villages[0].code}/hari-ini`, { locale: locals.locale }));
	}
	return { villages };
};
