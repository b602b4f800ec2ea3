import { error, fail, redirect } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as hostVillages from '$lib/server/villages/host';
import { m } from '$lib/paraglide/messages';
import { parse } from '$lib/validation';
import { addPhotoAction, deletePhotoAction } from '../photo-actions';
import type { Actions, PageServerLoad } from './$types';

const field = (data: FormData, name: string, max: number) => {
	const value = data.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const page = await hostVillages.findForEditing(params.village);
	if (!page) error(404, m.not_found_title());
	return { page, done: url.searchParams.get('selesai') };
};

function done(url: URL, what: string): never {
	redirect(303, `${url.pathname}?selesai=${what}`);
}

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const data = await request.formData();
		const values = {
			storyId: field(data, 'storyId', 4000),
			storyEn: field(data, 'storyEn', 4000),
			whatsapp: field(data, 'whatsapp', 32)
		};
		const parsed = parse(hostVillages.pageSchema, values);
		if (!parsed.ok) return fail(422, { values, fields: parsed.fields });
		await hostVillages.updatePage(user.id, params.village, parsed.data);
		done(url, 'halaman');
	},
	moveMarker: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const data = await request.formData();
		const marker = { lat: field(data, 'lat', 30).trim(), lng: field(data, 'lng', 30).trim() };
		const parsed = parse(hostVillages.markerSchema, {
			lat: marker.lat || undefined,
			lng: marker.lng || undefined
		});
		if (!parsed.ok) return fail(422, { marker, markerFields: parsed.fields });
		await hostVillages.moveMarker(user.id, params.village, parsed.data);
		done(url, 'peta');
	},
	resetMarker: async ({ locals, params, url }) => {
		const { user } = await requireHost(locals, params.village);
		await hostVillages.resetMarker(user.id, params.village);
		done(url, 'peta');
	},
	addPhoto: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		return addPhotoAction(
			request,
			(image, alt) => hostVillages.addPhoto(user.id, params.village, image, alt),
			`${url.pathname}?selesai=foto`
		);
	},
	deletePhoto: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		return deletePhotoAction(request, (photoId) =>
			hostVillages.deletePhoto(user.id, params.village, photoId)
		);
	}
};
