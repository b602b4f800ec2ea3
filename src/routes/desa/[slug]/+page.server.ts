import { error } from '@sveltejs/kit';
import * as packages from '$lib/server/packages';
import * as photos from '$lib/server/photos';
import * as villages from '$lib/server/villages';
import { tileSettings } from '$lib/server/map';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const village = await villages.findBySlug(locals.locale, params.slug);
	if (!village) error(404, m.not_found_title());
	const [tourPackages, villagePhotos] = await Promise.all([
		packages.listPublished(locals.locale, village.code),
		photos.listForVillage(village.code)
	]);
	return {
		village,
		packages: tourPackages.map(({ slug, title, categories }) => {
			// The cheapest paid category: "from Rp 20.000".
			const paid = categories.map((c) => c.priceIdr).filter((price) => price > 0);
			return { slug, title, fromIdr: paid.length > 0 ? Math.min(...paid) : null };
		}),
		photos: villagePhotos,
		tiles: tileSettings()
	};
};
