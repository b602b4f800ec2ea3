import { getDb } from './db';
import { isSlug } from './slug';
import type { Locale } from '$lib/paraglide/runtime';

export interface VillageFilters {
	district?: string;
	ovopOnly?: boolean;
	product?: string;
}

export interface VillageSummary {
	code: string;
	slug: string;
	name: string;
	type: 'desa' | 'kelurahan';
	districtCode: string;
	districtName: string;
	lat: number;
	lng: number;
	ovop: boolean;
	product: string | null;
}

function baseQuery(locale: Locale) {
	return getDb()
		.selectFrom('village')
		.innerJoin('district', 'district.code', 'village.district_code')
		.select([
			'village.code',
			'village.slug',
			'village.name',
			'village.type',
			'village.district_code as districtCode',
			'district.name as districtName',
			'village.lat',
			'village.lng',
			'village.ovop'
		])
		.select(
			locale === 'en' ? 'village.ovop_product_en as product' : 'village.ovop_product_id as product'
		);
}

/** Villages for the map and the list: OVOP villages first, then by name. */
export async function list(
	locale: Locale,
	filters: VillageFilters = {}
): Promise<VillageSummary[]> {
	let query = baseQuery(locale);
	if (filters.district) query = query.where('village.district_code', '=', filters.district);
	if (filters.ovopOnly || filters.product) query = query.where('village.ovop', '=', true);
	if (filters.product) {
		const product = filters.product.toLowerCase();
		query = query.where((eb) =>
			eb.or([
				eb(eb.fn('lower', ['village.ovop_product_id']), '=', product),
				eb(eb.fn('lower', ['village.ovop_product_en']), '=', product)
			])
		);
	}
	return query.orderBy('village.ovop', 'desc').orderBy('village.name').execute();
}

export interface ProductOption {
	key: string;
	label: string;
}

/** The OVOP products in use, for the product filter; the key is the Indonesian name. */
export async function listProducts(locale: Locale): Promise<ProductOption[]> {
	const rows = await getDb()
		.selectFrom('village')
		.select(['ovop_product_id', 'ovop_product_en'])
		.where('ovop', '=', true)
		.distinct()
		.orderBy('ovop_product_id')
		.execute();
	return rows.map((row) => ({
		key: (row.ovop_product_id ?? '').toLowerCase(),
		label: (locale === 'en' ? row.ovop_product_en : row.ovop_product_id) ?? ''
	}));
}

export async function listDistricts() {
	return getDb().selectFrom('district').select(['code', 'name']).orderBy('name').execute();
}

export interface VillageDetail extends VillageSummary {
	story: string | null;
	whatsapp: string | null;
	locationConfirmed: boolean;
	ovopSince: number | null;
}

export async function findBySlug(locale: Locale, slug: string): Promise<VillageDetail | undefined> {
	if (!isSlug(slug)) return undefined;
	return baseQuery(locale)
		.select([
			'village.whatsapp',
			'village.location_confirmed as locationConfirmed',
			'village.ovop_since as ovopSince'
		])
		.select(locale === 'en' ? 'village.story_en as story' : 'village.story_id as story')
		.where('village.slug', '=', slug)
		.executeTakeFirst();
}
