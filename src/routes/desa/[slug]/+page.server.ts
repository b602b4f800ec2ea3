import { error } from '@sveltejs/kit';
import * as villages from '$lib/server/villages';
import { readTileSettings } from '$lib/server/map';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const page = await villages.pageBySlug(locals.locale, params.slug);
	if (!page) error(404, m.not_found_title());
	return { ...page, tiles: readTileSettings() };
};
