import { addDays, todayInJakarta } from '$lib/dates';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isoWib } from '$lib/format';
import { bookingInput } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import * as availability from '$lib/server/availability';
import * as hostPackages from '$lib/server/packages/host';
import { parsePackage, type PackageInput } from '$lib/server/packages/input';
import * as packages from '$lib/server/packages';
import * as photos from '$lib/server/photos';
import * as hostVillages from '$lib/server/villages/host';
import { parse } from '$lib/validation';
import { createTestDb, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

// Uploaded files go to a folder of this test file's own; config reads UPLOAD_DIR on import.
const uploadDir = await vi.hoisted(async () => {
	const { mkdtempSync } = await import('node:fs');
	const { tmpdir } = await import('node:os');
	const { join } = await import('node:path');
	const dir = mkdtempSync(join(tmpdir(), 'agrowisata-uploads-'));
	process.env.UPLOAD_DIR = dir;
	return dir;
});

const TALANG_BULANG = '16.12.01.2001';
// A 1×1 PNG.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);

let testDb: TestDb;
let hostId: number;

beforeAll(async () => {
	testDb = await createTestDb();
	({ id: hostId } = await testDb.db
		.insertInto('app_user')
		.values({
			email: 'tuan.rumah@example.com',
			name: 'Tuan Rumah',
			password_hash: 'not-used',
			role: 'host'
		})
		.returning('id')
		.executeTakeFirstOrThrow());
});
afterAll(() => testDb.close());

function auditEvents(action: string) {
	return testDb.db
		.selectFrom('audit_event')
		.select(['actor_user_id', 'village_code', 'entity_id', 'before', 'after'])
		.where('action', '=', action)
		.orderBy('id')
		.execute();
}

function everyDayAt(
	time: string,
	capacity: number,
	seasonMonths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
) {
	return {
		seasonMonths,
		rules: [
			{
				weekdays: [1, 2, 3, 4, 5, 6, 7],
				startTimes: [time],
				capacity,
				validFrom: todayInJakarta(),
				validTo: null
			}
		],
		exceptions: []
	};
}

describe('the schedule editor', () => {
	it('refuses a capacity below the booked seats, names the booking and changes nothing', async () => {
		const start = daysFromNow(10);
		const fixture = await createPackage(testDb.db, { starts: [start], capacity: 25 });
		const saved = await availability.saveSchedule(
			hostId,
			TALANG_BULANG,
			fixture.packageId,
			everyDayAt('08:00', 25)
		);
		expect(saved).toEqual({ ok: true });
		const request = parse(bookingInput, bookingRequest(fixture.slotIds[0]));
		if (!request.ok) throw new Error('the fixture request is valid');
		const booking = await bookings.create(request.data);
		if (!booking.ok) throw new Error('the booking goes through');
		const eventsBefore = (await auditEvents('package.schedule')).length;

		const refused = await availability.saveSchedule(
			hostId,
			TALANG_BULANG,
			fixture.packageId,
			everyDayAt('08:00', 2)
		);

		expect(refused).toEqual({
			ok: false,
			conflicts: [
				{
					slotId: fixture.slotIds[0],
					startsAt: isoWib(start),
					seatsTaken: 3,
					newCapacity: 2,
					bookingCodes: [booking.booking.code]
				}
			]
		});
		const rules = await testDb.db
			.selectFrom('availability_rule')
			.select('capacity')
			.where('package_id', '=', fixture.packageId)
			.execute();
		expect(rules).toEqual([{ capacity: 25 }]);
		const slot = await testDb.db
			.selectFrom('slot')
			.select(['capacity', 'seats_taken'])
			.where('id', '=', fixture.slotIds[0])
			.executeTakeFirstOrThrow();
		expect(slot).toEqual({ capacity: 25, seats_taken: 3 });
		expect(await auditEvents('package.schedule')).toHaveLength(eventsBefore);
	});

	it('closes the season early: no slots in the months taken out, recorded with before and after', async () => {
		const fixture = await createPackage(testDb.db, { starts: [] });
		await availability.saveSchedule(
			hostId,
			TALANG_BULANG,
			fixture.packageId,
			everyDayAt('09:00', 10)
		);
		const closedMonth = addDays(todayInJakarta(), 40).slice(0, 7);
		const season = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter(
			(month) => month !== Number(closedMonth.slice(5))
		);

		const result = await availability.saveSchedule(
			hostId,
			TALANG_BULANG,
			fixture.packageId,
			everyDayAt('09:00', 10, season)
		);

		expect(result).toEqual({ ok: true });
		const pkg = await testDb.db
			.selectFrom('tour_package')
			.select('season_months')
			.where('id', '=', fixture.packageId)
			.executeTakeFirstOrThrow();
		expect(pkg.season_months.map(Number)).toEqual(season);
		const openSlots = (month: string) =>
			testDb.db
				.selectFrom('slot')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('package_id', '=', fixture.packageId)
				.where('status', '=', 'open')
				.where('local_date', '>=', `${month}-01`)
				.where('local_date', '<', addDays(`${month}-01`, 32).slice(0, 7) + '-01')
				.executeTakeFirstOrThrow();
		expect(Number((await openSlots(closedMonth)).n)).toBe(0);
		const nextMonth = addDays(`${closedMonth}-01`, 32).slice(0, 7);
		expect(Number((await openSlots(nextMonth)).n)).toBeGreaterThan(20);
		const [, latest] = (await auditEvents('package.schedule')).filter(
			(event) => event.entity_id === String(fixture.packageId)
		);
		expect((latest.before as { seasonMonths: number[] }).seasonMonths).toHaveLength(12);
		expect((latest.after as { seasonMonths: number[] }).seasonMonths).toEqual(season);
	});

	it('previews the slots of the next four weeks without saving them', async () => {
		const fixture = await createPackage(testDb.db, { starts: [] });
		const preview = await availability.previewSchedule(fixture.packageId, 120, {
			seasonMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
			rules: [
				{
					weekdays: [6],
					startTimes: ['08:00'],
					capacity: 12,
					validFrom: todayInJakarta(),
					validTo: null
				}
			],
			exceptions: []
		});
		expect(preview.length).toBeGreaterThanOrEqual(3);
		expect(preview.length).toBeLessThanOrEqual(4);
		expect(
			preview.every((slot) => slot.capacity === 12 && slot.startsAt.endsWith('T08:00:00+07:00'))
		).toBe(true);
		const stored = await testDb.db
			.selectFrom('slot')
			.select('id')
			.where('package_id', '=', fixture.packageId)
			.execute();
		expect(stored).toEqual([]);
	});
});

function packageInput(overrides: Partial<PackageInput> = {}): unknown {
	return {
		titleId: 'Panen Madu Hutan',
		titleEn: 'Forest honey harvest',
		descriptionId: 'Ikut memanen madu bersama petani.',
		descriptionEn: 'Harvest honey with a farmer.',
		includedId: 'Pemandu',
		includedEn: 'A guide',
		meetingPointId: 'Balai desa',
		meetingPointEn: 'The village hall',
		meetingLat: -3.2,
		meetingLng: 104.0,
		durationMinutes: 90,
		minParty: 2,
		maxParty: 12,
		cutoffHours: 12,
		cancelHours: 24,
		bookingMode: 'instant',
		responseHours: 24,
		seasonMonths: [6, 7, 8],
		categories: [
			{
				id: null,
				code: 'dewasa',
				labelId: 'Dewasa',
				labelEn: 'Adult',
				priceIdr: 40000,
				takesSeat: true,
				ageGroup: 'adult',
				active: true
			}
		],
		...overrides
	};
}

function validPackage(overrides: Partial<PackageInput> = {}) {
	const parsed = parsePackage(packageInput(overrides));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
	return parsed.data;
}

describe('the package editor', () => {
	it('creates a package in review, with a slug from its title, kept off the public list', async () => {
		const created = await hostPackages.create(hostId, TALANG_BULANG, validPackage());
		const again = await hostPackages.create(hostId, TALANG_BULANG, validPackage());
		expect(created).toMatchObject({ ok: true, slug: 'panen-madu-hutan-talang-bulang' });
		expect(again).toMatchObject({ ok: true, slug: 'panen-madu-hutan-talang-bulang-2' });
		if (!created.ok) return;
		const row = await testDb.db
			.selectFrom('tour_package')
			.select(['status', 'submitted_at', 'season_months', 'min_party'])
			.where('id', '=', created.id)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('in_review');
		expect(row.submitted_at).toBeInstanceOf(Date);
		expect(row.season_months.map(Number)).toEqual([6, 7, 8]);
		const published = await packages.listPublished('id', TALANG_BULANG);
		expect(published.map((pkg) => pkg.id)).not.toContain(created.id);
		expect(await auditEvents('package.create')).toContainEqual(
			expect.objectContaining({ entity_id: String(created.id), actor_user_id: hostId })
		);
	});

	it('puts a published package back in review when edited, switching off a booked category', async () => {
		const fixture = await createPackage(testDb.db, { starts: [daysFromNow(12)] });
		const request = parse(bookingInput, bookingRequest(fixture.slotIds[0]));
		if (!request.ok) throw new Error('the fixture request is valid');
		await bookings.create(request.data);
		const editable = await hostPackages.findForEditing(TALANG_BULANG, fixture.packageId);
		if (!editable) throw new Error('the package is the village’s');
		expect(editable.categoriesInUse).toContain(fixture.categories.dewasa);
		const input = validPackage({
			...editable.values,
			titleId: 'Petik nanas pagi',
			categories: editable.values.categories.map((category) =>
				category.code === 'anak' ? { ...category, active: false } : category
			)
		});

		const result = await hostPackages.update(hostId, TALANG_BULANG, fixture.packageId, input);

		expect(result).toEqual({ ok: true, id: fixture.packageId, slug: editable.slug });
		const row = await testDb.db
			.selectFrom('tour_package')
			.select(['status', 'title_id'])
			.where('id', '=', fixture.packageId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'in_review', title_id: 'Petik nanas pagi' });
		const published = await packages.listPublished('id', TALANG_BULANG);
		expect(published.map((pkg) => pkg.id)).not.toContain(fixture.packageId);
		const categories = await testDb.db
			.selectFrom('price_category')
			.select(['code', 'active'])
			.where('package_id', '=', fixture.packageId)
			.orderBy('sort_order')
			.execute();
		expect(categories).toEqual([
			{ code: 'dewasa', active: true },
			{ code: 'anak', active: false },
			{ code: 'mancanegara', active: true },
			{ code: 'balita', active: true }
		]);
		const [event] = (await auditEvents('package.update')).filter(
			(each) => each.entity_id === String(fixture.packageId)
		);
		expect(event.before).toMatchObject({ status: 'published', titleId: 'Petik nanas (uji)' });
		expect(event.after).toMatchObject({ status: 'in_review', titleId: 'Petik nanas pagi' });
	});

	it('refuses another village’s package', async () => {
		const fixture = await createPackage(testDb.db, { starts: [] });
		expect(await hostPackages.findForEditing('16.12.01.1017', fixture.packageId)).toBeUndefined();
		expect(
			await hostPackages.update(hostId, '16.12.01.1017', fixture.packageId, validPackage())
		).toBeUndefined();
	});

	it('gives each bad category its own message at its field', () => {
		const category = {
			id: null,
			code: 'dewasa',
			labelId: 'Dewasa',
			labelEn: 'Adult',
			priceIdr: 40000,
			takesSeat: true,
			ageGroup: 'adult' as const,
			originRule: 'any' as const,
			active: true
		};
		const result = parsePackage(
			packageInput({
				minParty: 10,
				maxParty: 5,
				categories: [
					{ ...category, priceIdr: 100_000_001 },
					{ ...category, labelId: '' },
					{ ...category, code: 'anak kecil' },
					{ ...category, code: 'balita', priceIdr: 2.5, takesSeat: false }
				]
			})
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.fields).toMatchObject({
			maxParty: 'Paling banyak tidak boleh lebih kecil dari paling sedikit.',
			'categories.0.priceIdr': 'Harga antara Rp 0 dan Rp 100.000.000.',
			'categories.1.code': 'Kode ini sudah dipakai kategori lain di paket ini.',
			'categories.1.labelId': 'Wajib diisi.',
			'categories.2.code':
				'Kode diawali huruf kecil, lalu huruf kecil, angka atau _ (paling banyak 32).',
			'categories.3.priceIdr': 'Masukkan bilangan bulat.'
		});

		const noSeat = parsePackage(packageInput({ categories: [{ ...category, takesSeat: false }] }));
		expect(noSeat.ok || noSeat.fields.categories).toBe(
			'Paling sedikit satu kategori yang ditawarkan harus memakai kursi.'
		);
		const none = parsePackage(packageInput({ categories: [] }));
		expect(none.ok || none.fields.categories).toBe('Isi paling sedikit satu kategori harga.');
	});
});

describe('photos', () => {
	it('takes a PNG named .jpg and declared as JPEG for the PNG it is, and serves it', async () => {
		const file = new File([PNG], 'sawah.jpg', { type: 'image/jpeg' });
		const checked = await photos.checkUpload(file);
		expect(checked.ok && checked.image).toMatchObject({
			contentType: 'image/png',
			extension: 'png',
			width: 1,
			height: 1
		});
		if (!checked.ok) return;
		expect(
			await hostVillages.addPhoto(hostId, TALANG_BULANG, checked.image, {
				altId: 'Kebun nanas',
				altEn: 'Pineapple garden'
			})
		).toEqual({ ok: true });
		const [photo] = await photos.listForVillage(TALANG_BULANG);
		expect(photo).toMatchObject({ width: 1, height: 1, altId: 'Kebun nanas' });
		const name = photo.url.replace('/foto/', '');
		expect(name).toMatch(/^[0-9a-f]{32}\.png$/);
		const served = await photos.openStored(name);
		expect(served?.contentType).toBe('image/png');
		expect(Buffer.from(served?.body ?? []).equals(PNG)).toBe(true);

		expect(await hostVillages.deletePhoto(hostId, '16.12.01.1017', photo.id)).toBe(false);
		expect(await hostVillages.deletePhoto(hostId, TALANG_BULANG, photo.id)).toBe(true);
		expect(existsSync(path.join(uploadDir, name))).toBe(false);
		expect(await photos.openStored(name)).toBeUndefined();
	});

	it('refuses a text file named .png and a file over 5 MB, storing nothing', async () => {
		const text = new File(['bukan gambar'], 'foto.png', { type: 'image/png' });
		expect(await photos.checkUpload(text)).toEqual({
			ok: false,
			message: 'Berkas ini bukan foto JPEG, PNG atau WebP.'
		});
		const large = new Uint8Array(photos.MAX_PHOTO_BYTES + 1);
		large.set(PNG);
		expect(await photos.checkUpload(new File([large], 'besar.png', { type: 'image/png' }))).toEqual(
			{
				ok: false,
				message: 'Foto lebih besar dari 5 MB. Pilih foto yang lebih kecil.'
			}
		);
		expect(await photos.checkUpload(null)).toEqual({
			ok: false,
			message: 'Pilih foto lebih dulu.'
		});
		const rows = await testDb.db.selectFrom('photo').select('id').execute();
		expect(rows).toEqual([]);
	});

	it('opens only names it generated', async () => {
		for (const name of ['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', `${'a'.repeat(32)}.png`]) {
			expect(await photos.openStored(name)).toBeUndefined();
		}
	});

	it('reads the size of JPEG and WebP files from their headers', () => {
		const jpeg = new Uint8Array([
			0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0,
			0x02, 0x80, 0x03
		]);
		expect(photos.detectImage(jpeg)).toMatchObject({
			contentType: 'image/jpeg',
			width: 640,
			height: 480
		});
		const webp = new Uint8Array(30);
		webp.set(
			[...'RIFF'].map((c) => c.charCodeAt(0)),
			0
		);
		webp.set(
			[...'WEBPVP8X'].map((c) => c.charCodeAt(0)),
			8
		);
		webp.set([0x7f, 0x02, 0x00, 0xdf, 0x01, 0x00], 24);
		expect(photos.detectImage(webp)).toMatchObject({
			contentType: 'image/webp',
			width: 640,
			height: 480
		});
	});
});

describe('the village page', () => {
	it('saves the story and a WhatsApp number in E.164, recorded with before and after', async () => {
		const before = await hostVillages.findForEditing(TALANG_BULANG);
		const input = parse(hostVillages.pageSchema, {
			storyId: 'Desa nanas di tepi Sungai Lematang.',
			storyEn: 'A pineapple village by the Lematang river.',
			whatsapp: '0812-3456-7890'
		});
		if (!input.ok) throw new Error(JSON.stringify(input.fields));
		await hostVillages.updatePage(hostId, TALANG_BULANG, input.data);

		const page = await hostVillages.findForEditing(TALANG_BULANG);
		expect(page).toMatchObject({
			storyId: 'Desa nanas di tepi Sungai Lematang.',
			whatsapp: '+6281234567890',
			ovop: true
		});
		const [event] = await auditEvents('village.update_page');
		expect(event).toMatchObject({ actor_user_id: hostId, village_code: TALANG_BULANG });
		expect(event.before).toEqual({
			storyId: before?.storyId,
			storyEn: before?.storyEn,
			whatsapp: null
		});
		expect(before?.storyId).toContain('Talang Bulang');
		expect(event.after).toEqual({
			storyId: 'Desa nanas di tepi Sungai Lematang.',
			storyEn: 'A pineapple village by the Lematang river.',
			whatsapp: '+6281234567890'
		});
		const bad = parse(hostVillages.pageSchema, { storyId: '', storyEn: '', whatsapp: '0812' });
		expect(bad.ok || bad.fields.whatsapp).toBe('Nomor WhatsApp tidak valid. Tulis 08… atau +62…');
	});

	it('moves the marker within PALI and resets it to the area centre', async () => {
		const outside = parse(hostVillages.markerSchema, { lat: '-6.2', lng: '106.8' });
		expect(outside.ok || outside.fields).toEqual({
			lat: 'Lintang di PALI antara -3.7 dan -2.8.',
			lng: 'Bujur di PALI antara 103.5 dan 104.5.'
		});
		const inside = parse(hostVillages.markerSchema, { lat: '-3.25', lng: '104.05' });
		if (!inside.ok) throw new Error(JSON.stringify(inside.fields));
		await hostVillages.moveMarker(hostId, TALANG_BULANG, inside.data);
		expect(await hostVillages.findForEditing(TALANG_BULANG)).toMatchObject({
			lat: -3.25,
			lng: 104.05,
			locationConfirmed: true
		});

		await hostVillages.resetMarker(hostId, TALANG_BULANG);
		const page = await hostVillages.findForEditing(TALANG_BULANG);
		expect(page).toMatchObject({ locationConfirmed: false });
		expect(page && [page.lat, page.lng]).toEqual(page && [page.centreLat, page.centreLng]);
		const [moved, reset] = await auditEvents('village.move_marker').then(async (moves) => [
			moves[0],
			(await auditEvents('village.reset_marker'))[0]
		]);
		expect(moved.after).toEqual({ lat: -3.25, lng: 104.05, locationConfirmed: true });
		expect(reset.before).toEqual({ lat: -3.25, lng: 104.05, locationConfirmed: true });
		expect(reset.after).toMatchObject({ locationConfirmed: false });
	});
});
