// Holes an outside test found, each closed and kept closed: a party that takes no seat, price
// categories kept for one kind of visitor, the calendar file's status, photos that declare
// more pixels than any decoder should be asked for, and CSV cells that run as formulas.
import { existsSync, readdirSync } from 'node:fs';
import { isActionFailure } from '@sveltejs/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { bookingInput } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import { connectPglite, connectPostgres, type Db } from '$lib/server/db';
import { bundledMigrations, migrateToLatest } from '$lib/server/db/migrate';
import { seedReference } from '$lib/server/db/seed';
import * as hostPackages from '$lib/server/packages/host';
import * as packages from '$lib/server/packages';
import * as photos from '$lib/server/photos';
import * as counterSales from '$lib/server/shop/counter-sales';
import { parse } from '$lib/validation';
import { POST as postBooking } from '../../src/routes/api/v1/bookings/+server';
import { actions as villagePageActions } from '../../src/routes/host/[village]/desa/+page.server';
import { readPackageForm } from '../../src/routes/host/[village]/paket/package-form';
import { GET as getProductCsv } from '../../src/routes/office/statistik/unduh-produk/+server';
import { GET as getCalendarFile } from '../../src/routes/pesanan/[code]/[secret]/kalender.ics/+server';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

// Uploaded files go to a folder of this test file's own; config reads UPLOAD_DIR on import.
const uploadDir = await vi.hoisted(async () => {
	const { mkdtempSync } = await import('node:fs');
	const { tmpdir } = await import('node:os');
	const { join } = await import('node:path');
	const dir = mkdtempSync(join(tmpdir(), 'agrowisata-rules-uploads-'));
	process.env.UPLOAD_DIR = dir;
	return dir;
});

const TALANG_BULANG = '16.12.01.2001';

let testDb: TestDb;
let host: { id: number; email: string; name: string; role: 'host' };
let office: { id: number; email: string; name: string; role: 'office' };

beforeAll(async () => {
	testDb = await createTestDb();
	const user = (email: string, role: 'host' | 'office') =>
		testDb.db
			.insertInto('app_user')
			.values({ email, name: `Uji ${role}`, password_hash: 'not-a-real-hash', role })
			.returning(['id', 'email', 'name'])
			.executeTakeFirstOrThrow();
	host = { ...(await user('pengelola@example.com', 'host')), role: 'host' };
	office = { ...(await user('dinas@example.com', 'office')), role: 'office' };
	await testDb.db
		.insertInto('village_membership')
		.values({ user_id: host.id, village_code: TALANG_BULANG, role: 'owner' })
		.execute();
});
afterAll(() => testDb.close());

async function book(raw: unknown) {
	const parsed = parse(bookingInput, raw);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
	return bookings.create(parsed.data);
}

async function postJson(body: unknown) {
	const url = 'http://localhost/api/v1/bookings';
	const request = new Request(url, {
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json' }
	});
	const response = await postBooking({ request, url: new URL(url) } as never);
	return { status: response.status, body: await response.json() };
}

/** What a refused booking must not have written. */
async function footprint(slotId: number, email: string) {
	const [slot, booked, mail] = await Promise.all([
		testDb.db
			.selectFrom('slot')
			.select('seats_taken')
			.where('id', '=', slotId)
			.executeTakeFirstOrThrow(),
		testDb.db
			.selectFrom('booking')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where((eb) => eb.or([eb('slot_id', '=', slotId), eb('contact_email', '=', email)]))
			.executeTakeFirstOrThrow(),
		testDb.db
			.selectFrom('outbox_message')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('recipient', '=', email)
			.executeTakeFirstOrThrow()
	]);
	return { seatsTaken: slot.seats_taken, bookings: Number(booked.n), mail: Number(mail.n) };
}

describe('a booking takes at least one seat', () => {
	const infantsOnly = (slotId: number, email: string) =>
		bookingRequest(slotId, {
			party: [{ category: 'balita', quantity: 3 }],
			contact: { name: 'Siapa Saja', phone: '081234567890', email }
		});

	it('refuses a party of infants only, even on a sold-out slot, and writes nothing', async () => {
		const fixture = await createPackage(testDb.db, { starts: [daysFromNow(10)], capacity: 2 });
		const [slotId] = fixture.slotIds;
		const full = await book(
			bookingRequest(slotId, { party: [{ category: 'dewasa', quantity: 2 }] })
		);
		expect(full.ok).toBe(true);
		const before = await footprint(slotId, 'korban@example.com');

		for (let attempt = 0; attempt < 3; attempt++) {
			expect(await book(infantsOnly(slotId, 'korban@example.com'))).toEqual({
				ok: false,
				error: 'invalid',
				fields: { party: 'Pesanan perlu paling sedikit satu peserta yang memakai kursi.' }
			});
		}
		expect(await postJson(infantsOnly(slotId, 'korban@example.com'))).toEqual({
			status: 422,
			body: {
				error: 'invalid',
				message: 'A field breaks a rule: see fields.',
				fields: { party: 'Pesanan perlu paling sedikit satu peserta yang memakai kursi.' }
			}
		});
		expect(await footprint(slotId, 'korban@example.com')).toEqual(before);
		expect(before).toEqual({ seatsTaken: 2, bookings: 1, mail: 0 });
		expect(m.booking_party_no_seat({}, { locale: 'en' })).toBe(
			'A booking needs at least one person who takes a seat.'
		);
	});

	it('still lets infants come along with someone who takes a seat', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)], capacity: 1 });
		const result = await book(
			bookingRequest(slotIds[0], {
				party: [
					{ category: 'dewasa', quantity: 1 },
					{ category: 'balita', quantity: 2 }
				]
			})
		);
		expect(result.ok && result.booking).toMatchObject({ seats: 1, people: 3, totalIdr: 35_000 });
	});
});

describe('price categories kept for foreign or for Indonesian visitors', () => {
	let slotId: number;
	let packageId: number;
	beforeAll(async () => {
		({
			packageId,
			slotIds: [slotId]
		} = await createPackage(testDb.db, { starts: [daysFromNow(14)], capacity: 30 }));
	});

	const foreignParty = (country: string, province: string | null, email: string) =>
		bookingRequest(slotId, {
			party: [
				{ category: 'dewasa', quantity: 1 },
				{ category: 'mancanegara', quantity: 2 }
			],
			contact: { name: 'John Smith', phone: '+447911123456', email },
			origin: { country, province }
		});

	it('refuses the foreign visitor price to a visitor from Indonesia, at that line', async () => {
		const message =
			'Harga ini khusus wisatawan mancanegara, sedangkan asal yang dipilih Indonesia.';
		const before = await footprint(slotId, 'dari-id@example.com');
		expect(await book(foreignParty('ID', '16', 'dari-id@example.com'))).toEqual({
			ok: false,
			error: 'invalid',
			fields: { 'party.1.category': message }
		});
		expect(await postJson(foreignParty('ID', '16', 'dari-id@example.com'))).toEqual({
			status: 422,
			body: {
				error: 'invalid',
				message: 'A field breaks a rule: see fields.',
				fields: { 'party.1.category': message }
			}
		});
		expect(await footprint(slotId, 'dari-id@example.com')).toEqual(before);
	});

	it('books it for a visitor from abroad, at its price', async () => {
		const result = await postJson(foreignParty('GB', null, 'dari-gb@example.com'));
		expect(result).toMatchObject({ status: 201, body: { seats: 3, totalIdr: 185_000 } });
		const row = await testDb.db
			.selectFrom('booking')
			.select(['origin_country', 'total_idr'])
			.where('code', '=', result.body.code)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ origin_country: 'GB', total_idr: 185_000 });
	});

	it('refuses a price for Indonesians only to a visitor from abroad', async () => {
		await testDb.db
			.updateTable('price_category')
			.set({ origin_rule: 'domestic' })
			.where('package_id', '=', packageId)
			.where('code', '=', 'dewasa')
			.execute();
		const before = await footprint(slotId, 'dari-gb@example.com');
		expect(await book(foreignParty('GB', null, 'dari-gb@example.com'))).toEqual({
			ok: false,
			error: 'invalid',
			fields: {
				'party.0.category':
					'Harga ini khusus wisatawan Indonesia, sedangkan asal yang dipilih luar negeri.'
			}
		});
		expect(await footprint(slotId, 'dari-gb@example.com')).toEqual(before);
		// A line of nobody is no claim to the price: the form sends every category.
		const domestic = await book(
			bookingRequest(slotId, {
				party: [
					{ category: 'dewasa', quantity: 2 },
					{ category: 'mancanegara', quantity: 0 }
				]
			})
		);
		expect(domestic.ok).toBe(true);
	});

	it('shows whom a price is for on the package and in the API listing', async () => {
		const slug = (
			await testDb.db
				.selectFrom('tour_package')
				.select('slug')
				.where('id', '=', packageId)
				.executeTakeFirstOrThrow()
		).slug;
		const page = await packages.findPublishedBySlug('id', slug);
		expect(page?.categories.map((c) => [c.code, c.originRule])).toEqual([
			['dewasa', 'domestic'],
			['anak', 'any'],
			['mancanegara', 'foreign'],
			['balita', 'any']
		]);
	});

	it('is chosen by the host in the package form and saved with the category', async () => {
		const form = new FormData();
		const fields: Record<string, string> = {
			titleId: 'Panen madu',
			titleEn: 'Honey harvest',
			descriptionId: 'Memanen madu bersama petani.',
			descriptionEn: 'Harvest honey with a farmer.',
			durationMinutes: '90',
			minParty: '1',
			maxParty: '10',
			cutoffHours: '12',
			cancelHours: '24',
			bookingMode: 'instant',
			responseHours: '24',
			'categories.0.code': 'dewasa',
			'categories.0.labelId': 'Dewasa',
			'categories.0.labelEn': 'Adult',
			'categories.0.priceIdr': '30.000',
			'categories.0.ageGroup': 'adult',
			'categories.0.originRule': 'any',
			'categories.0.takesSeat': 'on',
			'categories.0.active': 'on',
			'categories.1.code': 'mancanegara',
			'categories.1.labelId': 'Wisatawan mancanegara',
			'categories.1.labelEn': 'Foreign visitor',
			'categories.1.priceIdr': '75000',
			'categories.1.ageGroup': 'adult',
			'categories.1.originRule': 'foreign',
			'categories.1.takesSeat': 'on',
			'categories.1.active': 'on'
		};
		for (const [name, value] of Object.entries(fields)) form.append(name, value);
		form.append('seasonMonths', '6');
		const read = readPackageForm(form);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		const saved = await hostPackages.create(host.id, TALANG_BULANG, read.input);
		expect(saved.ok).toBe(true);
		if (!saved.ok) return;
		const edited = await hostPackages.findForEditing(TALANG_BULANG, saved.id);
		expect(edited?.values.categories.map((c) => [c.code, c.originRule])).toEqual([
			['dewasa', 'any'],
			['mancanegara', 'foreign']
		]);

		form.set('categories.1.originRule', 'somewhere');
		const refused = readPackageForm(form);
		expect(refused.ok || Object.keys(refused.fields)).toEqual(['categories.1.originRule']);
	});
});

describe('the migration that gives categories their rule', () => {
	const latest = '2026_12_06_100000_price_category_origin_rule';

	/** A database of its own, migrated up to just before the rule. */
	async function databaseBeforeRule(): Promise<{ db: Db; drop: () => Promise<void> }> {
		let db: Db;
		let drop: () => Promise<void>;
		if (!postgresUrl) {
			db = connectPglite(undefined);
			drop = () => db.destroy();
		} else {
			const name = `agro_rule_${Date.now().toString(36)}`;
			const admin = connectPostgres(postgresUrl, 1);
			await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
			const url = new URL(postgresUrl);
			url.pathname = `/${name}`;
			db = connectPostgres(url.toString(), 2);
			drop = async () => {
				await db.destroy();
				await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
				await admin.destroy();
			};
		}
		const earlier = {
			async getMigrations() {
				const all = await bundledMigrations.getMigrations();
				return Object.fromEntries(Object.entries(all).filter(([migration]) => migration < latest));
			}
		};
		await migrateToLatest(db, earlier);
		return { db, drop };
	}

	it('makes the foreign visitor categories that exist foreign only, and the rest open to all', async () => {
		const { db, drop } = await databaseBeforeRule();
		try {
			await seedReference(db);
			const { rows } = await sql<{ id: number }>`
				INSERT INTO tour_package (village_code, slug, title_id, title_en, description_id,
					description_en, duration_minutes, max_party)
				VALUES (${TALANG_BULANG}, 'sebelum-aturan', 'Uji', 'Test', 'Uji', 'Test', 60, 10)
				RETURNING id`.execute(db);
			await sql`
				INSERT INTO price_category (package_id, code, label_id, label_en, price_idr)
				VALUES (${rows[0].id}, 'dewasa', 'Dewasa', 'Adult', 35000),
					(${rows[0].id}, 'mancanegara', 'Wisatawan mancanegara', 'Foreign visitor', 75000)
			`.execute(db);
			expect(await migrateToLatest(db)).toContain(latest);
			const categories = await db
				.selectFrom('price_category')
				.select(['code', 'origin_rule'])
				.orderBy('code')
				.execute();
			expect(categories).toEqual([
				{ code: 'dewasa', origin_rule: 'any' },
				{ code: 'mancanegara', origin_rule: 'foreign' }
			]);
			await expect(
				db
					.updateTable('price_category')
					.set({ origin_rule: 'lokal' as never })
					.execute()
			).rejects.toThrow(/check/i);
		} finally {
			await drop();
		}
	});
});

describe('the calendar file says where the booking stands', () => {
	async function calendarOf(code: string, secret: string): Promise<string> {
		const url = new URL(`http://localhost/pesanan/${code}/${secret}/kalender.ics`);
		const response = await getCalendarFile({
			params: { code, secret },
			locals: { locale: 'id' },
			url
		} as never);
		expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
		return response.text();
	}
	const statusLine = (calendar: string) => calendar.match(/^STATUS:.*$/gm);

	it('is TENTATIVE while the host has not answered, CONFIRMED once sure, CANCELLED when off', async () => {
		const onRequest = await createPackage(testDb.db, {
			starts: [daysFromNow(15)],
			bookingMode: 'request'
		});
		const requested = await book(bookingRequest(onRequest.slotIds[0]));
		if (!requested.ok) throw new Error(requested.error);
		expect(requested.booking.status).toBe('requested');
		const { code, secret } = requested.booking;
		expect(statusLine(await calendarOf(code, secret))).toEqual(['STATUS:TENTATIVE']);

		const instant = await createPackage(testDb.db, { starts: [daysFromNow(15)] });
		const confirmed = await book(bookingRequest(instant.slotIds[0]));
		if (!confirmed.ok) throw new Error(confirmed.error);
		const sure = await calendarOf(confirmed.booking.code, confirmed.booking.secret);
		expect(statusLine(sure)).toEqual(['STATUS:CONFIRMED']);
		expect(sure).toContain('SEQUENCE:1');

		expect(
			await bookings.cancelByTourist(confirmed.booking.code, confirmed.booking.secret)
		).toMatchObject({ ok: true });
		const off = await calendarOf(confirmed.booking.code, confirmed.booking.secret);
		expect(statusLine(off)).toEqual(['STATUS:CANCELLED']);
		expect(off).toContain('SEQUENCE:2');
		expect(off).toContain(`UID:${confirmed.booking.code}@agrowisata-pali`);
		// The cancellation e-mail carries the same: its file takes the visit out of a calendar.
		const mail = await testDb.db
			.selectFrom('outbox_message')
			.select(['template', 'payload'])
			.orderBy('id')
			.execute()
			.then((rows) => rows.filter((row) => row.payload.code === confirmed.booking.code));
		expect(mail.map((row) => row.template)).toEqual(['booking_confirmed', 'booking_cancelled']);
	});
});

describe('photos are limited to 40 megapixels by their header', () => {
	function png(width: number, height: number, size = 64): Uint8Array {
		const bytes = new Uint8Array(size);
		bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 0);
		bytes.set(
			[...'IHDR'].map((c) => c.charCodeAt(0)),
			12
		);
		const view = new DataView(bytes.buffer);
		view.setUint32(16, width);
		view.setUint32(20, height);
		bytes.set([8, 6, 0, 0, 0], 24);
		return bytes;
	}
	function jpeg(width: number, height: number): Uint8Array {
		// SOI, an APP0 segment, then a baseline start-of-frame with the size.
		const startOfFrame = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff];
		return new Uint8Array([
			...[0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00],
			...startOfFrame,
			...[width >> 8, width & 0xff, 0x03],
			...new Array(16).fill(0)
		]);
	}
	function webpVp8x(width: number, height: number): Uint8Array {
		const bytes = new Uint8Array(40);
		bytes.set(
			[...'RIFF'].map((c) => c.charCodeAt(0)),
			0
		);
		bytes.set(
			[...'WEBPVP8X'].map((c) => c.charCodeAt(0)),
			8
		);
		const le24 = (at: number, value: number) =>
			bytes.set([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff], at);
		le24(24, width - 1);
		le24(27, height - 1);
		return bytes;
	}
	const tooLarge =
		'Foto terlalu besar: paling banyak 40 megapiksel. Perkecil ukurannya lebih dulu.';
	const check = (bytes: Uint8Array, name: string) =>
		photos.checkUpload(new File([bytes as Uint8Array<ArrayBuffer>], name));

	it('refuses what declares more, whatever the format, and takes a 24 MP photo', async () => {
		expect(photos.MAX_PHOTO_PIXELS).toBe(40_000_000);
		expect(await check(png(60000, 60000), 'sawah.png')).toEqual({ ok: false, message: tooLarge });
		expect(await check(jpeg(8000, 6000), 'kebun.jpg')).toEqual({ ok: false, message: tooLarge });
		expect(await check(webpVp8x(16384, 16384), 'nanas.webp')).toEqual({
			ok: false,
			message: tooLarge
		});
		const accepted = await check(jpeg(6000, 4000), 'kebun.jpg');
		expect(accepted.ok && accepted.image).toMatchObject({
			contentType: 'image/jpeg',
			width: 6000,
			height: 4000
		});
		expect((await check(png(8000, 5000), 'pas.png')).ok).toBe(true);
		expect((await check(png(8000, 5001), 'lebih.png')).ok).toBe(false);
		// A header that gives no size cannot be held to the limit.
		expect(await check(png(1, 1).subarray(0, 16), 'potong.png')).toEqual({
			ok: false,
			message: 'Ukuran foto ini tidak terbaca; berkasnya mungkin rusak. Pilih foto lain.'
		});
		expect(m.hostc_photo_too_many_pixels({ max: 40 }, { locale: 'en' })).toBe(
			'The photo is too large: at most 40 megapixels. Make it smaller first.'
		);
	});

	it('says so at the photo field of the village page and stores nothing', async () => {
		// 350 KB declaring 60000×60000: 3.6 billion pixels for a decoder to allocate.
		const data = new FormData();
		data.append(
			'photo',
			new File([png(60000, 60000, 350 * 1024) as Uint8Array<ArrayBuffer>], 'desa.png')
		);
		data.append('altId', 'Kebun');
		data.append('altEn', 'Garden');
		const url = `http://localhost/host/${TALANG_BULANG}/desa?/addPhoto`;
		const outcome = await villagePageActions.addPhoto({
			locals: { locale: 'id', user: host, session: null },
			params: { village: TALANG_BULANG },
			request: new Request(url, { method: 'POST', body: data }),
			url: new URL(url)
		} as never);
		expect(isActionFailure(outcome)).toBe(true);
		expect(outcome).toMatchObject({ status: 422, data: { photoFields: { photo: tooLarge } } });
		expect(await testDb.db.selectFrom('photo').select('id').execute()).toEqual([]);
		expect(existsSync(uploadDir) ? readdirSync(uploadDir) : []).toEqual([]);
	});
});

describe('CSV exports', () => {
	it('quote a product named Lengkeng;=1+1 so that no spreadsheet runs it', async () => {
		const { id } = await testDb.db
			.insertInto('product')
			.values({
				village_code: TALANG_BULANG,
				name_id: 'Lengkeng;=1+1',
				name_en: 'Longan;=1+1',
				unit: 'pack',
				price_idr: 20_000,
				stock: 10
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const now = new Date();
		const today = todayInJakarta(now);
		const sale = await counterSales.recordSale(
			host.id,
			TALANG_BULANG,
			{ soldOn: today, paymentMethod: 'cash', products: [{ product: id, quantity: 2 }] },
			now
		);
		expect(sale.ok).toBe(true);

		const month = today.slice(0, 7);
		const url = new URL(
			`http://localhost/office/statistik/unduh-produk?tabel=produk&dari=${month}&sampai=${month}`
		);
		const response = await getProductCsv({ locals: { locale: 'id', user: office }, url } as never);
		expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
		const body = await response.text();
		const line = body.split('\r\n').find((each) => each.includes('Lengkeng'));
		expect(line).toContain(`,${id},"Lengkeng;'=1+1",pack,0,2,2,40000`);
		// Split as Excel set to Indonesian splits it (on ';', quotes or not): no cell is a formula.
		for (const separator of [',', ';']) {
			const cells = body.split(/\r\n/).flatMap((each) => each.split(separator));
			expect(cells.filter((cell) => /^"*[=+\-@]/.test(cell))).toEqual([]);
		}
	});
});
