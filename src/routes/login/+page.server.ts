import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { findHome, safeNextPath } from '$lib/server/auth/guards';
import { setSessionTokenCookie } from '$lib/server/auth/session';
import * as users from '$lib/server/auth/users';
import { parse, text } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

// No format check on the e-mail: any mismatch gets the one answer that reveals nothing.
const signInForm = z.object({
	email: text(254).min(1),
	password: z.string().min(1).max(1000)
});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) {
		redirect(
			303,
			safeNextPath(url.searchParams.get('next')) ?? findHome(locals.user, locals.locale)
		);
	}
	return { passwordChanged: url.searchParams.has('sandi-baru') };
};

export const actions: Actions = {
	default: async ({ request, url, locals, cookies, getClientAddress }) => {
		const input = Object.fromEntries(await request.formData());
		const values = { email: typeof input.email === 'string' ? input.email.slice(0, 254) : '' };
		const parsed = parse(signInForm, input);
		if (!parsed.ok) return fail(400, { values, fields: parsed.fields });

		const result = await users.signIn(parsed.data.email, parsed.data.password, getClientAddress());
		if (!result.ok) {
			const throttled = result.reason === 'throttled';
			const message = throttled
				? m.auth_login_throttled({ seconds: result.retryAfterSeconds ?? 60 })
				: m.auth_login_invalid();
			return fail(throttled ? 429 : 400, { values, fields: { _: message } });
		}
		setSessionTokenCookie(cookies, result.token, result.expiresAt);
		redirect(
			303,
			safeNextPath(url.searchParams.get('next')) ?? findHome(result.user, locals.locale)
		);
	}
};
