import { redirect } from '@sveltejs/kit';
import { buildLoginHref, requireUser } from '$lib/server/auth/guards';
import { deleteSessionTokenCookie, invalidateUserSessions } from '$lib/server/auth/session';
import * as users from '$lib/server/auth/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { id, name, email, role } = requireUser(locals);
	return { account: { name, email, role }, villages: await users.listVillagesOf(id) };
};

export const actions: Actions = {
	signOutEverywhere: async ({ locals, cookies }) => {
		const user = requireUser(locals);
		await invalidateUserSessions(user.id);
		deleteSessionTokenCookie(cookies);
		redirect(303, buildLoginHref(locals.locale));
	}
};
