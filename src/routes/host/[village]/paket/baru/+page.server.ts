import { fail, redirect } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as hostPackages from '$lib/server/packages/host';
import { newPackageValues, readPackageForm } from '../package-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireHost(locals, params.village);
	return { values: newPackageValues() };
};

export const actions: Actions = {
	create: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const form = readPackageForm(await request.formData());
		if (!form.ok) return fail(422, { values: form.values, fields: form.fields });
		const result = await hostPackages.create(user.id, params.village, form.input);
		if (!result.ok) return fail(422, { values: form.values, fields: result.fields });
		redirect(303, `${url.pathname.replace(/\/baru$/, '')}?terkirim=${result.id}`);
	}
};
