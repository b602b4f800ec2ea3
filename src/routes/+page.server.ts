import * as villages from '$lib/server/villages';
import { tileSettings } from '$lib/server/map';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const [districts, products] = await Promise.all([
		villages.listDistricts(),
		villages.listProducts(locals.locale)
	]);
	const requestedDistrict = url.searchParams.get('kecamatan') ?? '';
	const requestedProduct = (url.searchParams.get('produk') ?? '').toLowerCase();
	// Unknown filter values are ignored and explained, never an error.
	const district = districts.some((d) => d.code === requestedDistrict) ? requestedDistrict : '';
	const product = products.some((p) => p.key === requestedProduct) ? requestedProduct : '';
	const ovopOnly = url.searchParams.get('ovop') === '1';

	return {
		villages: await villages.list(locals.locale, { district, ovopOnly, product }),
		districts,
		products,
		filters: { district, product, ovopOnly },
		unknownDistrict: requestedDistrict !== '' && district === '',
		unknownProduct: requestedProduct !== '' && product === '',
		tiles: tileSettings()
	};
};
