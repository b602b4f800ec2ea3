import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as users from '$lib/server/auth/users';
import { parse } from '$lib/validation';
import type { Actions } from './$types';

const forgotForm = z.object({
	email: z
		.string()
		.trim()
		.min(1)
		.max(254)
		.pipe(z.email({ error: () => m.auth_email_invalid() }))
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const input = Object.fromEntries(await request.formData());
		const values = { email: typeof input.email === 'string' ? input.email.slice(0, 254) : '' };
		const parsed = parse(forgotForm, input);
		if (!parsed.ok) return fail(400, { values, fields: parsed.fields });
		await users.requestPasswordReset(parsed.data.email, locals.locale);
		return { values, sent: true };
	}
};
