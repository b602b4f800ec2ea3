// Tour packages as the public sees them: only published ones, in the reader's language.
import { sql } from 'kysely';
import { getDb } from '../db';
import { buildPhotoUrl, type Photo } from '../photos';
import { readOverrides, type SeasonOverrides } from '../seasons';
import { isSlug } from '../slug';
import type { AgeGroup, BookingMode, OriginRule } from '../db/schema';
import type { Locale } from '$lib/paraglide/runtime';

export interface PriceCategory {
	id: number;
	code: string;
	label: string;
	priceIdr: number;
	takesSeat: boolean;
	ageGroup: AgeGroup;
	/** Whom the price is for, by the origin a booking gives. */
	originRule: OriginRule;
}

export interface PackageSummary {
	id: number;
	slug: string;
	villageCode: string;
	title: string;
	durationMinutes: number;
	minParty: number;
	maxParty: number;
	categories: PriceCategory[];
}

export interface PackageDetail extends Omit<PackageSummary, 'villageCode'> {
	village: { code: string; slug: string; name: string; whatsapp: string | null; ovop: boolean };
	description: string;
	included: string;
	meetingPoint: string;
	meetingLat: number;
	meetingLng: number;
	/** No meeting point was pinned: the coordinates are the village marker. */
	meetingIsVillageMarker: boolean;
	seasonMonths: number[];
	cutoffHours: number;
	cancelHours: number;
	bookingMode: BookingMode;
	responseHours: number;
}

/** Active price categories of the packages, by package, in their sort order. */
async function categoriesOf(locale: Locale, packageIds: number[]) {
	const byPackage = new Map<number, PriceCategory[]>();
	if (packageIds.length === 0) return byPackage;
	const rows = await getDb()
		.selectFrom('price_category')
		.select([
			'package_id',
			'id',
			'code',
			'price_idr as priceIdr',
			'takes_seat as takesSeat',
			'age_group as ageGroup',
			'origin_rule as originRule'
		])
		.select(locale === 'en' ? 'label_en as label' : 'label_id as label')
		.where('package_id', 'in', packageIds)
		.where('active', '=', true)
		.orderBy('package_id')
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	for (const { package_id, ...category } of rows) {
		byPackage.set(package_id, [...(byPackage.get(package_id) ?? []), category]);
	}
	return byPackage;
}

/** Published packages, of one village when `villageCode` is given, by title. */
export async function listPublished(
	locale: Locale,
	villageCode?: string
): Promise<PackageSummary[]> {
	let query = getDb()
		.selectFrom('tour_package')
		.select([
			'id',
			'slug',
			'village_code as villageCode',
			'duration_minutes as durationMinutes',
			'min_party as minParty',
			'max_party as maxParty'
		])
		.select(locale === 'en' ? 'title_en as title' : 'title_id as title')
		.where('status', '=', 'published');
	if (villageCode !== undefined) query = query.where('village_code', '=', villageCode);
	const rows = await query
		.orderBy('village_code')
		.orderBy(locale === 'en' ? 'title_en' : 'title_id')
		.execute();
	const categories = await categoriesOf(
		locale,
		rows.map((row) => row.id)
	);
	return rows.map((row) => ({ ...row, categories: categories.get(row.id) ?? [] }));
}

interface PublishedRow {
	id: number;
	slug: string;
	title: string;
	description: string;
	included: string;
	meeting_point: string;
	meeting_lat: number | string | null;
	meeting_lng: number | string | null;
	duration_minutes: number;
	min_party: number;
	max_party: number;
	season_months: (number | string)[];
	season_overrides: unknown;
	cutoff_hours: number;
	cancel_hours: number;
	booking_mode: BookingMode;
	response_hours: number;
	village_code: string;
	village_slug: string;
	village_name: string;
	village_whatsapp: string | null;
	village_ovop: boolean;
	village_lat: number;
	village_lng: number;
	categories: PriceCategory[];
	photos?: (Omit<Photo, 'url'> & { fileName: string })[];
}

/**
 * The published package by that slug with its village and active price categories, and with
 * its photos when asked: one round trip.
 */
async function findPublished(locale: Locale, slug: string, withPhotos: boolean) {
	if (!isSlug(slug)) return undefined;
	const column = (name: string) => sql.ref(locale === 'en' ? `${name}_en` : `${name}_id`);
	const photos = withPhotos
		? sql`, (SELECT coalesce(json_agg(json_build_object(
					'id', f.id, 'fileName', f.file_name, 'width', f.width, 'height', f.height,
					'altId', f.alt_id, 'altEn', f.alt_en
				) ORDER BY f.sort_order, f.id), '[]')
				FROM photo f WHERE f.package_id = p.id) AS photos`
		: sql``;
	const { rows } = await sql<PublishedRow>`
		SELECT p.id, p.slug, ${column('p.title')} AS title,
			${column('p.description')} AS description, ${column('p.included')} AS included,
			${column('p.meeting_point')} AS meeting_point, p.meeting_lat, p.meeting_lng,
			p.duration_minutes, p.min_party, p.max_party, p.season_months, p.season_overrides,
			p.cutoff_hours, p.cancel_hours, p.booking_mode, p.response_hours,
			v.code AS village_code, v.slug AS village_slug, v.name AS village_name,
			v.whatsapp AS village_whatsapp, v.ovop AS village_ovop, v.lat AS village_lat,
			v.lng AS village_lng,
			(SELECT coalesce(json_agg(json_build_object(
					'id', c.id, 'code', c.code, 'label', ${column('c.label')},
					'priceIdr', c.price_idr, 'takesSeat', c.takes_seat, 'ageGroup', c.age_group,
					'originRule', c.origin_rule
				) ORDER BY c.sort_order, c.id), '[]')
				FROM price_category c WHERE c.package_id = p.id AND c.active) AS categories
			${photos}
		FROM tour_package p JOIN village v ON v.code = p.village_code
		WHERE p.slug = ${slug} AND p.status = 'published'`.execute(getDb());
	return rows[0];
}

function asDetail(row: PublishedRow): PackageDetail {
	const pinned = row.meeting_lat !== null && row.meeting_lng !== null;
	return {
		id: row.id,
		slug: row.slug,
		title: row.title,
		description: row.description,
		included: row.included,
		meetingPoint: row.meeting_point,
		meetingLat: pinned ? Number(row.meeting_lat) : row.village_lat,
		meetingLng: pinned ? Number(row.meeting_lng) : row.village_lng,
		meetingIsVillageMarker: !pinned,
		durationMinutes: row.duration_minutes,
		minParty: row.min_party,
		maxParty: row.max_party,
		seasonMonths: row.season_months.map(Number),
		cutoffHours: row.cutoff_hours,
		cancelHours: row.cancel_hours,
		bookingMode: row.booking_mode,
		responseHours: row.response_hours,
		village: {
			code: row.village_code,
			slug: row.village_slug,
			name: row.village_name,
			whatsapp: row.village_whatsapp,
			ovop: row.village_ovop
		},
		categories: row.categories
	};
}

/** A published package's page, or undefined when there is none by that slug. */
export async function findPublishedBySlug(
	locale: Locale,
	slug: string
): Promise<PackageDetail | undefined> {
	const row = await findPublished(locale, slug, false);
	return row && asDetail(row);
}

/**
 * The package page: the package as findPublishedBySlug reads it, its photos in order, and the
 * months a host opened or closed against its usual season (for the page's season notice; they
 * stay out of `pkg`, which the page sends to the browser).
 */
export async function pageBySlug(
	locale: Locale,
	slug: string
): Promise<{ pkg: PackageDetail; photos: Photo[]; seasonOverrides: SeasonOverrides } | undefined> {
	const row = await findPublished(locale, slug, true);
	if (!row) return undefined;
	return {
		pkg: asDetail(row),
		seasonOverrides: readOverrides(row.season_overrides),
		photos: (row.photos ?? []).map(({ fileName, ...photo }) => ({
			...photo,
			url: buildPhotoUrl(fileName)
		}))
	};
}
