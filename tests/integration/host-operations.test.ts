import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '$lib/dates';
import { bookingInput } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import * as checkins from '$lib/server/visits/check-in';
import * as hostBookings from '$lib/server/bookings/host';
import { readDayManifest, cancelSlot, cancelDay } from '$lib/server/bookings/manifest';
import * as walkIns from '$lib/server/visits/walk-ins';
import { parse } from '$lib/validation';
import { createTestDb, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

const TALANG_BULANG = '16.12.01.2001';
const BHAYANGKARA = '16.12.01.1017';
const HOUR = 3_600_000;

let testDb: TestDb;
let hostId: number;

beforeAll(async () => {
	testDb = await createTestDb();
	({ id: hostId } = await testDb.db
		.insertInto('app_user')
		.values({
			email: 'pengelola@example.com',
			name: 'Pengelola uji',
			password_hash: 'not-a-real-hash',
			role: 'host'
		})
		.returning('id')
		.executeTakeFirstOrThrow());
});
afterAll(() => testDb.close());

async function book(slotId: number, overrides: Record<string, unknown> = {}) {
	const parsed = parse(bookingInput, bookingRequest(slotId, overrides));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
	const result = await bookings.create(parsed.data);
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.booking;
}

async function slotRow(slotId: number) {
	return testDb.db
		.selectFrom('slot')
		.select(['seats_taken', 'status', 'cancel_reason', 'starts_at', 'ends_at'])
		.where('id', '=', slotId)
		.executeTakeFirstOrThrow();
}

async function bookingRow(code: string) {
	return testDb.db
		.selectFrom('booking')
		.selectAll()
		.where('code', '=', code)
		.executeTakeFirstOrThrow();
}

async function outboxOf(code: string) {
	const rows = await testDb.db
		.selectFrom('outbox_message')
		.select(['template', 'recipient', 'payload'])
		.orderBy('id')
		.execute();
	return rows.filter((row) => (row.payload as { code?: string }).code === code);
}

async function auditCount() {
	const row = await testDb.db
		.selectFrom('audit_event')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('checking visitors in', () => {
	let slotId: number;
	let categories: Record<string, number>;
	let visitDay: Date;
	beforeAll(async () => {
		const start = daysFromNow(3, 9);
		({
			slotIds: [slotId],
			categories
		} = await createPackage(testDb.db, { starts: [start] }));
		// An hour before the start: the same day in Jakarta.
		visitDay = new Date(start.getTime() - HOUR);
	});

	it('records a partial check-in per category, then updates it when recorded again', async () => {
		const { code } = await book(slotId);
		const found = await checkins.find(TALANG_BULANG, code.toLowerCase(), 'id', visitDay);
		expect(found.ok).toBe(true);
		const auditBefore = await auditCount();

		const first = await checkins.record(
			hostId,
			TALANG_BULANG,
			code,
			{ [categories.dewasa]: '1', [categories.anak]: '1' },
			visitDay
		);
		expect(first).toEqual({ ok: true, checkedInCount: 2 });
		let row = await bookingRow(code);
		expect(row.checked_in_count).toBe(2);
		expect(row.checked_in_at).not.toBeNull();
		const lines = await testDb.db
			.selectFrom('booking_line')
			.select(['category_code', 'quantity', 'checked_in_quantity'])
			.where('booking_id', '=', row.id)
			.orderBy('category_code')
			.execute();
		expect(lines).toEqual([
			{ category_code: 'anak', quantity: 1, checked_in_quantity: 1 },
			{ category_code: 'dewasa', quantity: 2, checked_in_quantity: 1 }
		]);

		const again = await checkins.record(
			hostId,
			TALANG_BULANG,
			code,
			{ [categories.dewasa]: '2', [categories.anak]: '1' },
			visitDay
		);
		expect(again).toEqual({ ok: true, checkedInCount: 3 });
		row = await bookingRow(code);
		expect(row.checked_in_count).toBe(3);
		expect(await auditCount()).toBe(auditBefore + 2);
	});

	it('refuses more people than were booked, at the field, and changes nothing', async () => {
		const { code } = await book(slotId);
		const result = await checkins.record(
			hostId,
			TALANG_BULANG,
			code,
			{ [categories.dewasa]: '3', [categories.anak]: '1' },
			visitDay
		);
		expect(result).toEqual({
			ok: false,
			fields: { [`line.${categories.dewasa}`]: 'Tidak boleh lebih dari yang dipesan (2).' }
		});
		const row = await bookingRow(code);
		expect(row.checked_in_count).toBeNull();
		expect(row.checked_in_at).toBeNull();
	});

	it('answers a Talang Bulang host typing a Bhayangkara code as if the code did not exist', async () => {
		const start = daysFromNow(3, 10);
		const elsewhere = await createPackage(testDb.db, {
			starts: [start],
			villageCode: BHAYANGKARA
		});
		const { code } = await book(elsewhere.slotIds[0]);
		const sameDay = new Date(start.getTime() - HOUR);
		const missing = `${code.slice(0, 3)}${code.endsWith('ZZZZZZ') ? 'YYYYYY' : 'ZZZZZZ'}`;
		const notFound = {
			ok: false,
			message: 'Kode pemesanan tidak ditemukan. Periksa lagi hurufnya.'
		};
		expect(await checkins.find(BHAYANGKARA, code, 'id', sameDay)).toMatchObject({ ok: true });

		expect(await checkins.find(TALANG_BULANG, code, 'id', sameDay)).toEqual(notFound);
		expect(await checkins.find(TALANG_BULANG, missing, 'id', sameDay)).toEqual(notFound);
		const counts = { [elsewhere.categories.dewasa]: '2' };
		const recorded = await checkins.record(hostId, TALANG_BULANG, code, counts, sameDay);
		expect(recorded).toEqual({ ...notFound, fields: {} });
		expect(await checkins.record(hostId, TALANG_BULANG, missing, counts, sameDay)).toEqual(
			recorded
		);
		expect((await bookingRow(code)).checked_in_count).toBeNull();
	});

	it('reads a count only in decimal digits: 1e2, 0x10, 2.5, -3 and " 3" are refused', async () => {
		const { code } = await book(slotId);
		for (const typed of ['1e2', '0x10', '2.5', '-3', ' 3', '1,5']) {
			expect(
				await checkins.record(hostId, TALANG_BULANG, code, { [categories.dewasa]: typed }, visitDay)
			).toEqual({
				ok: false,
				fields: { [`line.${categories.dewasa}`]: 'Masukkan bilangan bulat.' }
			});
		}
		expect((await bookingRow(code)).checked_in_count).toBeNull();
		expect(
			await checkins.record(hostId, TALANG_BULANG, code, { [categories.dewasa]: '2' }, visitDay)
		).toEqual({ ok: true, checkedInCount: 2 });
	});

	it('refuses a cancelled booking and another day', async () => {
		const { code } = await book(slotId);
		const dayBefore = new Date(visitDay.getTime() - 24 * HOUR);
		const wrongDay = await checkins.find(TALANG_BULANG, code, 'id', dayBefore);
		expect(wrongDay.ok).toBe(false);
		if (!wrongDay.ok)
			expect(wrongDay.message).toMatch(/^Pemesanan ini untuk .+, bukan hari ini\.$/);

		await hostBookings.cancel(hostId, TALANG_BULANG, code, 'Kebun banjir');
		expect(await checkins.find(TALANG_BULANG, code, 'id', visitDay)).toEqual({
			ok: false,
			message: 'Pemesanan ini sudah dibatalkan atau ditolak, jadi tidak bisa check-in.'
		});
		expect((await bookingRow(code)).checked_in_count).toBeNull();
		expect(await checkins.find(TALANG_BULANG, 'TB-ZZZZZZ', 'id', visitDay)).toEqual({
			ok: false,
			message: 'Kode pemesanan tidak ditemukan. Periksa lagi hurufnya.'
		});
	});

	it('marks no-shows only after the slot ended, skips those who came, and can undo one', async () => {
		const start = daysFromNow(4, 8);
		const fixture = await createPackage(testDb.db, { starts: [start] });
		const [slot] = fixture.slotIds;
		const came = await book(slot);
		const absent = await book(slot);
		const during = new Date(start.getTime() + HOUR);
		const after = new Date(start.getTime() + 3 * HOUR);
		await checkins.record(
			hostId,
			TALANG_BULANG,
			came.code,
			{ [fixture.categories.dewasa]: '2' },
			during
		);

		expect(await checkins.markNoShows(hostId, TALANG_BULANG, slot, during)).toEqual({
			ok: false,
			message: 'Sesi ini belum selesai. Tandai yang tidak datang setelah sesi berakhir.'
		});
		expect(await checkins.markNoShows(hostId, BHAYANGKARA, slot, after)).toEqual({
			ok: false,
			message: 'Sesi ini tidak ditemukan di desa ini.'
		});
		expect(await checkins.markNoShows(hostId, TALANG_BULANG, slot, after)).toEqual({
			ok: true,
			marked: 1
		});
		expect((await bookingRow(absent.code)).no_show).toBe(true);
		expect((await bookingRow(came.code)).no_show).toBe(false);
		const manifest = await readDayManifest(
			TALANG_BULANG,
			new Date(start.getTime() + 7 * HOUR).toISOString().slice(0, 10),
			'id',
			after
		);
		const statuses = manifest
			.find((each) => each.id === slot)
			?.bookings.map((b) => [b.code, b.visitStatus] as const);
		expect(new Map(statuses)).toEqual(
			new Map([
				[came.code, 'checked_in'],
				[absent.code, 'no_show']
			])
		);

		expect(await checkins.undoNoShow(hostId, TALANG_BULANG, absent.code)).toEqual({ ok: true });
		expect((await bookingRow(absent.code)).no_show).toBe(false);
	});
});

describe('walk-ins', () => {
	const today = new Date().toISOString().slice(0, 10);
	function form(overrides: Partial<walkIns.WalkInForm> = {}): walkIns.WalkInForm {
		return {
			visitDate: today,
			packageId: '',
			adults: '2',
			children: '1',
			infants: '0',
			originCountry: 'ID',
			originProvince: '16',
			note: '',
			...overrides
		};
	}
	const noon = new Date(`${today}T05:00:00Z`);

	it('gives each bad field its message and records nothing', async () => {
		const count = async () =>
			Number(
				(
					await testDb.db
						.selectFrom('walk_in')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
		const before = await count();
		expect(
			await walkIns.record(hostId, TALANG_BULANG, form({ adults: '0', children: '0' }), noon)
		).toEqual({ ok: false, fields: { adults: 'Isi paling sedikit satu orang.' } });
		expect(await walkIns.record(hostId, TALANG_BULANG, form({ originProvince: '' }), noon)).toEqual(
			{
				ok: false,
				fields: { originProvince: 'Pilih provinsi asal pengunjung Indonesia.' }
			}
		);
		expect(
			await walkIns.record(hostId, TALANG_BULANG, form({ visitDate: '2999-01-01' }), noon)
		).toEqual({
			ok: false,
			fields: { visitDate: 'Tanggal kunjungan tidak boleh di masa depan.' }
		});
		expect(await walkIns.record(hostId, TALANG_BULANG, form({ adults: '1.5' }), noon)).toEqual({
			ok: false,
			fields: { adults: 'Masukkan bilangan bulat.' }
		});
		const other = await createPackage(testDb.db, { starts: [], villageCode: BHAYANGKARA });
		expect(
			await walkIns.record(
				hostId,
				TALANG_BULANG,
				form({ packageId: String(other.packageId) }),
				noon
			)
		).toEqual({ ok: false, fields: { packageId: 'Pilih salah satu pilihan yang ada.' } });
		expect(await count()).toBe(before);
	});

	it('takes a walk-in from 1 January 2020 to today only, on a real calendar day', async () => {
		const walkInsOf = async (date: string) =>
			testDb.db
				.selectFrom('walk_in')
				.select('id')
				.where('visit_date', '=', date)
				.execute()
				.then((rows) => rows.length);
		const tomorrow = addDays(today, 1);
		const tooEarly = 'Tanggal paling awal Rabu, 1 Januari 2020.';
		const refusals: [string, string][] = [
			['0001-01-01', tooEarly],
			['2019-12-31', tooEarly],
			[tomorrow, 'Tanggal kunjungan tidak boleh di masa depan.'],
			['2026-02-30', 'Tanggal ini tidak ada di kalender.'],
			['2026-13-01', 'Tanggal ini tidak ada di kalender.'],
			['0000-01-01', 'Tanggal ini tidak ada di kalender.'],
			['', 'Wajib diisi.']
		];
		for (const [visitDate, message] of refusals) {
			expect(await walkIns.record(hostId, TALANG_BULANG, form({ visitDate }), noon)).toEqual({
				ok: false,
				fields: { visitDate: message }
			});
		}
		expect(await walkInsOf('0001-01-01')).toBe(0);
		expect(await walkInsOf('2019-12-31')).toBe(0);
		expect(await walkInsOf(tomorrow)).toBe(0);

		const before = await walkInsOf(today);
		expect(await walkIns.record(hostId, TALANG_BULANG, form(), noon)).toMatchObject({ ok: true });
		expect(await walkInsOf(today)).toBe(before + 1);
		expect(
			await walkIns.record(hostId, TALANG_BULANG, form({ visitDate: '2020-01-01' }), noon)
		).toMatchObject({ ok: true });
	});

	it('reads people only as decimal digits: 1e2, 0x10, 2.5, -3 and " 3" are refused', async () => {
		const before = await walkIns.countPeopleOfDay(TALANG_BULANG, today);
		for (const adults of ['1e2', '0x10', '2.5', '-3', ' 3']) {
			expect(await walkIns.record(hostId, TALANG_BULANG, form({ adults }), noon)).toEqual({
				ok: false,
				fields: { adults: 'Masukkan bilangan bulat.' }
			});
		}
		expect(await walkIns.countPeopleOfDay(TALANG_BULANG, today)).toBe(before);
		const three = await walkIns.record(
			hostId,
			TALANG_BULANG,
			form({ adults: '3', children: '0' }),
			noon
		);
		expect(three.ok).toBe(true);
		expect(await walkIns.countPeopleOfDay(TALANG_BULANG, today)).toBe(before + 3);
	});

	it('records walk-ins that count for the day and may be deleted on that day only', async () => {
		const day = '2026-03-10';
		const recordedAt = new Date('2026-03-10T03:00:00Z');
		const peopleBefore = await walkIns.countPeopleOfDay(TALANG_BULANG, day);
		const first = await walkIns.record(hostId, TALANG_BULANG, form({ visitDate: day }), recordedAt);
		const second = await walkIns.record(
			hostId,
			TALANG_BULANG,
			form({
				visitDate: day,
				adults: '1',
				children: '0',
				infants: '2',
				originCountry: 'MY',
				originProvince: '16'
			}),
			recordedAt
		);
		expect(first.ok && second.ok).toBe(true);
		if (!first.ok || !second.ok) return;
		expect(await walkIns.countPeopleOfDay(TALANG_BULANG, day)).toBe(peopleBefore + 6);
		const foreign = await testDb.db
			.selectFrom('walk_in')
			.select(['origin_country', 'origin_province', 'recorded_by'])
			.where('id', '=', second.id)
			.executeTakeFirstOrThrow();
		expect(foreign).toEqual({ origin_country: 'MY', origin_province: null, recorded_by: hostId });

		const nextDay = new Date('2026-03-11T03:00:00Z');
		expect(await walkIns.remove(hostId, TALANG_BULANG, first.id, nextDay)).toEqual({
			ok: false,
			message: 'Walk-in hanya bisa dihapus pada hari yang sama saat dicatat.'
		});
		expect(await walkIns.remove(hostId, BHAYANGKARA, first.id, recordedAt)).toEqual({
			ok: false,
			message: 'Catatan walk-in ini tidak ditemukan.'
		});
		expect(await walkIns.remove(hostId, TALANG_BULANG, first.id, recordedAt)).toEqual({ ok: true });
		expect(await walkIns.countPeopleOfDay(TALANG_BULANG, day)).toBe(peopleBefore + 3);
	});
});

describe('answering requests and cancelling', () => {
	it('accepts a request with an e-mail, and declines another with its seats released', async () => {
		const fixture = await createPackage(testDb.db, {
			starts: [daysFromNow(6)],
			bookingMode: 'request'
		});
		const [slot] = fixture.slotIds;
		const accepted = await book(slot);
		const declined = await book(slot);
		expect(accepted.status).toBe('requested');
		expect((await slotRow(slot)).seats_taken).toBe(6);

		expect(await hostBookings.accept(hostId, TALANG_BULANG, accepted.code)).toEqual({ ok: true });
		expect((await bookingRow(accepted.code)).status).toBe('confirmed');
		const acceptedMail = await outboxOf(accepted.code);
		expect(acceptedMail.map((row) => row.template)).toEqual([
			'booking_requested',
			'booking_accepted'
		]);
		expect((acceptedMail[1].payload as { manageUrl: string }).manageUrl).toContain(
			`/pesanan/${accepted.code}/`
		);

		expect(hostBookings.readReason('  ')).toEqual({
			ok: false,
			fields: { reason: 'Wajib diisi.' }
		});
		expect(
			await hostBookings.decline(hostId, TALANG_BULANG, declined.code, 'Rombongan penuh')
		).toEqual({ ok: true });
		const row = await bookingRow(declined.code);
		expect(row.status).toBe('declined');
		expect(row.cancel_reason).toBe('Rombongan penuh');
		expect((await slotRow(slot)).seats_taken).toBe(3);
		const declinedMail = await outboxOf(declined.code);
		expect(declinedMail.map((each) => each.template)).toEqual([
			'booking_requested',
			'booking_declined'
		]);
		expect(declinedMail[1].payload).toMatchObject({ reason: 'Rombongan penuh' });

		expect(await hostBookings.accept(hostId, TALANG_BULANG, declined.code)).toEqual({
			ok: false,
			message: 'Pemesanan ini sudah ditolak sebelumnya.'
		});
		expect(await hostBookings.accept(hostId, BHAYANGKARA, accepted.code)).toEqual({
			ok: false,
			message: 'Pemesanan ini tidak ditemukan di desa ini.'
		});
	});

	it('cancels one booking: seats back, tourist told with the reason, audited', async () => {
		const fixture = await createPackage(testDb.db, { starts: [daysFromNow(7)] });
		const [slot] = fixture.slotIds;
		const { code } = await book(slot);
		const auditBefore = await auditCount();
		expect(await hostBookings.cancel(hostId, TALANG_BULANG, code, 'Nanas belum matang')).toEqual({
			ok: true
		});
		expect((await slotRow(slot)).seats_taken).toBe(0);
		const row = await bookingRow(code);
		expect(row.status).toBe('cancelled_by_host');
		const mail = await outboxOf(code);
		expect(mail.at(-1)).toMatchObject({
			template: 'booking_cancelled_by_host',
			recipient: 'siti@example.com',
			payload: { reason: 'Nanas belum matang' }
		});
		expect(await auditCount()).toBe(auditBefore + 1);
		expect(await hostBookings.cancel(hostId, TALANG_BULANG, code, 'lagi')).toEqual({
			ok: false,
			message: 'Pemesanan ini sudah dibatalkan sebelumnya.'
		});
		expect((await slotRow(slot)).seats_taken).toBe(0);
	});

	it('cancels a whole day: every slot, every active booking, one e-mail each, all seats back', async () => {
		const morning = daysFromNow(8, 8);
		const afternoon = daysFromNow(8, 14);
		const fixture = await createPackage(testDb.db, {
			starts: [morning, afternoon, daysFromNow(9, 8)]
		});
		const [first, second, nextDay] = fixture.slotIds;
		const codes = [
			(await book(first)).code,
			(
				await book(first, {
					contact: { name: 'Budi', phone: '081298765432', email: 'budi@example.com' }
				})
			).code,
			(await book(second)).code
		];
		const untouched = (await book(nextDay)).code;
		const date = new Date(morning.getTime() + 7 * HOUR).toISOString().slice(0, 10);

		const result = await cancelDay(hostId, TALANG_BULANG, date, 'Hujan deras');
		expect(result).toEqual({ ok: true, cancelled: 3, told: 3 });
		for (const slot of [first, second]) {
			expect(await slotRow(slot)).toMatchObject({
				seats_taken: 0,
				status: 'cancelled',
				cancel_reason: 'Hujan deras'
			});
		}
		for (const code of codes) {
			expect((await bookingRow(code)).status).toBe('cancelled_by_host');
			expect(
				(await outboxOf(code)).filter((row) => row.template === 'booking_cancelled_by_host')
			).toHaveLength(1);
		}
		expect((await bookingRow(untouched)).status).toBe('confirmed');
		expect((await slotRow(nextDay)).seats_taken).toBe(3);

		expect(await cancelDay(hostId, TALANG_BULANG, date, 'Hujan deras')).toEqual({
			ok: false,
			message: 'Sesi ini sudah dibatalkan sebelumnya.'
		});
		const afterStart = new Date(daysFromNow(9, 8).getTime() + 60_000);
		expect(await cancelSlot(hostId, TALANG_BULANG, nextDay, 'Hujan', afterStart)).toEqual({
			ok: false,
			message: 'Sesi ini sudah dimulai atau selesai, jadi tidak bisa dibatalkan lagi.'
		});
		expect((await bookingRow(untouched)).status).toBe('confirmed');
		expect(await cancelSlot(hostId, BHAYANGKARA, nextDay, 'Hujan')).toEqual({
			ok: false,
			message: 'Sesi ini tidak ditemukan di desa ini.'
		});
	});

	it('explains, rather than fails, when the tourist cancelled a moment before the host', async () => {
		const fixture = await createPackage(testDb.db, { starts: [daysFromNow(10)] });
		const [slot] = fixture.slotIds;
		const booking = await book(slot);
		expect((await bookings.cancelByTourist(booking.code, booking.secret)).ok).toBe(true);
		expect(await hostBookings.cancel(hostId, TALANG_BULANG, booking.code, 'Hujan')).toEqual({
			ok: false,
			message:
				'Wisatawan baru saja membatalkan pemesanan ini sendiri, jadi tidak ada yang perlu diubah.'
		});
		expect((await slotRow(slot)).seats_taken).toBe(0);

		// Both at once: whichever takes the row lock first wins; the seats go back exactly once.
		const raced = await book(slot);
		const [tourist, host] = await Promise.all([
			bookings.cancelByTourist(raced.code, raced.secret),
			hostBookings.cancel(hostId, TALANG_BULANG, raced.code, 'Hujan')
		]);
		expect([tourist.ok, host.ok].filter(Boolean)).toHaveLength(1);
		expect((await slotRow(slot)).seats_taken).toBe(0);
	});
});
