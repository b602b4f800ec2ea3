// What the statistics pages, the API and the exports show: the rollups put together by month,
// village, kecamatan, package and origin, zero rows included where a table lists everything.
import type { Locale } from '$lib/paraglide/runtime';
import { addMonths, monthsBetween } from '../../dates';
import { nameCountry, nameProvince } from '../origin';
import { measureChange, type Change } from './months';
import {
	addBookings,
	addVisitors,
	foldRollup,
	noBookings,
	noVisitors,
	computeOccupancy,
	readPackageNames,
	queryBookings,
	queryOccupancy,
	queryVisitors,
	listVillages,
	type BookingFlow,
	type Occupancy,
	type Scope,
	type VillageInfo,
	type Visitors
} from './rollups';

const countryNames = new Map<string, string>();

/** Country names are asked for once per row of a long export; building them is not cheap. */
function nameCountryOnce(code: string, locale: Locale): string {
	const key = `${locale} ${code}`;
	let name = countryNames.get(key);
	if (name === undefined) {
		name = nameCountry(code, locale);
		countryNames.set(key, name);
	}
	return name;
}

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
			vsPrevious: measureChange(now, before),
			vsYearAgo: measureChange(now, lastYear)
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
export async function readMonthSeries(scope: Scope, from: string, to: string): Promise<MonthRow[]> {
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
export async function readVillageMonths(
	scope: Scope,
	from: string,
	to: string
): Promise<(VillageRow & { month: string })[]> {
	const [villages, visitors, bookings] = await Promise.all([
		listVillages(scope),
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
export async function readOrigins(
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
			name: nameProvince(row.origin_province ?? null) ?? row.origin_province ?? '',
			visitors: pickVisitors(row)
		}))
		.sort(byTotal);
	const foreign = rows
		.filter((row) => row.origin_country !== 'ID')
		.map((row) => ({
			code: row.origin_country!,
			name: nameCountryOnce(row.origin_country!, locale),
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
export async function readOriginMonths(
	scope: Scope,
	from: string,
	to: string,
	locale: Locale
): Promise<OriginMonthRow[]> {
	const [villages, rows] = await Promise.all([
		listVillages(scope),
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
			name: domestic ? (nameProvince(code) ?? code) : nameCountryOnce(code, locale),
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
export async function readPackageRows(
	scope: Scope,
	from: string,
	to: string,
	locale: Locale
): Promise<PackageRow[]> {
	const [names, villages, visitors, bookings, occupancy] = await Promise.all([
		readPackageNames(scope, locale),
		listVillages(scope),
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
				occupancy: computeOccupancy(seat.offered, seat.taken)
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
export async function readDashboard(
	scope: Scope,
	month: string,
	locale: Locale
): Promise<Dashboard> {
	await foldRollup();
	const [series, villageRows, packageRows, originRows, loose] = await Promise.all([
		readMonthSeries(scope, addMonths(month, -12), month),
		readVillageMonths(scope, month, month),
		readPackageRows(scope, month, month, locale),
		readOrigins(scope, month, month, locale),
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
export async function readOpenData(from: string, to: string): Promise<OpenDataRow[]> {
	await foldRollup();
	const rows = await readVillageMonths('all', from, to);
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
