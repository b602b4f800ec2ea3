import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as statistics from '$lib/server/statistics';
import { GET as monthlyApi } from '../../src/routes/api/v1/statistics/monthly/+server';
import { createTestDb, type TestDb } from '../helpers/db';
import { createPackage, type PackageFixture } from '../helpers/fixtures';

// A small known history: Talang Bulang (kecamatan Talang Ubi) and Betung (kecamatan Abab),
// March and April 2026, with partial check-ins, a no-show, cancellations, walk-ins.
const TALANG_BULANG = '16.12.01.2001';
const BETUNG = '16.12.04.2001';

let testDb: TestDb;
let talangBulang: PackageFixture;
let betung: PackageFixture;
let userId: number;

function wib(date: string): Date {
	return new Date(`${date}T08:00:00+07:00`);
}

let sequence = 0;
async function book(
	fixture: PackageFixture,
	slotIndex: number,
	options: {
		status: 'confirmed' | 'cancelled_by_tourist' | 'cancelled_by_host' | 'declined';
		origin: [string, string | null];
		party: Record<string, number>;
		/** Checked-in quantity per category; omitted when not checked in. */
		came?: Record<string, number>;
		noShow?: boolean;
	}
): Promise<number> {
	const prices: Record<string, [number, 'adult' | 'child' | 'infant', boolean]> = {
		dewasa: [35000, 'adult', true],
		anak: [20000, 'child', true],
		mancanegara: [75000, 'adult', true],
		balita: [0, 'infant', false]
	};
	const entries = Object.entries(options.party);
	const seats = entries.reduce((sum, [code, n]) => sum + (prices[code][2] ? n : 0), 0);
	const people = entries.reduce((sum, [, n]) => sum + n, 0);
	const checkedIn = options.came
		? Object.values(options.came).reduce((sum, n) => sum + n, 0)
		: null;
	sequence += 1;
	const booking = await testDb.db
		.insertInto('booking')
		.values({
			code: `UJ-${String(sequence).padStart(6, '0')}`,
			slot_id: fixture.slotIds[slotIndex],
			package_id: fixture.packageId,
			village_code: fixture === talangBulang ? TALANG_BULANG : BETUNG,
			status: options.status,
			seats,
			people,
			total_idr: entries.reduce((sum, [code, n]) => sum + prices[code][0] * n, 0),
			contact_name: 'Rahasia Pribadi',
			contact_phone: '+6281234567890',
			contact_email: 'rahasia@example.com',
			origin_country: options.origin[0],
			origin_province: options.origin[1],
			language: 'id',
			manage_secret_hash: 'x',
			no_show: options.noShow ?? false
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await testDb.db
		.insertInto('booking_line')
		.values(
			entries.map(([code, quantity]) => ({
				booking_id: booking.id,
				category_id: fixture.categories[code],
				category_code: code,
				label_id: code,
				label_en: code,
				quantity,
				unit_price_idr: prices[code][0],
				takes_seat: prices[code][2],
				age_group: prices[code][1]
			}))
		)
		.execute();
	// Checked in afterwards, as the host does: the statistics must follow the update at once.
	if (options.came || options.noShow) {
		for (const [code] of entries) {
			await testDb.db
				.updateTable('booking_line')
				.set({ checked_in_quantity: options.came?.[code] ?? 0 })
				.where('booking_id', '=', booking.id)
				.where('category_code', '=', code)
				.execute();
		}
		await testDb.db
			.updateTable('booking')
			.set({ checked_in_count: checkedIn ?? 0, checked_in_at: new Date() })
			.where('id', '=', booking.id)
			.execute();
	}
	return booking.id;
}

async function walkIn(
	villageCode: string,
	visitDate: string,
	origin: [string, string | null],
	people: { adults?: number; children?: number; infants?: number },
	packageId: number | null = null
) {
	await testDb.db
		.insertInto('walk_in')
		.values({
			village_code: villageCode,
			package_id: packageId,
			visit_date: visitDate,
			adults: people.adults ?? 0,
			children: people.children ?? 0,
			infants: people.infants ?? 0,
			origin_country: origin[0],
			origin_province: origin[1],
			recorded_by: userId
		})
		.execute();
}

beforeAll(async () => {
	testDb = await createTestDb();
	const user = await testDb.db
		.insertInto('app_user')
		.values({ email: 'host@example.com', name: 'Host', password_hash: '!', role: 'host' })
		.returning('id')
		.executeTakeFirstOrThrow();
	userId = user.id;
	talangBulang = await createPackage(testDb.db, {
		villageCode: TALANG_BULANG,
		starts: [wib('2026-03-10'), wib('2026-04-05')],
		capacity: 25
	});
	betung = await createPackage(testDb.db, {
		villageCode: BETUNG,
		starts: [wib('2026-03-12')],
		capacity: 10
	});
	// March, Talang Bulang.
	await book(talangBulang, 0, {
		status: 'confirmed',
		origin: ['ID', '16'],
		party: { dewasa: 2, anak: 1, balita: 1 },
		came: { dewasa: 2, anak: 1, balita: 1 }
	});
	await book(talangBulang, 0, {
		status: 'confirmed',
		origin: ['ID', '31'],
		party: { dewasa: 3 },
		came: { dewasa: 2 }
	});
	await book(talangBulang, 0, {
		status: 'confirmed',
		origin: ['ID', '16'],
		party: { dewasa: 2 },
		noShow: true
	});
	await book(talangBulang, 0, {
		status: 'cancelled_by_tourist',
		origin: ['ID', '16'],
		party: { dewasa: 1 }
	});
	await book(talangBulang, 0, {
		status: 'confirmed',
		origin: ['MY', null],
		party: { mancanegara: 2 },
		came: { mancanegara: 2 }
	});
	// March, Betung.
	await book(betung, 0, {
		status: 'cancelled_by_host',
		origin: ['ID', '16'],
		party: { dewasa: 4 }
	});
	await book(betung, 0, { status: 'declined', origin: ['ID', '18'], party: { dewasa: 1 } });
	await book(betung, 0, {
		status: 'confirmed',
		origin: ['ID', '16'],
		party: { dewasa: 1, anak: 2 },
		came: { dewasa: 1, anak: 2 }
	});
	// April, Talang Bulang.
	await book(talangBulang, 1, {
		status: 'confirmed',
		origin: ['ID', '16'],
		party: { dewasa: 2 },
		came: { dewasa: 2 }
	});
	await testDb.db
		.updateTable('slot')
		.set({ seats_taken: 10 })
		.where('id', '=', talangBulang.slotIds[0])
		.execute();
	await testDb.db
		.updateTable('slot')
		.set({ seats_taken: 3 })
		.where('id', '=', betung.slotIds[0])
		.execute();
	await walkIn(
		TALANG_BULANG,
		'2026-03-15',
		['ID', '16'],
		{ adults: 3, children: 1 },
		talangBulang.packageId
	);
	await walkIn(TALANG_BULANG, '2026-03-31', ['NL', null], { adults: 2 });
	await walkIn(BETUNG, '2026-04-20', ['ID', '17'], { adults: 1, infants: 1 });
});
afterAll(() => testDb.close());

describe('the month dashboard', () => {
	it('counts people who came beside bookings made, by village and kecamatan', async () => {
		const march = await statistics.readDashboard('all', '2026-03', 'id');
		const talang = march.villages.find((row) => row.code === TALANG_BULANG)!;
		expect(talang.visitors).toEqual({
			domestic: 10,
			foreign: 4,
			adults: 11,
			children: 2,
			infants: 1,
			booked: 8,
			walkIn: 6,
			total: 14,
			revenueIdr: 310000
		});
		expect(talang.bookings).toEqual({
			bookings: 5,
			peopleBooked: 12,
			pending: 0,
			checkedIn: 3,
			noShows: 1,
			cancelledByTourist: 1,
			cancelledByHost: 0,
			declinedOrExpired: 0
		});
		const betungRow = march.villages.find((row) => row.code === BETUNG)!;
		expect(betungRow.visitors).toMatchObject({ total: 3, domestic: 3, adults: 1, children: 2 });
		expect(betungRow.bookings).toMatchObject({
			bookings: 3,
			peopleBooked: 8,
			checkedIn: 1,
			cancelledByHost: 1,
			declinedOrExpired: 1
		});
		expect(march.villages).toHaveLength(71);
		const districts = Object.fromEntries(
			march.districts.map((row) => [row.districtName, row.visitors.total])
		);
		expect(districts).toMatchObject({ 'Talang Ubi': 14, Abab: 3, Penukal: 0 });
	});

	it('breaks visitors down by origin and package, with occupancy and walk-ins apart', async () => {
		const march = await statistics.readDashboard('all', '2026-03', 'id');
		expect(march.origins.domestic.map((row) => [row.name, row.visitors.total])).toEqual([
			['Sumatera Selatan', 11],
			['DKI Jakarta', 2]
		]);
		expect(march.origins.foreign.map((row) => [row.code, row.visitors.total])).toEqual([
			['NL', 2],
			['MY', 2]
		]);
		const [first, second] = march.packages;
		expect(first).toMatchObject({
			packageId: talangBulang.packageId,
			visitors: { total: 12, booked: 8, walkIn: 4, revenueIdr: 310000 },
			occupancy: { seatsOffered: 25, seatsTaken: 10, percent: 40 }
		});
		expect(second).toMatchObject({
			packageId: betung.packageId,
			visitors: { total: 3, revenueIdr: 75000 },
			occupancy: { seatsOffered: 10, seatsTaken: 3, percent: 30 }
		});
		expect(march.walkInsWithoutPackage.total).toBe(2);
	});

	it('compares a month with the month before and a year earlier, "—" on a zero base', async () => {
		const april = await statistics.readDashboard('all', '2026-04', 'id');
		const visitors = april.comparisons.find((row) => row.measure === 'visitors')!;
		expect(visitors).toMatchObject({
			current: 4,
			previous: 17,
			yearAgo: 0,
			vsPrevious: { diff: -13, percent: -76.5 },
			vsYearAgo: { diff: 4, percent: null }
		});
		expect(april.series.map((row) => row.visitors.total).slice(-2)).toEqual([17, 4]);
		expect(april.series[0].month).toBe('2025-04');
	});

	it('shows a host only their own village', async () => {
		const march = await statistics.readDashboard([BETUNG], '2026-03', 'id');
		expect(march.villages.map((row) => row.code)).toEqual([BETUNG]);
		expect(march.series.at(-1)!.visitors.total).toBe(3);
		expect(march.packages.map((row) => row.packageId)).toEqual([betung.packageId]);
		expect(march.origins.foreign).toEqual([]);
	});

	it('follows a cancellation at once', async () => {
		const id = await book(betung, 0, {
			status: 'confirmed',
			origin: ['ID', '16'],
			party: { dewasa: 1 },
			came: { dewasa: 1 }
		});
		expect(
			(await statistics.readMonthSeries([BETUNG], '2026-03', '2026-03'))[0].visitors.total
		).toBe(4);
		await testDb.db
			.updateTable('booking')
			.set({ status: 'cancelled_by_host' })
			.where('id', '=', id)
			.execute();
		const [after] = await statistics.readMonthSeries([BETUNG], '2026-03', '2026-03');
		expect(after.visitors.total).toBe(3);
		expect(after.bookings.cancelledByHost).toBe(2);
		await statistics.foldRollup();
		const [folded] = await statistics.readMonthSeries([BETUNG], '2026-03', '2026-03');
		expect(folded).toEqual(after);
	});

	it('follows a walk-in recorded, corrected and removed at once', async () => {
		const before = await statistics.readMonthSeries([BETUNG], '2026-03', '2026-04');
		const { id } = await testDb.db
			.insertInto('walk_in')
			.values({
				village_code: BETUNG,
				package_id: null,
				visit_date: '2026-03-10',
				adults: 2,
				children: 1,
				infants: 0,
				origin_country: 'SG',
				origin_province: null,
				recorded_by: userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const [march] = await statistics.readMonthSeries([BETUNG], '2026-03', '2026-03');
		expect(march.visitors).toEqual({
			...before[0].visitors,
			foreign: before[0].visitors.foreign + 3,
			adults: before[0].visitors.adults + 2,
			children: before[0].visitors.children + 1,
			walkIn: before[0].visitors.walkIn + 3,
			total: before[0].visitors.total + 3
		});
		const dashboard = await statistics.readDashboard([BETUNG], '2026-03', 'id');
		expect(dashboard.walkInsWithoutPackage.total).toBe(3);
		expect(dashboard.origins.foreign.map((row) => [row.code, row.visitors.total])).toEqual([
			['SG', 3]
		]);

		await testDb.db
			.updateTable('walk_in')
			.set({ visit_date: '2026-04-02', adults: 1 })
			.where('id', '=', id)
			.execute();
		const moved = await statistics.readMonthSeries([BETUNG], '2026-03', '2026-04');
		expect(moved[0].visitors).toEqual(before[0].visitors);
		expect(moved[1].visitors.walkIn).toBe(before[1].visitors.walkIn + 2);
		expect(moved[1].visitors.total).toBe(before[1].visitors.total + 2);

		await testDb.db.deleteFrom('walk_in').where('id', '=', id).execute();
		expect(await statistics.readMonthSeries([BETUNG], '2026-03', '2026-04')).toEqual(before);
		await statistics.foldRollup();
		expect(await statistics.readMonthSeries([BETUNG], '2026-03', '2026-04')).toEqual(before);
		const csv = await statistics.exportCsv(
			[BETUNG],
			{ table: 'negara', month: '2026-03', from: '2026-03', to: '2026-03' },
			'id'
		);
		expect(csv.body).not.toContain('SG');
	});
});

describe('CSV exports', () => {
	it('writes the monthly table with a BOM, commas and CRLF, and no personal data', async () => {
		const { body, filename } = await statistics.exportCsv(
			[TALANG_BULANG],
			{ table: 'bulanan', month: '2026-04', from: '2026-03', to: '2026-04' },
			'id'
		);
		expect(filename).toBe('statistik-bulanan-2026-03_2026-04.csv');
		expect(body.startsWith('\uFEFFbulan,kode_desa,desa,kode_kecamatan,kecamatan,wisnus,')).toBe(
			true
		);
		const lines = body.slice(1).split('\r\n');
		expect(lines[0]).toBe(
			'bulan,kode_desa,desa,kode_kecamatan,kecamatan,wisnus,wisman,total,dewasa,anak,bayi,dengan_pesanan,tanpa_pesanan,pendapatan_idr,pesanan,orang_dipesan,menunggu,check_in,tidak_datang,batal_wisatawan,batal_pengelola,ditolak_kedaluwarsa'
		);
		expect(lines[1]).toBe(
			'2026-03,16.12.01.2001,Talang Bulang,16.12.01,Talang Ubi,10,4,14,11,2,1,8,6,310000,5,12,0,3,1,1,0,0'
		);
		expect(lines[2]).toBe(
			'2026-04,16.12.01.2001,Talang Bulang,16.12.01,Talang Ubi,2,0,2,2,0,0,2,0,70000,1,2,0,1,0,0,0,0'
		);
		expect(lines[3]).toBe('');
		expect(body).not.toMatch(/Rahasia|rahasia@|6281234567890|UJ-/);
	});

	it('writes origins in long format and each breakdown of a month', async () => {
		const origins = await statistics.exportCsv(
			'all',
			{ table: 'asal_bulanan', month: '2026-03', from: '2026-03', to: '2026-03' },
			'en'
		);
		expect(origins.body.slice(1).split('\r\n').slice(0, 5)).toEqual([
			'bulan,kode_desa,desa,kode_kecamatan,kecamatan,jenis,kode_asal,asal,dewasa,anak,bayi,total',
			'2026-03,16.12.04.2001,Betung,16.12.04,Abab,wisnus,16,Sumatera Selatan,1,2,0,3',
			'2026-03,16.12.01.2001,Talang Bulang,16.12.01,Talang Ubi,wisnus,16,Sumatera Selatan,5,2,1,8',
			'2026-03,16.12.01.2001,Talang Bulang,16.12.01,Talang Ubi,wisnus,31,DKI Jakarta,2,0,0,2',
			'2026-03,16.12.01.2001,Talang Bulang,16.12.01,Talang Ubi,wisman,MY,Malaysia,2,0,0,2'
		]);
		const countries = await statistics.exportCsv(
			'all',
			{ table: 'negara', month: '2026-03', from: '2026-03', to: '2026-03' },
			'id'
		);
		expect(countries.body).toBe(
			'\uFEFFbulan,kode_negara,negara,dewasa,anak,bayi,total,dengan_pesanan,tanpa_pesanan\r\n' +
				'2026-03,NL,Belanda,2,0,0,2,0,2\r\n2026-03,MY,Malaysia,2,0,0,2,2,0\r\n'
		);
		const districts = await statistics.exportCsv(
			'all',
			{ table: 'kecamatan', month: '2026-03', from: '2026-03', to: '2026-03' },
			'id'
		);
		expect(districts.body).toContain('\r\n2026-03,16.12.04,Abab,8,3,0,3,1,2,0,3,0,75000\r\n');
	});
});

describe('the open-data API', () => {
	async function call(query: string) {
		const response = await monthlyApi({
			url: new URL(`http://localhost/api/v1/statistics/monthly?${query}`)
		} as never);
		return { status: response.status, body: await response.json() };
	}

	it('gives visitors per village and month, nothing personal', async () => {
		const { status, body } = await call('from=2026-03&to=2026-04');
		expect(status).toBe(200);
		expect(body.rows).toHaveLength(2 * 71);
		expect(
			body.rows.find(
				(row: { month: string; villageCode: string }) =>
					row.month === '2026-03' && row.villageCode === TALANG_BULANG
			)
		).toEqual({
			month: '2026-03',
			villageCode: TALANG_BULANG,
			villageName: 'Talang Bulang',
			districtCode: '16.12.01',
			districtName: 'Talang Ubi',
			domestic: 10,
			foreign: 4,
			total: 14,
			booked: 8,
			walkIn: 6
		});
		expect(
			body.rows.find(
				(row: { month: string; villageCode: string }) =>
					row.month === '2026-04' && row.villageCode === BETUNG
			)
		).toMatchObject({ domestic: 2, total: 2, booked: 0, walkIn: 2 });
	});

	it('refuses bad months, a reversed range and more than 36 months with 422', async () => {
		expect(await call('from=2026-13&to=2026-04')).toEqual({
			status: 422,
			body: {
				error: 'invalid',
				message: expect.any(String),
				fields: { from: 'Tulis bulan sebagai TTTT-BB, misalnya 2026-12.' }
			}
		});
		expect((await call('to=2026-04')).body.fields).toEqual({
			from: 'Tulis bulan sebagai TTTT-BB, misalnya 2026-12.'
		});
		expect(await call('from=2026-05&to=2026-04')).toEqual({
			status: 422,
			body: {
				error: 'invalid',
				message: expect.any(String),
				fields: { from: 'Bulan awal harus sebelum atau sama dengan bulan akhir.' }
			}
		});
		expect((await call('from=2023-04&to=2026-04')).body.fields).toEqual({
			from: 'Rentang paling panjang 36 bulan.'
		});
		expect((await call('from=2023-05&to=2026-04')).status).toBe(200);
		expect((await call("from=2026-03'--&to=x")).status).toBe(422);
	});
});

describe('reading the period of a page', () => {
	it('keeps what was typed, names the problem and falls back to the defaults', () => {
		const period = statistics.readPeriod(
			new URLSearchParams('bulan=Maret&dari=2026-05&sampai=2026-01'),
			'2026-04-17'
		);
		expect(period).toEqual({
			month: '2026-04',
			from: '2025-05',
			to: '2026-04',
			typed: { bulan: 'Maret', dari: '2026-05', sampai: '2026-01' },
			problems: { bulan: 'format', dari: 'order' }
		});
	});
});
