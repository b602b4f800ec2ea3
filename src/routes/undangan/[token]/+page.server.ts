import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { findHome } from '$lib/server/auth/guards';
import { describePasswordProblem } from '$lib/server/auth/password';
import { setSessionTokenCookie } from '$lib/server/auth/session';
import * as users from '$lib/server/auth/users';
import { parse, text } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

const acceptForm = z.object({
	name: text(100).pipe(z.string().min(1)),
	password: z.string().max(1000)
});

export const load: PageServerLoad = async ({ params }) => ({
	invitation: (await users.findInvitation(params.token)) ?? null
});

export const actions: Actions = {
	default: async ({ request, params, locals, cookies }) => {
		const input = Object.fromEntries(await request.formData());
		const values = { name: typeof input.name === 'string' ? input.name.slice(0, 100) : '' };
		const parsed = parse(acceptForm, input);
		if (!parsed.ok) return fail(400, { values, fields: parsed.fields });

		const result = await users.acceptInvitation(params.token, parsed.data);
		if (!result.ok) {
			const fields =
				result.reason === 'invalid_token'
					? { _: m.auth_invitation_invalid() }
					: result.reason === 'exists'
						? { _: m.auth_invitation_exists() }
						: { password: describePasswordProblem(result.reason) };
			return fail(result.reason === 'invalid_token' ? 410 : 400, { values, fields });
		}
		setSessionTokenCookie(cookies, result.token, result.expiresAt);
		redirect(303, findHome(result.user, locals.locale));
	}
};
