import { error, fail, redirect } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as hostPackages from '$lib/server/packages/host';
import { m } from '$lib/paraglide/messages';
import { addPhotoAction, deletePhotoAction } from '../../photo-actions';
import { packageIdOf } from '../package-id';
import { readPackageForm, valuesOf } from '../package-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const pkg = await hostPackages.findForEditing(params.village, packageIdOf(params));
	if (!pkg) error(404, m.not_found_title());
	const { values, ...rest } = pkg;
	return {
		pkg: rest,
		values: valuesOf({ ...pkg, values }),
		photoAdded: url.searchParams.has('foto')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const packageId = packageIdOf(params);
		const form = readPackageForm(await request.formData());
		if (!form.ok) return fail(422, { values: form.values, fields: form.fields });
		const result = await hostPackages.update(user.id, params.village, packageId, form.input);
		if (!result) error(404, m.not_found_title());
		if (!result.ok) return fail(422, { values: form.values, fields: result.fields });
		redirect(303, `${url.pathname.replace(/\/\d+$/, '')}?terkirim=${packageId}`);
	},
	addPhoto: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const packageId = packageIdOf(params);
		return addPhotoAction(
			request,
			(image, alt) => hostPackages.addPhoto(user.id, params.village, packageId, image, alt),
			`${url.pathname}?foto=1`
		);
	},
	deletePhoto: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		return deletePhotoAction(request, (photoId) =>
			hostPackages.deletePhoto(user.id, params.village, packageIdOf(params), photoId)
		);
	}
};
