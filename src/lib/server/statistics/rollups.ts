// Visitor statistics for the tourism office, the hosts and the public open-data page.
//
// Definitions (DESIGN.md invariant 8), kept apart and never added into one another:
// - visitors: people who came = checked-in people of confirmed bookings (sum of
//   booking_line.checked_in_quantity) plus walk-ins (adults + children + infants);
// - bookings: counted by the month of the visit, split by what became of them
//   (cancelled by the tourist, by the host, declined or expired, no-show, checked in);
// - revenue: checked-in quantity × unit price of each booking line (walk-ins pay on the spot
//   and are not recorded in rupiah);
// - occupancy: seats taken over seats offered in slots that were not cancelled.
// Months are the Jakarta local date of the visit: slot.local_date and walk_in.visit_date.
// Domestic (wisatawan nusantara) = origin country ID; foreign (wisatawan mancanegara) = any other.
//
// The numbers come from the monthly rollups that triggers keep (stats_booking_month,
// stats_walk_in_month) and from the slots; the views put them together.
import { sql, type RawBuilder } from 'kysely';
import type { Locale } from '$lib/paraglide/runtime';
import { addMonths } from '../../dates';
import { getDb } from '../db';

/** Which villages a reader may see: every village (office, public) or a host's own. */
export type Scope = 'all' | readonly string[];

// ---- Measures -------------------------------------------------------------------------------

export interface Visitors {
	domestic: number;
	foreign: number;
	adults: number;
	children: number;
	infants: number;
	booked: number;
	walkIn: number;
	total: number;
	revenueIdr: number;
}

export interface BookingFlow {
	/** Bookings whose visit falls in the period, whatever became of them. */
	bookings: number;
	peopleBooked: number;
	pending: number;
	checkedIn: number;
	noShows: number;
	cancelledByTourist: number;
	cancelledByHost: number;
	declinedOrExpired: number;
}

export const noVisitors: Visitors = {
	domestic: 0,
	foreign: 0,
	adults: 0,
	children: 0,
	infants: 0,
	booked: 0,
	walkIn: 0,
	total: 0,
	revenueIdr: 0
};

export const noBookings: BookingFlow = {
	bookings: 0,
	peopleBooked: 0,
	pending: 0,
	checkedIn: 0,
	noShows: 0,
	cancelledByTourist: 0,
	cancelledByHost: 0,
	declinedOrExpired: 0
};

export function addVisitors(a: Visitors, b: Visitors): Visitors {
	const sum = { ...a };
	for (const key of Object.keys(sum) as (keyof Visitors)[]) sum[key] += b[key];
	return sum;
}

export function addBookings(a: BookingFlow, b: BookingFlow): BookingFlow {
	const sum = { ...a };
	for (const key of Object.keys(sum) as (keyof BookingFlow)[]) sum[key] += b[key];
	return sum;
}

// ---- Queries --------------------------------------------------------------------------------

type Dimension = 'month' | 'village' | 'package' | 'origin';

const dimensionColumns: Record<Dimension, string[]> = {
	month: ['month'],
	village: ['village_code'],
	package: ['package_id'],
	origin: ['origin_country', 'origin_province']
};

function keysOf(raw: Record<string, unknown>): Keys {
	const keys: Keys = {};
	if ('month' in raw) keys.month = String(raw.month);
	if ('village_code' in raw) keys.village_code = String(raw.village_code);
	if ('package_id' in raw) keys.package_id = raw.package_id == null ? null : Number(raw.package_id);
	if ('origin_country' in raw) keys.origin_country = String(raw.origin_country);
	if ('origin_province' in raw)
		keys.origin_province = raw.origin_province == null ? null : String(raw.origin_province);
	return keys;
}

function firstDay(month: string): string {
	return `${month}-01`;
}

function villageFilter(column: string, scope: Scope): RawBuilder<unknown> {
	if (scope === 'all') return sql``;
	if (scope.length === 0) return sql` AND false`;
	return sql` AND ${sql.ref(column)} IN (${sql.join(scope)})`;
}

function keyList(dimensions: Dimension[]): RawBuilder<unknown> {
	return sql.join(dimensions.flatMap((d) => dimensionColumns[d]).map((c) => sql.ref(c)));
}

/** The grouping columns as selected: months come out as 'YYYY-MM'. */
function keySelect(dimensions: Dimension[]): RawBuilder<unknown> {
	return sql.join(
		dimensions
			.flatMap((d) => dimensionColumns[d])
			.map((c) => (c === 'month' ? sql`to_char(month, 'YYYY-MM') AS month` : sql.ref(c)))
	);
}

/** The grouping columns a query returned; only those of its dimensions are present. */
interface Keys {
	month?: string;
	village_code?: string;
	package_id?: number | null;
	origin_country?: string;
	origin_province?: string | null;
}

/**
 * Folds the rows that the booking and walk-in triggers appended since the last fold into one row
 * per key (see migrations 2026_11_27_123000 and 2026_11_27_125000): one statement per rollup,
 * so a concurrent fold or write never loses or doubles a number, and cheap when nothing changed.
 */
export async function foldRollup(): Promise<void> {
	const db = getDb();
	await sql`
		WITH fresh_key AS (
			SELECT DISTINCT month, village_code, package_id, origin_country, origin_province
			FROM stats_booking_month WHERE fresh
		), gone AS (
			DELETE FROM stats_booking_month t USING fresh_key k
			WHERE t.month = k.month AND t.village_code = k.village_code
				AND t.package_id = k.package_id AND t.origin_country = k.origin_country
				AND t.origin_province = k.origin_province
			RETURNING t.*
		)
		INSERT INTO stats_booking_month (month, village_code, package_id, origin_country,
			origin_province, adults, children, infants, revenue_idr, bookings, people_booked, pending,
			checked_in, no_shows, cancelled_by_tourist, cancelled_by_host, declined_or_expired, fresh)
		SELECT month, village_code, package_id, origin_country, origin_province, sum(adults),
			sum(children), sum(infants), sum(revenue_idr), sum(bookings), sum(people_booked),
			sum(pending), sum(checked_in), sum(no_shows), sum(cancelled_by_tourist),
			sum(cancelled_by_host), sum(declined_or_expired), false
		FROM gone
		GROUP BY month, village_code, package_id, origin_country, origin_province`.execute(db);
	await sql`
		WITH fresh_key AS (
			SELECT DISTINCT month, village_code, package_id, origin_country, origin_province
			FROM stats_walk_in_month WHERE fresh
		), gone AS (
			DELETE FROM stats_walk_in_month t USING fresh_key k
			WHERE t.month = k.month AND t.village_code = k.village_code
				AND t.package_id = k.package_id AND t.origin_country = k.origin_country
				AND t.origin_province = k.origin_province
			RETURNING t.*
		)
		INSERT INTO stats_walk_in_month (month, village_code, package_id, origin_country,
			origin_province, adults, children, infants, fresh)
		SELECT month, village_code, package_id, origin_country, origin_province, sum(adults),
			sum(children), sum(infants), false
		FROM gone
		GROUP BY month, village_code, package_id, origin_country, origin_province`.execute(db);
}

/**
 * People who came, grouped by the given dimensions: the booked side from the monthly rollup of
 * checked-in booking lines, the walk-ins from theirs; the rows meet in one GROUP BY. Rows not
 * folded yet are summed like the others, so the numbers are exact without a fold.
 */
export async function queryVisitors(
	scope: Scope,
	from: string,
	to: string,
	dimensions: Dimension[]
): Promise<(Keys & Visitors)[]> {
	const start = firstDay(from);
	const end = firstDay(addMonths(to, 1));
	const keys = keyList(dimensions);
	const result = await sql<Record<string, unknown>>`
		SELECT ${keySelect(dimensions)},
			sum(adults)::bigint AS adults,
			sum(children)::bigint AS children,
			sum(infants)::bigint AS infants,
			(sum(adults + children + infants) FILTER (WHERE origin_country = 'ID'))::bigint AS domestic,
			(sum(adults + children + infants) FILTER (WHERE origin_country <> 'ID'))::bigint AS foreign,
			(sum(adults + children + infants) FILTER (WHERE walk_in = 0))::bigint AS booked,
			(sum(adults + children + infants) FILTER (WHERE walk_in = 1))::bigint AS walk_in,
			sum(adults + children + infants)::bigint AS total,
			sum(revenue)::bigint AS revenue_idr
		FROM (
			SELECT r.month, r.village_code, r.package_id,
				r.origin_country, nullif(r.origin_province, '') AS origin_province, 0 AS walk_in,
				r.adults, r.children, r.infants, r.revenue_idr AS revenue
			FROM stats_booking_month r
			WHERE r.month >= ${start}::date AND r.month < ${end}::date
				AND r.adults + r.children + r.infants + r.revenue_idr <> 0
				${villageFilter('r.village_code', scope)}
			UNION ALL
			SELECT w.month, w.village_code, nullif(w.package_id, 0),
				w.origin_country, nullif(w.origin_province, ''), 1, w.adults, w.children, w.infants, 0
			FROM stats_walk_in_month w
			WHERE w.month >= ${start}::date AND w.month < ${end}::date
				AND w.adults + w.children + w.infants <> 0
				${villageFilter('w.village_code', scope)}
		) AS came
		GROUP BY ${keys}`.execute(getDb());
	return result.rows.map((raw) => {
		const visitors: Visitors = {
			adults: Number(raw.adults ?? 0),
			children: Number(raw.children ?? 0),
			infants: Number(raw.infants ?? 0),
			domestic: Number(raw.domestic ?? 0),
			foreign: Number(raw.foreign ?? 0),
			booked: Number(raw.booked ?? 0),
			walkIn: Number(raw.walk_in ?? 0),
			total: Number(raw.total ?? 0),
			revenueIdr: Number(raw.revenue_idr ?? 0)
		};
		return { ...keysOf(raw), ...visitors };
	});
}

/** Bookings by the month of their visit and what became of them. */
export async function queryBookings(
	scope: Scope,
	from: string,
	to: string,
	dimensions: ('month' | 'village' | 'package')[]
): Promise<(Keys & BookingFlow)[]> {
	const start = firstDay(from);
	const end = firstDay(addMonths(to, 1));
	const keys = keyList(dimensions);
	const result = await sql<Record<string, unknown>>`
		SELECT ${keySelect(dimensions)},
			sum(bookings)::bigint AS bookings,
			sum(people_booked)::bigint AS people_booked,
			sum(pending)::bigint AS pending,
			sum(checked_in)::bigint AS checked_in,
			sum(no_shows)::bigint AS no_shows,
			sum(cancelled_by_tourist)::bigint AS cancelled_by_tourist,
			sum(cancelled_by_host)::bigint AS cancelled_by_host,
			sum(declined_or_expired)::bigint AS declined_or_expired
		FROM (
			SELECT r.month, r.village_code, r.package_id, r.bookings,
				r.people_booked, r.pending, r.checked_in, r.no_shows, r.cancelled_by_tourist,
				r.cancelled_by_host, r.declined_or_expired
			FROM stats_booking_month r
			WHERE r.month >= ${start}::date AND r.month < ${end}::date
				AND r.bookings <> 0
				${villageFilter('r.village_code', scope)}
		) AS made
		GROUP BY ${keys}`.execute(getDb());
	return result.rows.map((raw) => ({
		...keysOf(raw),
		bookings: Number(raw.bookings),
		peopleBooked: Number(raw.people_booked ?? 0),
		pending: Number(raw.pending),
		checkedIn: Number(raw.checked_in),
		noShows: Number(raw.no_shows),
		cancelledByTourist: Number(raw.cancelled_by_tourist),
		cancelledByHost: Number(raw.cancelled_by_host),
		declinedOrExpired: Number(raw.declined_or_expired)
	}));
}

export interface Occupancy {
	seatsOffered: number;
	seatsTaken: number;
	/** Percentage of the seats offered that were taken; null when none were offered. */
	percent: number | null;
}

export function computeOccupancy(offered: number, taken: number): Occupancy {
	return {
		seatsOffered: offered,
		seatsTaken: taken,
		percent: offered === 0 ? null : Math.round((taken / offered) * 1000) / 10
	};
}

export async function queryOccupancy(scope: Scope, from: string, to: string) {
	const start = firstDay(from);
	const end = firstDay(addMonths(to, 1));
	const result = await sql<{ month: string; package_id: number; offered: number; taken: number }>`
		SELECT to_char(s.local_date, 'YYYY-MM') AS month, s.package_id,
			sum(s.capacity)::bigint AS offered, sum(s.seats_taken)::bigint AS taken
		FROM slot s
		JOIN tour_package p ON p.id = s.package_id
		WHERE s.local_date >= ${start}::date AND s.local_date < ${end}::date
			AND s.status <> 'cancelled'
			${villageFilter('p.village_code', scope)}
		GROUP BY 1, 2`.execute(getDb());
	return result.rows;
}

// ---- Names ----------------------------------------------------------------------------------

export interface VillageInfo {
	code: string;
	name: string;
	districtCode: string;
	districtName: string;
	lat: number;
	lng: number;
	ovop: boolean;
}

/** The villages in scope with their kecamatan, ordered by kecamatan then name. */
export async function listVillages(scope: Scope): Promise<VillageInfo[]> {
	let query = getDb()
		.selectFrom('village')
		.innerJoin('district', 'district.code', 'village.district_code')
		.select([
			'village.code',
			'village.name',
			'village.district_code as districtCode',
			'district.name as districtName',
			'village.lat',
			'village.lng',
			'village.ovop'
		]);
	if (scope !== 'all') {
		if (scope.length === 0) return [];
		query = query.where('village.code', 'in', scope);
	}
	return query.orderBy('district.name').orderBy('village.name').execute();
}

/** Unknown village codes among those asked for. */
export async function findUnknownVillages(codes: string[]): Promise<string[]> {
	if (codes.length === 0) return [];
	const known = await getDb()
		.selectFrom('village')
		.select('code')
		.where('code', 'in', codes)
		.execute();
	const knownCodes = new Set(known.map((row) => row.code));
	return codes.filter((code) => !knownCodes.has(code));
}

export async function readPackageNames(scope: Scope, locale: Locale) {
	let query = getDb()
		.selectFrom('tour_package')
		.select(['id', 'village_code', locale === 'en' ? 'title_en as title' : 'title_id as title']);
	if (scope !== 'all') {
		if (scope.length === 0) return new Map<number, { title: string; villageCode: string }>();
		query = query.where('village_code', 'in', scope);
	}
	const rows = await query.execute();
	return new Map(rows.map((row) => [row.id, { title: row.title, villageCode: row.village_code }]));
}
