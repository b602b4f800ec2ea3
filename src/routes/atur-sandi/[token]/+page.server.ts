import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { describePasswordProblem } from '$lib/server/auth/password';
import * as users from '$lib/server/auth/users';
import { parse } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

const resetForm = z.object({ password: z.string().max(1000) });

export const load: PageServerLoad = async ({ params }) => ({
	reset: (await users.findPasswordReset(params.token)) ?? null
});

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const parsed = parse(resetForm, Object.fromEntries(await request.formData()));
		if (!parsed.ok) return fail(400, { fields: parsed.fields });
		const result = await users.resetPassword(params.token, parsed.data.password);
		if (!result.ok) {
			return result.reason === 'invalid_token'
				? fail(410, { fields: { _: m.auth_reset_invalid() } })
				: fail(400, { fields: { password: describePasswordProblem(result.reason) } });
		}
		redirect(303, localizeHref('/login?sandi-baru=1', { locale: locals.locale }));
	}
};
