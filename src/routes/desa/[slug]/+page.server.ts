import { error } from '@sveltejs/kit';
import * as villages from '$lib/server/villages';
import { tileSettings } from '$lib/server/map';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const village = await villages.findBySlug(locals.locale, params.slug);
	if (!village) error(404, m.not_found_title());
	return { village, tiles: tileSettings() };
};
