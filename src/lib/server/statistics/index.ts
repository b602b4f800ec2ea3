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
import { sql, type RawBuilder } from 'kysely';
import { toCsv } from '../csv';
import type { Locale } from '$lib/paraglide/runtime';
import { addMonths, monthsBetween, parseMonth } from '../../dates';
import { getDb } from '../db';
import { countryName as nameOfCountry, provinceName } from '../origin';

/** Which villages a reader may see: every village (office, public) or a host's own. */
export type Scope = 'all' | readonly string[];

export const MAX_RANGE_MONTHS = 36;

const countryNames = new Map<string, string>();

/** Country names are asked for once per row of a long export; building them is not cheap. */
function countryName(code: string, locale: Locale): string {
	const key = `${locale} ${code}`;
	let name = countryNames.get(key);
	if (name === undefined) {
		name = nameOfCountry(code, locale);
		countryNames.set(key, name);
	}
	return name;
}

// ---- Months ---------------------------------------------------------------------------------

export type RangeProblem = 'format' | 'order' | 'span';

export type RangeCheck =
	| { ok: true; from: string; to: string }
	| { ok: false; problems: Partial<Record<'from' | 'to', RangeProblem>> };

/** A range of whole months, at most MAX_RANGE_MONTHS long, with `from` not after `to`. */
export function checkRange(fromInput: string | null, toInput: string | null): RangeCheck {
	const from = parseMonth(fromInput);
	const to = parseMonth(toInput);
	const problems: Partial<Record<'from' | 'to', RangeProblem>> = {};
	if (!from) problems.from = 'format';
	if (!to) problems.to = 'format';
	if (from && to) {
		if (from > to) problems.from = 'order';
		else if (monthsBetween(from, to).length > MAX_RANGE_MONTHS) problems.from = 'span';
	}
	return from && to && !problems.from && !problems.to
		? { ok: true, from, to }
		: { ok: false, problems };
}

export interface Change {
	diff: number;
	/** Percentage change; null when the base is 0 (shown as "—"). */
	percent: number | null;
}

export function change(current: number, base: number): Change {
	return {
		diff: current - base,
		percent: base === 0 ? null : Math.round(((current - base) / base) * 1000) / 10
	};
}

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
async function queryVisitors(
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
async function queryBookings(
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

function occupancyOf(offered: number, taken: number): Occupancy {
	return {
		seatsOffered: offered,
		seatsTaken: taken,
		percent: offered === 0 ? null : Math.round((taken / offered) * 1000) / 10
	};
}

async function queryOccupancy(scope: Scope, from: string, to: string) {
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
export async function villagesIn(scope: Scope): Promise<VillageInfo[]> {
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
export async function unknownVillages(codes: string[]): Promise<string[]> {
	if (codes.length === 0) return [];
	const known = await getDb()
		.selectFrom('village')
		.select('code')
		.where('code', 'in', codes)
		.execute();
	const knownCodes = new Set(known.map((row) => row.code));
	return codes.filter((code) => !knownCodes.has(code));
}

async function packageNames(scope: Scope, locale: Locale) {
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

// ---- Views ----------------------------------------------------------------------------------

export interface MonthRow {
	month: string;
	visitors: Visitors;
	bookings: BookingFlow;
}

export interface VillageRow extends VillageInfo {
	visitors: Visitors;
	bookings: BookingFlow;
}

export interface DistrictRow {
	districtCode: string;
	districtName: string;
	villages: number;
	visitors: Visitors;
	bookings: BookingFlow;
}

export interface PackageRow {
	packageId: number;
	title: string;
	villageCode: string;
	villageName: string;
	visitors: Visitors;
	bookings: BookingFlow;
	occupancy: Occupancy;
}

export interface OriginRow {
	/** Province code for domestic visitors, country code for foreign ones. */
	code: string;
	name: string;
	visitors: Visitors;
}

export interface Comparison {
	measure: ComparedMeasure;
	current: number;
	previous: number;
	yearAgo: number;
	vsPrevious: Change;
	vsYearAgo: Change;
}

export const comparedMeasures = [
	'visitors',
	'domestic',
	'foreign',
	'booked',
	'walkIn',
	'revenueIdr',
	'bookings',
	'cancelledByTourist',
	'cancelledByHost',
	'declinedOrExpired',
	'noShows'
] as const;
export type ComparedMeasure = (typeof comparedMeasures)[number];

function measureOf(row: MonthRow, measure: ComparedMeasure): number {
	if (measure === 'visitors') return row.visitors.total;
	if (measure in row.visitors) return row.visitors[measure as keyof Visitors];
	return row.bookings[measure as keyof BookingFlow];
}

/** A month against the month before and the same month a year earlier. */
export function compareMonths(series: MonthRow[], month: string): Comparison[] {
	const find = (m: string): MonthRow =>
		series.find((row) => row.month === m) ?? {
			month: m,
			visitors: noVisitors,
			bookings: noBookings
		};
	const current = find(month);
	const previous = find(addMonths(month, -1));
	const yearAgo = find(addMonths(month, -12));
	return comparedMeasures.map((measure) => {
		const now = measureOf(current, measure);
		const before = measureOf(previous, measure);
		const lastYear = measureOf(yearAgo, measure);
		return {
			measure,
			current: now,
			previous: before,
			yearAgo: lastYear,
			vsPrevious: change(now, before),
			vsYearAgo: change(now, lastYear)
		};
	});
}

/** Villages summed into their kecamatan (exact: every visitor belongs to one village). */
export function sumByDistrict(rows: VillageRow[]): DistrictRow[] {
	const districts = new Map<string, DistrictRow>();
	for (const row of rows) {
		const district = districts.get(row.districtCode) ?? {
			districtCode: row.districtCode,
			districtName: row.districtName,
			villages: 0,
			visitors: noVisitors,
			bookings: noBookings
		};
		district.villages += 1;
		district.visitors = addVisitors(district.visitors, row.visitors);
		district.bookings = addBookings(district.bookings, row.bookings);
		districts.set(row.districtCode, district);
	}
	return [...districts.values()].sort((a, b) => a.districtName.localeCompare(b.districtName));
}

/** Every month of the range, zero where nothing happened. */
export async function monthSeries(scope: Scope, from: string, to: string): Promise<MonthRow[]> {
	const [visitors, bookings] = await Promise.all([
		queryVisitors(scope, from, to, ['month']),
		queryBookings(scope, from, to, ['month'])
	]);
	return monthsBetween(from, to).map((month) => ({
		month,
		visitors: visitors.find((row) => row.month === month) ?? noVisitors,
		bookings: bookings.find((row) => row.month === month) ?? noBookings
	}));
}

function pickVisitors(row: Visitors): Visitors {
	const { domestic, foreign, adults, children, infants, booked, walkIn, total, revenueIdr } = row;
	return { domestic, foreign, adults, children, infants, booked, walkIn, total, revenueIdr };
}

function pickBookings(row: BookingFlow): BookingFlow {
	const { bookings, peopleBooked, pending, checkedIn, noShows } = row;
	const { cancelledByTourist, cancelledByHost, declinedOrExpired } = row;
	return {
		bookings,
		peopleBooked,
		pending,
		checkedIn,
		noShows,
		cancelledByTourist,
		cancelledByHost,
		declinedOrExpired
	};
}

/** Every village in scope over a range of months, zero rows included (a BPS table lists all). */
export async function villageMonths(
	scope: Scope,
	from: string,
	to: string
): Promise<(VillageRow & { month: string })[]> {
	const [villages, visitors, bookings] = await Promise.all([
		villagesIn(scope),
		queryVisitors(scope, from, to, ['month', 'village']),
		queryBookings(scope, from, to, ['month', 'village'])
	]);
	const key = (month: string, village: string) => `${month} ${village}`;
	const visitorsBy = new Map(visitors.map((row) => [key(row.month!, row.village_code!), row]));
	const bookingsBy = new Map(bookings.map((row) => [key(row.month!, row.village_code!), row]));
	return monthsBetween(from, to).flatMap((month) =>
		villages.map((village) => {
			const came = visitorsBy.get(key(month, village.code));
			const made = bookingsBy.get(key(month, village.code));
			return {
				month,
				...village,
				visitors: came ? pickVisitors(came) : noVisitors,
				bookings: made ? pickBookings(made) : noBookings
			};
		})
	);
}

/** Visitors by origin: domestic by province, foreign by country, most visitors first. */
export async function origins(
	scope: Scope,
	from: string,
	to: string,
	locale: Locale
): Promise<{ domestic: OriginRow[]; foreign: OriginRow[] }> {
	const rows = await queryVisitors(scope, from, to, ['origin']);
	const byTotal = (a: OriginRow, b: OriginRow) =>
		b.visitors.total - a.visitors.total || a.name.localeCompare(b.name);
	const domestic = rows
		.filter((row) => row.origin_country === 'ID')
		.map((row) => ({
			code: row.origin_province ?? '',
			name: provinceName(row.origin_province ?? null) ?? row.origin_province ?? '',
			visitors: pickVisitors(row)
		}))
		.sort(byTotal);
	const foreign = rows
		.filter((row) => row.origin_country !== 'ID')
		.map((row) => ({
			code: row.origin_country!,
			name: countryName(row.origin_country!, locale),
			visitors: pickVisitors(row)
		}))
		.sort(byTotal);
	return { domestic, foreign };
}

export interface OriginMonthRow {
	month: string;
	village: VillageInfo;
	kind: 'domestic' | 'foreign';
	code: string;
	name: string;
	visitors: Visitors;
}

/** The long format of the monthly table: one row per month, village and origin with visitors. */
export async function originMonths(
	scope: Scope,
	from: string,
	to: string,
	locale: Locale
): Promise<OriginMonthRow[]> {
	const [villages, rows] = await Promise.all([
		villagesIn(scope),
		queryVisitors(scope, from, to, ['month', 'village', 'origin'])
	]);
	const villageBy = new Map(villages.map((village) => [village.code, village]));
	const result: OriginMonthRow[] = rows.map((row) => {
		const domestic = row.origin_country === 'ID';
		const code = domestic ? (row.origin_province ?? '') : row.origin_country!;
		return {
			month: row.month!,
			village: villageBy.get(row.village_code!)!,
			kind: domestic ? 'domestic' : 'foreign',
			code,
			name: domestic ? (provinceName(code) ?? code) : countryName(code, locale),
			visitors: pickVisitors(row)
		};
	});
	const villageOrder = new Map(villages.map((village, i) => [village.code, i]));
	return result.sort(
		(a, b) =>
			a.month.localeCompare(b.month) ||
			villageOrder.get(a.village.code)! - villageOrder.get(b.village.code)! ||
			(a.kind === b.kind ? 0 : a.kind === 'domestic' ? -1 : 1) ||
			a.code.localeCompare(b.code)
	);
}

/** Packages with anything to show in the range: visitors, bookings or slots offered. */
export async function packagesIn(
	scope: Scope,
	from: string,
	to: string,
	locale: Locale
): Promise<PackageRow[]> {
	const [names, villages, visitors, bookings, occupancy] = await Promise.all([
		packageNames(scope, locale),
		villagesIn(scope),
		queryVisitors(scope, from, to, ['package']),
		queryBookings(scope, from, to, ['package']),
		queryOccupancy(scope, from, to)
	]);
	const villageName = new Map(villages.map((village) => [village.code, village.name]));
	const ids = new Set<number>();
	for (const row of [...visitors, ...bookings]) if (row.package_id != null) ids.add(row.package_id);
	for (const row of occupancy) ids.add(row.package_id);
	const seats = new Map<number, { offered: number; taken: number }>();
	for (const row of occupancy) {
		const sum = seats.get(row.package_id) ?? { offered: 0, taken: 0 };
		sum.offered += Number(row.offered);
		sum.taken += Number(row.taken);
		seats.set(row.package_id, sum);
	}
	return [...ids]
		.filter((id) => names.has(id))
		.map((id) => {
			const name = names.get(id)!;
			const came = visitors.find((row) => row.package_id === id);
			const made = bookings.find((row) => row.package_id === id);
			const seat = seats.get(id) ?? { offered: 0, taken: 0 };
			return {
				packageId: id,
				title: name.title,
				villageCode: name.villageCode,
				villageName: villageName.get(name.villageCode) ?? name.villageCode,
				visitors: came ? pickVisitors(came) : noVisitors,
				bookings: made ? pickBookings(made) : noBookings,
				occupancy: occupancyOf(seat.offered, seat.taken)
			};
		})
		.sort(
			(a, b) =>
				b.visitors.total - a.visitors.total ||
				a.villageName.localeCompare(b.villageName) ||
				a.title.localeCompare(b.title)
		);
}

export interface Dashboard {
	month: string;
	/** The 13 months ending with `month`: the chart over time and both comparisons. */
	series: MonthRow[];
	comparisons: Comparison[];
	villages: VillageRow[];
	districts: DistrictRow[];
	packages: PackageRow[];
	walkInsWithoutPackage: Visitors;
	origins: { domestic: OriginRow[]; foreign: OriginRow[] };
}

/** Everything the statistics page shows for one month. */
export async function dashboard(scope: Scope, month: string, locale: Locale): Promise<Dashboard> {
	await foldRollup();
	const [series, villageRows, packageRows, originRows, loose] = await Promise.all([
		monthSeries(scope, addMonths(month, -12), month),
		villageMonths(scope, month, month),
		packagesIn(scope, month, month, locale),
		origins(scope, month, month, locale),
		queryVisitors(scope, month, month, ['package'])
	]);
	const withoutPackage = loose.find((row) => row.package_id == null);
	const villages = villageRows.map(({ month: _month, ...row }) => row);
	return {
		month,
		series,
		comparisons: compareMonths(series, month),
		villages,
		districts: sumByDistrict(villages),
		packages: packageRows,
		walkInsWithoutPackage: withoutPackage ? pickVisitors(withoutPackage) : noVisitors,
		origins: originRows
	};
}

// ---- Open data ------------------------------------------------------------------------------

export interface OpenDataRow {
	month: string;
	villageCode: string;
	villageName: string;
	districtCode: string;
	districtName: string;
	domestic: number;
	foreign: number;
	total: number;
	booked: number;
	walkIn: number;
}

/** Aggregate visitors per village and month for anyone: no bookings, no money, no persons. */
export async function openData(from: string, to: string): Promise<OpenDataRow[]> {
	await foldRollup();
	const rows = await villageMonths('all', from, to);
	return rows.map((row) => ({
		month: row.month,
		villageCode: row.code,
		villageName: row.name,
		districtCode: row.districtCode,
		districtName: row.districtName,
		domestic: row.visitors.domestic,
		foreign: row.visitors.foreign,
		total: row.visitors.total,
		booked: row.visitors.booked,
		walkIn: row.visitors.walkIn
	}));
}

// ---- CSV ------------------------------------------------------------------------------------

// Column names stay the same in both languages, so that a spreadsheet or script that reads an
// export keeps working: BPS terms (wisnus = wisatawan nusantara, wisman = mancanegara).
const visitorColumns = [
	'wisnus',
	'wisman',
	'total',
	'dewasa',
	'anak',
	'bayi',
	'dengan_pesanan',
	'tanpa_pesanan'
];
const bookingColumns = [
	'pesanan',
	'orang_dipesan',
	'menunggu',
	'check_in',
	'tidak_datang',
	'batal_wisatawan',
	'batal_pengelola',
	'ditolak_kedaluwarsa'
];

function visitorCells(v: Visitors): number[] {
	return [v.domestic, v.foreign, v.total, v.adults, v.children, v.infants, v.booked, v.walkIn];
}

function bookingCells(b: BookingFlow): number[] {
	return [
		b.bookings,
		b.peopleBooked,
		b.pending,
		b.checkedIn,
		b.noShows,
		b.cancelledByTourist,
		b.cancelledByHost,
		b.declinedOrExpired
	];
}

export const csvTables = [
	'bulanan',
	'asal_bulanan',
	'bulan',
	'desa',
	'kecamatan',
	'paket',
	'provinsi',
	'negara'
] as const;
export type CsvTable = (typeof csvTables)[number];

export interface CsvRequest {
	table: CsvTable;
	/** The month of the single-month breakdowns. */
	month: string;
	/** The range of the monthly tables ('bulanan', 'asal_bulanan', 'bulan'). */
	from: string;
	to: string;
}

/** One export: the monthly BPS-style tables over a range, or a breakdown of one month. */
export async function exportCsv(
	scope: Scope,
	request: CsvRequest,
	locale: Locale
): Promise<{ filename: string; body: string }> {
	await foldRollup();
	const { table, month, from, to } = request;
	const period = ['bulanan', 'asal_bulanan', 'bulan'].includes(table) ? `${from}_${to}` : month;
	const filename = `statistik-${table.replace('_', '-')}-${period}.csv`;
	const villageColumns = ['kode_desa', 'desa', 'kode_kecamatan', 'kecamatan'];
	switch (table) {
		case 'bulanan': {
			const rows = await villageMonths(scope, from, to);
			return {
				filename,
				body: toCsv(
					['bulan', ...villageColumns, ...visitorColumns, 'pendapatan_idr', ...bookingColumns],
					rows.map((row) => [
						row.month,
						row.code,
						row.name,
						row.districtCode,
						row.districtName,
						...visitorCells(row.visitors),
						row.visitors.revenueIdr,
						...bookingCells(row.bookings)
					])
				)
			};
		}
		case 'asal_bulanan': {
			const rows = await originMonths(scope, from, to, locale);
			return {
				filename,
				body: toCsv(
					[
						'bulan',
						...villageColumns,
						'jenis',
						'kode_asal',
						'asal',
						'dewasa',
						'anak',
						'bayi',
						'total'
					],
					rows.map((row) => [
						row.month,
						row.village.code,
						row.village.name,
						row.village.districtCode,
						row.village.districtName,
						row.kind === 'domestic' ? 'wisnus' : 'wisman',
						row.code,
						row.name,
						row.visitors.adults,
						row.visitors.children,
						row.visitors.infants,
						row.visitors.total
					])
				)
			};
		}
		case 'bulan': {
			const rows = await monthSeries(scope, from, to);
			return {
				filename,
				body: toCsv(
					['bulan', ...visitorColumns, 'pendapatan_idr', ...bookingColumns],
					rows.map((row) => [
						row.month,
						...visitorCells(row.visitors),
						row.visitors.revenueIdr,
						...bookingCells(row.bookings)
					])
				)
			};
		}
		case 'desa': {
			const rows = await villageMonths(scope, month, month);
			return {
				filename,
				body: toCsv(
					['bulan', ...villageColumns, ...visitorColumns, 'pendapatan_idr', ...bookingColumns],
					rows.map((row) => [
						month,
						row.code,
						row.name,
						row.districtCode,
						row.districtName,
						...visitorCells(row.visitors),
						row.visitors.revenueIdr,
						...bookingCells(row.bookings)
					])
				)
			};
		}
		case 'kecamatan': {
			const villages = (await villageMonths(scope, month, month)).map(
				({ month: _m, ...row }) => row
			);
			return {
				filename,
				body: toCsv(
					[
						'bulan',
						'kode_kecamatan',
						'kecamatan',
						'jumlah_desa',
						...visitorColumns,
						'pendapatan_idr'
					],
					sumByDistrict(villages).map((row) => [
						month,
						row.districtCode,
						row.districtName,
						row.villages,
						...visitorCells(row.visitors),
						row.visitors.revenueIdr
					])
				)
			};
		}
		case 'paket': {
			const rows = await packagesIn(scope, month, month, locale);
			return {
				filename,
				body: toCsv(
					[
						'bulan',
						'kode_desa',
						'desa',
						'paket',
						...visitorColumns,
						'pendapatan_idr',
						...bookingColumns,
						'kursi_ditawarkan',
						'kursi_terisi',
						'okupansi_persen'
					],
					rows.map((row) => [
						month,
						row.villageCode,
						row.villageName,
						row.title,
						...visitorCells(row.visitors),
						row.visitors.revenueIdr,
						...bookingCells(row.bookings),
						row.occupancy.seatsOffered,
						row.occupancy.seatsTaken,
						row.occupancy.percent
					])
				)
			};
		}
		case 'provinsi':
		case 'negara': {
			const { domestic, foreign } = await origins(scope, month, month, locale);
			const rows = table === 'provinsi' ? domestic : foreign;
			return {
				filename,
				body: toCsv(
					[
						'bulan',
						table === 'provinsi' ? 'kode_provinsi' : 'kode_negara',
						table,
						'dewasa',
						'anak',
						'bayi',
						'total',
						'dengan_pesanan',
						'tanpa_pesanan'
					],
					rows.map((row) => [
						month,
						row.code,
						row.name,
						row.visitors.adults,
						row.visitors.children,
						row.visitors.infants,
						row.visitors.total,
						row.visitors.booked,
						row.visitors.walkIn
					])
				)
			};
		}
	}
}

// ---- Reading a request ----------------------------------------------------------------------

export type PeriodProblem = RangeProblem;

export interface PeriodQuery {
	month: string;
	from: string;
	to: string;
	/** What the reader typed, to show back beside a problem. */
	typed: { bulan: string; dari: string; sampai: string };
	problems: Partial<Record<'bulan' | 'dari' | 'sampai', PeriodProblem>>;
}

/**
 * The month (?bulan=YYYY-MM) of the breakdowns and the range (?dari, ?sampai) of the monthly
 * tables. Bad values get a problem and fall back to the defaults: this month in Jakarta, and
 * the twelve months ending with the chosen month.
 */
export function readPeriod(params: URLSearchParams, today: string): PeriodQuery {
	const typed = {
		bulan: params.get('bulan') ?? '',
		dari: params.get('dari') ?? '',
		sampai: params.get('sampai') ?? ''
	};
	const problems: PeriodQuery['problems'] = {};
	let month = today.slice(0, 7);
	if (typed.bulan) {
		const parsed = parseMonth(typed.bulan);
		if (parsed) month = parsed;
		else problems.bulan = 'format';
	}
	let from = addMonths(month, -11);
	let to = month;
	if (typed.dari || typed.sampai) {
		const range = checkRange(typed.dari || from, typed.sampai || to);
		if (range.ok) ({ from, to } = range);
		else {
			if (range.problems.from) problems.dari = range.problems.from;
			if (range.problems.to) problems.sampai = range.problems.to;
		}
	}
	return { month, from, to, typed, problems };
}

/** The open-data table as CSV: the same columns as the API, in the export conventions. */
export async function exportOpenDataCsv(
	from: string,
	to: string
): Promise<{ filename: string; body: string }> {
	const rows = await openData(from, to);
	return {
		filename: `data-pengunjung-${from}_${to}.csv`,
		body: toCsv(
			[
				'bulan',
				'kode_desa',
				'desa',
				'kode_kecamatan',
				'kecamatan',
				'wisnus',
				'wisman',
				'total',
				'dengan_pesanan',
				'tanpa_pesanan'
			],
			rows.map((row) => [
				row.month,
				row.villageCode,
				row.villageName,
				row.districtCode,
				row.districtName,
				row.domestic,
				row.foreign,
				row.total,
				row.booked,
				row.walkIn
			])
		)
	};
}
