// Tour packages as the public sees them: only published ones, in the reader's language.
import { getDb } from './db';
import { isSlug } from './slug';
import type { AgeGroup, BookingMode } from './db/schema';
import type { Locale } from '$lib/paraglide/runtime';

export interface PriceCategory {
	id: number;
	code: string;
	label: string;
	priceIdr: number;
	takesSeat: boolean;
	ageGroup: AgeGroup;
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
			'age_group as ageGroup'
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

/** A published package's page, or undefined when there is none by that slug. */
export async function findPublishedBySlug(
	locale: Locale,
	slug: string
): Promise<PackageDetail | undefined> {
	if (!isSlug(slug)) return undefined;
	const en = locale === 'en';
	const row = await getDb()
		.selectFrom('tour_package as p')
		.innerJoin('village as v', 'v.code', 'p.village_code')
		.select([
			'p.id',
			'p.slug',
			'p.meeting_lat',
			'p.meeting_lng',
			'p.duration_minutes',
			'p.min_party',
			'p.max_party',
			'p.season_months',
			'p.cutoff_hours',
			'p.cancel_hours',
			'p.booking_mode',
			'p.response_hours',
			'v.code as village_code',
			'v.slug as village_slug',
			'v.name as village_name',
			'v.whatsapp as village_whatsapp',
			'v.ovop as village_ovop',
			'v.lat as village_lat',
			'v.lng as village_lng'
		])
		.select([
			en ? 'p.title_en as title' : 'p.title_id as title',
			en ? 'p.description_en as description' : 'p.description_id as description',
			en ? 'p.included_en as included' : 'p.included_id as included',
			en ? 'p.meeting_point_en as meeting_point' : 'p.meeting_point_id as meeting_point'
		])
		.where('p.slug', '=', slug)
		.where('p.status', '=', 'published')
		.executeTakeFirst();
	if (!row) return undefined;
	const categories = await categoriesOf(locale, [row.id]);
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
		categories: categories.get(row.id) ?? []
	};
}
