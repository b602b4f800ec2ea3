import * as villages from '$lib/server/villages';
import { readTileSettings } from '$lib/server/map';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const listing = await villages.browse(locals.locale, {
		district: url.searchParams.get('kecamatan') ?? '',
		product: url.searchParams.get('produk') ?? '',
		ovopOnly: url.searchParams.get('ovop') === '1'
	});
	return { ...listing, tiles: readTileSettings() };
};
