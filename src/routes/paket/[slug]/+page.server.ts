import { error } from '@sveltejs/kit';
import * as availability from '$lib/server/availability';
import * as packages from '$lib/server/packages';
import * as photos from '$lib/server/photos';
import { tileSettings } from '$lib/server/map';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const pkg = await packages.findPublishedBySlug(locals.locale, params.slug);
	if (!pkg) error(404, m.not_found_title());
	// A malformed or far-out ?bulan= falls back to this month, with a note on the page.
	const choice = availability.chooseMonth(url.searchParams.get('bulan'));
	const [calendar, packagePhotos] = await Promise.all([
		availability.calendarMonth(pkg.id, choice.month),
		photos.listForPackage(pkg.id)
	]);
	return { pkg, calendar, choice, photos: packagePhotos, tiles: tileSettings() };
};
