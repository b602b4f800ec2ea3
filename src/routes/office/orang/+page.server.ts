import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireOffice } from '$lib/server/auth/guards';
import * as people from '$lib/server/auth/people';
import * as villages from '$lib/server/villages';
import { parse } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOffice(locals);
	const allVillages = await villages.list(locals.locale);
	const requested = url.searchParams.get('desa') ?? '';
	const villageCode = allVillages.some((v) => v.code === requested) ? requested : '';
	const [persons, invitations] = await Promise.all([
		people.list(villageCode || undefined),
		people.listPendingInvitations()
	]);
	return {
		villages: allVillages.map(({ code, name, ovop }) => ({ code, name, ovop })),
		villageCode,
		people: persons,
		invitations
	};
};

function field(data: FormData, name: string, max = 300): string {
	const value = data.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

export const actions: Actions = {
	invite: async ({ locals, request }) => {
		const user = requireOffice(locals);
		const data = await request.formData();
		const values = {
			email: field(data, 'email'),
			kind: field(data, 'kind', 20),
			villageCode: field(data, 'villageCode', 20)
		};
		const parsed = parse(people.invitationSchema, values);
		if (!parsed.ok) return fail(400, { form: 'invite', values, fields: parsed.fields });
		const result = await people.invite(user, parsed.data, locals.locale);
		if (!result.ok) {
			return fail(400, { form: 'invite', values, fields: { [result.field]: result.message } });
		}
		return {
			form: 'invite',
			invited: { email: parsed.data.email, url: result.url, expiresAt: result.expiresAt }
		};
	},
	disable: async ({ locals, request }) => {
		const user = requireOffice(locals);
		const data = await request.formData();
		const userId = Number(field(data, 'userId', 20));
		if (!Number.isSafeInteger(userId) || userId <= 0) {
			return fail(400, { form: 'disable', message: m.office_people_not_found() });
		}
		const result = await people.disable(user, userId);
		if (!result.ok) return fail(400, { form: 'disable', message: result.message });
		return { form: 'disable', done: m.office_people_disabled_done() };
	}
};
