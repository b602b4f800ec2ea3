import { sql } from 'kysely';
import { getDb } from '../db';
import { buildPhotoUrl, type Photo } from '../photos';
import { isSlug } from '../slug';
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

/** A village as the home page's list and map show it: nothing more goes into the page. */
export interface ListedVillage {
	slug: string;
	name: string;
	type: 'desa' | 'kelurahan';
	districtName: string;
	lat: number;
	lng: number;
	ovop: boolean;
	product: string | null;
}

export interface Browse {
	villages: ListedVillage[];
	districts: { code: string; name: string }[];
	products: ProductOption[];
	/** The filters applied: known values only. */
	filters: { district: string; product: string; ovopOnly: boolean };
	unknownDistrict: boolean;
	unknownProduct: boolean;
}

interface BrowseRow {
	districts: { code: string; name: string }[];
	products: { id: string | null; en: string | null }[];
	villages: (Omit<ListedVillage, 'product'> & {
		districtCode: string;
		productId: string | null;
		productEn: string | null;
	})[];
}

/**
 * The home page in one round trip: the districts and products of the filters and every
 * village, filtered here (71 rows, the same ones the unfiltered page lists). The order and the
 * filters are those of `list` and `listProducts`. Unknown filter values are ignored and
 * reported, never an error.
 */
export async function browse(
	locale: Locale,
	requested: { district: string; product: string; ovopOnly: boolean }
): Promise<Browse> {
	const { rows } = await sql<BrowseRow>`
		SELECT
			(SELECT coalesce(json_agg(json_build_object('code', code, 'name', name) ORDER BY name), '[]')
				FROM district) AS districts,
			(SELECT coalesce(json_agg(json_build_object('id', ovop_product_id, 'en', ovop_product_en)
					ORDER BY ovop_product_id), '[]')
				FROM (SELECT DISTINCT ovop_product_id, ovop_product_en FROM village WHERE ovop) AS p
			) AS products,
			(SELECT coalesce(json_agg(json_build_object(
					'slug', v.slug, 'name', v.name, 'type', v.type, 'districtCode', v.district_code,
					'districtName', d.name, 'lat', v.lat, 'lng', v.lng, 'ovop', v.ovop,
					'productId', v.ovop_product_id, 'productEn', v.ovop_product_en
				) ORDER BY v.ovop DESC, v.name, v.code), '[]')
				FROM village v JOIN district d ON d.code = v.district_code) AS villages`.execute(getDb());
	const [row] = rows;
	const en = locale === 'en';
	const products = row.products.map((p) => ({
		key: (p.id ?? '').toLowerCase(),
		label: (en ? p.en : p.id) ?? ''
	}));
	const wantedProduct = requested.product.toLowerCase();
	const district = row.districts.some((d) => d.code === requested.district)
		? requested.district
		: '';
	const product = products.some((p) => p.key === wantedProduct) ? wantedProduct : '';
	const ovopOnly = requested.ovopOnly || product !== '';
	const villages: ListedVillage[] = [];
	for (const v of row.villages) {
		if (district && v.districtCode !== district) continue;
		if (ovopOnly && !v.ovop) continue;
		if (
			product &&
			v.productId?.toLowerCase() !== product &&
			v.productEn?.toLowerCase() !== product
		) {
			continue;
		}
		villages.push({
			slug: v.slug,
			name: v.name,
			type: v.type,
			districtName: v.districtName,
			lat: v.lat,
			lng: v.lng,
			ovop: v.ovop,
			product: en ? v.productEn : v.productId
		});
	}
	return {
		villages,
		districts: row.districts,
		products,
		filters: { district, product, ovopOnly: requested.ovopOnly },
		unknownDistrict: requested.district !== '' && district === '',
		unknownProduct: wantedProduct !== '' && product === ''
	};
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

/** A village page as the page shows it: the codes stay on the server. */
export type VillagePageVillage = Omit<VillageDetail, 'code' | 'districtCode'>;

export interface VillagePage {
	village: VillagePageVillage;
	/** Published packages by title, each from its cheapest paid category ("from Rp 20.000"). */
	packages: { slug: string; title: string; fromIdr: number | null }[];
	/** The village's own photos (not those of its packages), in order. */
	photos: Photo[];
}

interface VillagePageRow extends VillagePageVillage {
	packages: VillagePage['packages'];
	photos: (Omit<Photo, 'url'> & { fileName: string })[];
}

/**
 * A village page in one round trip: the village, its published packages with their lowest
 * paid price, and its photos. Undefined when there is no village by that slug.
 */
export async function pageBySlug(locale: Locale, slug: string): Promise<VillagePage | undefined> {
	if (!isSlug(slug)) return undefined;
	const en = locale === 'en';
	const product = sql.ref(en ? 'v.ovop_product_en' : 'v.ovop_product_id');
	const story = sql.ref(en ? 'v.story_en' : 'v.story_id');
	const title = sql.ref(en ? 'p.title_en' : 'p.title_id');
	const { rows } = await sql<VillagePageRow>`
		SELECT v.slug, v.name, v.type, d.name AS "districtName", v.lat, v.lng, v.ovop,
			${product} AS product, ${story} AS story, v.whatsapp,
			v.location_confirmed AS "locationConfirmed", v.ovop_since AS "ovopSince",
			(SELECT coalesce(json_agg(json_build_object(
					'slug', p.slug, 'title', ${title},
					'fromIdr', (SELECT min(c.price_idr) FROM price_category c
						WHERE c.package_id = p.id AND c.active AND c.price_idr > 0)
				) ORDER BY ${title}, p.id), '[]')
				FROM tour_package p WHERE p.village_code = v.code AND p.status = 'published'
			) AS packages,
			(SELECT coalesce(json_agg(json_build_object(
					'id', f.id, 'fileName', f.file_name, 'width', f.width, 'height', f.height,
					'altId', f.alt_id, 'altEn', f.alt_en
				) ORDER BY f.sort_order, f.id), '[]')
				FROM photo f WHERE f.village_code = v.code AND f.package_id IS NULL
					AND f.product_id IS NULL
			) AS photos
		FROM village v JOIN district d ON d.code = v.district_code
		WHERE v.slug = ${slug}`.execute(getDb());
	if (rows.length === 0) return undefined;
	const { packages, photos, ...village } = rows[0];
	return {
		village,
		packages,
		photos: photos.map(({ fileName, ...photo }) => ({ ...photo, url: buildPhotoUrl(fileName) }))
	};
}

/** A village's name by its code; undefined for an unknown code, which the caller answers. */
export async function findVillageName(villageCode: string): Promise<string | undefined> {
	const row = await getDb()
		.selectFrom('village')
		.select('name')
		.where('code', '=', villageCode)
		.executeTakeFirst();
	return row?.name;
}
