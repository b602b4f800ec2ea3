// The statistics as CSV files: the BPS-style monthly tables over a range, the breakdowns of one
// month, and the open data. UTF-8 with BOM and CRLF, so that a spreadsheet opens them as they are.
import type { Locale } from '$lib/paraglide/runtime';
import { toCsv } from '../csv';
import { foldRollup, type BookingFlow, type Scope, type Visitors } from './rollups';
import {
	readMonthSeries,
	readOpenData,
	readOriginMonths,
	readOrigins,
	readPackageRows,
	sumByDistrict,
	readVillageMonths
} from './views';

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
			const rows = await readVillageMonths(scope, from, to);
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
			const rows = await readOriginMonths(scope, from, to, locale);
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
			const rows = await readMonthSeries(scope, from, to);
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
			const rows = await readVillageMonths(scope, month, month);
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
			const villages = (await readVillageMonths(scope, month, month)).map(
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
			const rows = await readPackageRows(scope, month, month, locale);
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
			const { domestic, foreign } = await readOrigins(scope, month, month, locale);
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

/** The open-data table as CSV: the same columns as the API, in the export conventions. */
export async function exportOpenDataCsv(
	from: string,
	to: string
): Promise<{ filename: string; body: string }> {
	const rows = await readOpenData(from, to);
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
