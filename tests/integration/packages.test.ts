import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInJakarta } from '$lib/dates';
import * as packages from '$lib/server/packages';
import { seedDemo } from '$lib/server/db/demo';
import { GET as getPackages } from '../../src/routes/api/v1/packages/+server';
import { GET as getAvailability } from '../../src/routes/api/v1/packages/[slug]/availability/+server';
import { createTestDb, type TestDb } from '../helpers/db';

let testDb: TestDb;
beforeAll(async () => {
	testDb = await createTestDb();
	await seedDemo(testDb.db);
});
afterAll(() => testDb.close());

/** Everything the demo seed writes, to compare before and after a second run. */
async function snapshot() {
	const [tourPackages, categories, rules, slots, villages, users, memberships] = await Promise.all([
		testDb.db.selectFrom('tour_package').selectAll().orderBy('id').execute(),
		testDb.db.selectFrom('price_category').selectAll().orderBy('id').execute(),
		testDb.db.selectFrom('availability_rule').selectAll().orderBy('id').execute(),
		testDb.db.selectFrom('slot').selectAll().orderBy('id').execute(),
		testDb.db.selectFrom('village').selectAll().orderBy('code').execute(),
		testDb.db.selectFrom('app_user').selectAll().orderBy('id').execute(),
		testDb.db.selectFrom('village_membership').selectAll().orderBy('user_id').execute()
	]);
	return { tourPackages, categories, rules, slots, villages, users, memberships };
}

type Handler = (event: never) => Promise<Response> | Response;

async function call(handler: Handler, path: string, locale: 'id' | 'en' = 'id', params = {}) {
	const response = await handler({
		url: new URL(path, 'http://localhost'),
		params,
		locals: { locale }
	} as never);
	return { status: response.status, body: await response.json() };
}

const nextDate = (days: number) => addDays(todayInJakarta(), days);

describe('demo seed', () => {
	it('publishes the Talang Bulang and Pasar Bhayangkara samples with slots', async () => {
		const rows = await testDb.db
			.selectFrom('tour_package')
			.select(['id', 'slug', 'village_code', 'status', 'booking_mode', 'season_months'])
			.orderBy('slug')
			.execute();
		expect(rows.map((row) => [row.slug, row.village_code, row.status, row.booking_mode])).toEqual([
			['kelas-olahan-nanas-talang-bulang', '16.12.01.2001', 'published', 'request'],
			['petik-lengkeng-pasar-bhayangkara', '16.12.01.1017', 'published', 'instant'],
			['petik-nanas-talang-bulang', '16.12.01.2001', 'published', 'instant']
		]);
		for (const row of rows) {
			const slots = await testDb.db
				.selectFrom('slot')
				.select(({ fn }) => fn.countAll<number>().as('count'))
				.where('package_id', '=', row.id)
				.executeTakeFirstOrThrow();
			expect(Number(slots.count), row.slug).toBeGreaterThan(0);
		}
		const pasarBhayangkara = await testDb.db
			.selectFrom('village')
			.select(['ovop', 'whatsapp'])
			.where('code', '=', '16.12.01.1017')
			.executeTakeFirstOrThrow();
		expect(pasarBhayangkara).toEqual({ ovop: false, whatsapp: null });
	});

	it('changes nothing when run again', async () => {
		const before = await snapshot();
		await seedDemo(testDb.db);
		expect(await snapshot()).toEqual(before);
	});
});

describe('packages', () => {
	it('lists published packages in the reader language, by village', async () => {
		await testDb.db
			.insertInto('tour_package')
			.values({
				village_code: '16.12.01.2001',
				slug: 'draf-belum-terbit',
				title_id: 'Draf',
				title_en: 'Draft',
				description_id: '',
				description_en: '',
				duration_minutes: 60,
				max_party: 10
			})
			.execute();
		const all = await packages.listPublished('id');
		expect(all.map((p) => p.slug).sort()).toEqual([
			'kelas-olahan-nanas-talang-bulang',
			'petik-lengkeng-pasar-bhayangkara',
			'petik-nanas-talang-bulang'
		]);
		const talangBulang = await packages.listPublished('en', '16.12.01.2001');
		expect(talangBulang.map((p) => p.title)).toEqual([
			'Pineapple picking in the garden',
			'Pineapple processing class'
		]);
		expect(await packages.listPublished('id', '16.12.02.2001')).toEqual([]);
		expect(await packages.findPublishedBySlug('id', 'draf-belum-terbit')).toBeUndefined();
	});

	it('finds a package page with its village, prices and meeting point', async () => {
		const pkg = await packages.findPublishedBySlug('id', 'petik-nanas-talang-bulang');
		const village = await testDb.db
			.selectFrom('village')
			.select(['lat', 'lng'])
			.where('code', '=', '16.12.01.2001')
			.executeTakeFirstOrThrow();
		expect(pkg).toMatchObject({
			title: 'Petik nanas di kebun',
			durationMinutes: 120,
			minParty: 1,
			maxParty: 20,
			cutoffHours: 12,
			cancelHours: 24,
			bookingMode: 'instant',
			seasonMonths: [1, 2, 3, 4, 5, 6, 7, 10, 11, 12],
			village: {
				code: '16.12.01.2001',
				slug: 'talang-bulang',
				name: 'Talang Bulang',
				whatsapp: null
			},
			meetingLat: village.lat,
			meetingLng: village.lng,
			meetingIsVillageMarker: true
		});
		expect(
			pkg?.categories.map(({ code, label, priceIdr, takesSeat, ageGroup }) => [
				code,
				label,
				priceIdr,
				takesSeat,
				ageGroup
			])
		).toEqual([
			['dewasa', 'Dewasa', 35_000, true, 'adult'],
			['anak', 'Anak (5–12 tahun)', 20_000, true, 'child'],
			['mancanegara', 'Wisatawan mancanegara', 75_000, true, 'adult'],
			['balita', 'Balita (di bawah 5 tahun)', 0, false, 'infant']
		]);
		const en = await packages.findPublishedBySlug('en', 'kelas-olahan-nanas-talang-bulang');
		expect(en).toMatchObject({
			title: 'Pineapple processing class',
			bookingMode: 'request',
			responseHours: 24
		});
		expect(en?.seasonMonths).toHaveLength(12);
		expect(await packages.findPublishedBySlug('id', 'tidak-ada')).toBeUndefined();
	});

	it('leaves inactive price categories out', async () => {
		const pkg = await packages.findPublishedBySlug('id', 'petik-lengkeng-pasar-bhayangkara');
		await testDb.db
			.updateTable('price_category')
			.set({ active: false })
			.where('package_id', '=', pkg!.id)
			.where('code', '=', 'balita')
			.execute();
		const after = await packages.findPublishedBySlug('id', 'petik-lengkeng-pasar-bhayangkara');
		expect(after?.categories.map((c) => [c.code, c.priceIdr])).toEqual([['pengunjung', 25_000]]);
		await testDb.db
			.updateTable('price_category')
			.set({ active: true })
			.where('package_id', '=', pkg!.id)
			.execute();
	});
});

describe('GET /api/v1/packages', () => {
	it('answers the published packages with their price categories', async () => {
		const { status, body } = await call(
			getPackages,
			'/api/v1/packages?village=16.12.01.2001',
			'en'
		);
		expect(status).toBe(200);
		expect(body.packages).toHaveLength(2);
		expect(body.packages[0]).toEqual({
			id: expect.any(Number),
			slug: 'petik-nanas-talang-bulang',
			villageCode: '16.12.01.2001',
			title: 'Pineapple picking in the garden',
			durationMinutes: 120,
			minParty: 1,
			maxParty: 20,
			priceCategories: [
				{ code: 'dewasa', label: 'Adult', priceIdr: 35_000, takesSeat: true, originRule: 'any' },
				{
					code: 'anak',
					label: 'Child (5–12 years)',
					priceIdr: 20_000,
					takesSeat: true,
					originRule: 'any'
				},
				{
					code: 'mancanegara',
					label: 'Foreign visitor',
					priceIdr: 75_000,
					takesSeat: true,
					originRule: 'foreign'
				},
				{
					code: 'balita',
					label: 'Infant (under 5)',
					priceIdr: 0,
					takesSeat: false,
					originRule: 'any'
				}
			]
		});
		expect((await call(getPackages, '/api/v1/packages')).body.packages).toHaveLength(3);
	});

	it('refuses a malformed village code and gives an empty list for an unknown one', async () => {
		expect(await call(getPackages, '/api/v1/packages?village=talang-bulang')).toEqual({
			status: 422,
			body: {
				error: 'invalid',
				message: expect.any(String),
				fields: { village: 'Kode desa ditulis seperti 16.12.01.2001.' }
			}
		});
		expect((await call(getPackages, '/api/v1/packages?village=', 'en')).body).toEqual({
			error: 'invalid',
			message: expect.any(String),
			fields: { village: 'A village code looks like 16.12.01.2001.' }
		});
		expect(await call(getPackages, '/api/v1/packages?village=99.99.99.9999')).toEqual({
			status: 200,
			body: { packages: [] }
		});
	});
});

describe('GET /api/v1/packages/{slug}/availability', () => {
	const availabilityOf = (slug: string, query: string, locale: 'id' | 'en' = 'id') =>
		call(getAvailability, `/api/v1/packages/${slug}/availability${query}`, locale, { slug });

	it('answers the slots of the range with Jakarta offsets and seats left', async () => {
		const from = nextDate(14);
		const to = nextDate(20);
		const { status, body } = await availabilityOf(
			'petik-lengkeng-pasar-bhayangkara',
			`?from=${from}&to=${to}`
		);
		expect(status).toBe(200);
		// Weekends at 08:00 WIB: two or three of them in seven days.
		expect(body.slots.length).toBeGreaterThanOrEqual(2);
		for (const slot of body.slots) {
			expect(Object.keys(slot).sort()).toEqual([
				'capacity',
				'endsAt',
				'id',
				'seatsLeft',
				'startsAt',
				'status'
			]);
			expect(slot.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T08:00:00\+07:00$/);
			expect(slot.endsAt).toMatch(/T09:30:00\+07:00$/);
			expect(slot).toMatchObject({ capacity: 30, seatsLeft: 30, status: 'open' });
			expect(slot.startsAt.slice(0, 10) >= from && slot.startsAt.slice(0, 10) <= to).toBe(true);
		}
	});

	it('answers 404 for a package that is not published', async () => {
		expect(
			await availabilityOf('draf-belum-terbit', `?from=${nextDate(1)}&to=${nextDate(2)}`)
		).toEqual({
			status: 404,
			body: { error: 'not_found', message: expect.any(String) }
		});
		expect((await availabilityOf('tidak-ada', '')).status).toBe(404);
	});

	it('answers 422 at the field for missing, malformed, reversed or too long ranges', async () => {
		const slug = 'petik-nanas-talang-bulang';
		const missing = await availabilityOf(slug, '');
		expect(missing.status).toBe(422);
		expect(missing.body).toEqual({
			error: 'invalid',
			message: expect.any(String),
			fields: { from: 'Wajib diisi.', to: 'Wajib diisi.' }
		});
		const malformed = await availabilityOf(slug, '?from=2026-02-30&to=5-12-2026', 'en');
		expect(malformed.body.fields).toEqual({
			from: 'A date looks like YYYY-MM-DD, for example 2026-12-05.',
			to: 'A date looks like YYYY-MM-DD, for example 2026-12-05.'
		});
		const reversed = await availabilityOf(slug, '?from=2026-12-10&to=2026-12-01');
		expect(reversed).toEqual({
			status: 422,
			body: {
				error: 'invalid',
				message: expect.any(String),
				fields: { to: 'Tanggal akhir tidak boleh sebelum tanggal awal.' }
			}
		});
		const tooLong = await availabilityOf(slug, '?from=2026-12-01&to=2027-03-03', 'en');
		expect(tooLong).toEqual({
			status: 422,
			body: {
				error: 'invalid',
				message: expect.any(String),
				fields: { to: 'The range is at most 92 days.' }
			}
		});
		// 92 days, 1 December … 2 March, is allowed.
		expect((await availabilityOf(slug, '?from=2026-12-01&to=2027-03-02')).status).toBe(200);
	});
});
