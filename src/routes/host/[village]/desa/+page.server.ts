import { error, fail, redirect } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as photos from '$lib/server/photos';
import * as villagePages from '$lib/server/village-pages';
import { m } from '$lib/paraglide/messages';
import { parse } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

const field = (data: FormData, name: string, max: number) => {
	const value = data.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const page = await villagePages.findForEditing(params.village);
	if (!page) error(404, m.not_found_title());
	return { villageName: page.name, page, done: url.searchParams.get('selesai') };
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
		const parsed = parse(villagePages.pageSchema, values);
		if (!parsed.ok) return fail(422, { values, fields: parsed.fields });
		await villagePages.updatePage(user.id, params.village, parsed.data);
		done(url, 'halaman');
	},
	moveMarker: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const data = await request.formData();
		const marker = { lat: field(data, 'lat', 30).trim(), lng: field(data, 'lng', 30).trim() };
		const parsed = parse(villagePages.markerSchema, {
			lat: marker.lat || undefined,
			lng: marker.lng || undefined
		});
		if (!parsed.ok) return fail(422, { marker, markerFields: parsed.fields });
		await villagePages.moveMarker(user.id, params.village, parsed.data);
		done(url, 'peta');
	},
	resetMarker: async ({ locals, params, url }) => {
		const { user } = await requireHost(locals, params.village);
		await villagePages.resetMarker(user.id, params.village);
		done(url, 'peta');
	},
	addPhoto: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const data = await request.formData();
		const alt = parse(villagePages.altSchema, {
			altId: data.get('altId') ?? '',
			altEn: data.get('altEn') ?? ''
		});
		if (!alt.ok) return fail(422, { photoFields: alt.fields });
		const upload = await photos.checkUpload(data.get('photo'));
		if (!upload.ok) return fail(422, { photoFields: { photo: upload.message } });
		const result = await villagePages.addPhoto(user.id, params.village, upload.image, alt.data);
		if (!result.ok) return fail(422, { photoFields: { photo: result.message } });
		done(url, 'foto');
	},
	deletePhoto: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const photoId = Number((await request.formData()).get('photoId'));
		const removed =
			Number.isSafeInteger(photoId) &&
			(await villagePages.deletePhoto(user.id, params.village, photoId));
		if (!removed) return fail(404, { photoFields: { _: m.hostc_photo_not_found() } });
		return { photoDeleted: true };
	}
};
