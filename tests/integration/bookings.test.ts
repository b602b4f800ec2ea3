import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bookingInput } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import { parse } from '$lib/validation';
import { load as bookingFormLoad } from '../../src/routes/paket/[slug]/pesan/+page.server';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

let testDb: TestDb;
beforeAll(async () => {
	testDb = await createTestDb();
});
afterAll(() => testDb.close());

async function book(raw: unknown, options: { idempotencyKey?: string; now?: Date } = {}) {
	const parsed = parse(bookingInput, raw);
	if (!parsed.ok) return { ok: false as const, error: 'invalid' as const, fields: parsed.fields };
	return bookings.create(parsed.data, options);
}

function fieldsOf(result: Awaited<ReturnType<typeof book>>): Record<string, string> {
	return 'fields' in result ? result.fields : {};
}

async function seatsTaken(slotId: number) {
	const slot = await testDb.db
		.selectFrom('slot')
		.select(['seats_taken', 'capacity'])
		.where('id', '=', slotId)
		.executeTakeFirstOrThrow();
	return slot.seats_taken;
}

async function bookingCount(slotId: number) {
	const row = await testDb.db
		.selectFrom('booking')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('slot_id', '=', slotId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('booking a slot', () => {
	let slotId: number;
	beforeEach(async () => {
		({
			slotIds: [slotId]
		} = await createPackage(testDb.db, { starts: [daysFromNow(10)], capacity: 25 }));
	});

	it('prices the party on the server, takes the seats and confirms with a readable code', async () => {
		const result = await book(bookingRequest(slotId));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.booking).toMatchObject({
			status: 'confirmed',
			seats: 3,
			people: 3,
			totalIdr: 90000
		});
		expect(result.booking.code).toMatch(/^TB-[2-9A-HJKMNP-Z]{6}$/);
		expect(result.booking.secret.length).toBeGreaterThanOrEqual(32);
		expect(result.booking.manageUrl).toMatch(
			new RegExp(`/pesanan/${result.booking.code}/${result.booking.secret}$`)
		);
		expect(await seatsTaken(slotId)).toBe(3);
		const row = await testDb.db
			.selectFrom('booking')
			.selectAll()
			.where('code', '=', result.booking.code)
			.executeTakeFirstOrThrow();
		expect(row.contact_phone).toBe('+6281234567890');
		expect(row.manage_secret_hash).not.toContain(result.booking.secret);
		const lines = await testDb.db
			.selectFrom('booking_line')
			.select(['category_code', 'quantity', 'unit_price_idr'])
			.where('booking_id', '=', row.id)
			.orderBy('category_code')
			.execute();
		expect(lines).toEqual([
			{ category_code: 'anak', quantity: 1, unit_price_idr: 20000 },
			{ category_code: 'dewasa', quantity: 2, unit_price_idr: 35000 }
		]);
		const mail = await testDb.db
			.selectFrom('outbox_message')
			.selectAll()
			.where('recipient', '=', 'siti@example.com')
			.where('template', '=', 'booking_confirmed')
			.execute();
		expect(mail.map((message) => message.payload.code)).toContain(result.booking.code);
	});

	it('lets infants come along without a seat', async () => {
		const result = await book(
			bookingRequest(slotId, {
				party: [
					{ category: 'dewasa', quantity: 1 },
					{ category: 'balita', quantity: 1 }
				]
			})
		);
		expect(result.ok && result.booking).toMatchObject({ seats: 1, people: 2, totalIdr: 35000 });
		expect(await seatsTaken(slotId)).toBe(1);
	});

	it('refuses a party larger than the seats left, saying how many are left', async () => {
		const small = await createPackage(testDb.db, { starts: [daysFromNow(11)], capacity: 5 });
		const [id] = small.slotIds;
		expect(
			(await book(bookingRequest(id, { party: [{ category: 'dewasa', quantity: 4 }] }))).ok
		).toBe(true);
		const refused = await book(
			bookingRequest(id, { party: [{ category: 'dewasa', quantity: 2 }] })
		);
		expect(refused).toMatchObject({ ok: false, error: 'not_enough_seats', seatsLeft: 1 });
		expect(await seatsTaken(id)).toBe(4);
		expect(await bookingCount(id)).toBe(1);
	});

	it('gives each bad field its own message and writes nothing', async () => {
		const cases: [Record<string, unknown>, string, RegExp][] = [
			[{ contact: { name: 'A', phone: '12345', email: '' } }, 'contact.phone', /Nomor telepon/],
			[
				{ contact: { name: 'A', phone: '081234567890', email: 'not-mail' } },
				'contact.email',
				/e-mail/
			],
			[{ contact: { name: '', phone: '081234567890' } }, 'contact.name', /Wajib/],
			[{ contact: { name: 'x'.repeat(101), phone: '081234567890' } }, 'contact.name', /100/],
			[{ origin: { country: 'ID' } }, 'origin.province', /provinsi/i],
			[{ origin: { country: 'ID', province: '99' } }, 'origin.province', /Provinsi tidak dikenal/],
			[{ origin: { country: 'XX' } }, 'origin.country', /Negara tidak dikenal/],
			[{ party: [{ category: 'dewasa', quantity: 0 }] }, 'party', /paling sedikit satu/],
			[{ party: [{ category: 'dewasa', quantity: 21 }] }, 'party', /paling banyak 20/],
			[{ party: [{ category: 'dewasa', quantity: -1 }] }, 'party.0.quantity', /Paling sedikit 0/],
			[{ party: [{ category: 'dewasa', quantity: 1.5 }] }, 'party.0.quantity', /bilangan bulat/],
			[{ party: [{ category: 'vip', quantity: 1 }] }, 'party.0.category', /tidak dikenal/],
			[{ slotId: 987654 }, 'slotId', /tidak ada/],
			[{ slotId: '1' }, 'slotId', /./],
			[{ language: 'fr' }, 'language', /./]
		];
		for (const [override, field, message] of cases) {
			const result = await book(bookingRequest(slotId, override));
			expect(result.ok, field).toBe(false);
			if (result.ok) continue;
			expect(result.fields[field], JSON.stringify(override)).toMatch(message);
		}
		expect(await seatsTaken(slotId)).toBe(0);
		expect(await bookingCount(slotId)).toBe(0);
	});

	it('enforces the cut-off, closed slots, season and publication on the server', async () => {
		const soon = await createPackage(testDb.db, { starts: [daysFromNow(0, 23)], cutoffHours: 48 });
		expect(fieldsOf(await book(bookingRequest(soon.slotIds[0]))).slotId).toMatch(
			/ditutup \(48 jam/
		);

		const offSeason = await createPackage(testDb.db, {
			starts: [daysFromNow(10)],
			seasonMonths: []
		});
		expect(fieldsOf(await book(bookingRequest(offSeason.slotIds[0]))).slotId).toMatch(
			/di luar musim/
		);

		const draft = await createPackage(testDb.db, { starts: [daysFromNow(10)], status: 'draft' });
		expect(fieldsOf(await book(bookingRequest(draft.slotIds[0]))).slotId).toMatch(/tidak menerima/);

		await testDb.db
			.updateTable('slot')
			.set({ status: 'closed' })
			.where('id', '=', slotId)
			.execute();
		expect(fieldsOf(await book(bookingRequest(slotId))).slotId).toMatch(/ditutup oleh pengelola/);
		expect(await bookingCount(slotId)).toBe(0);
	});

	it('holds seats for a request until the host answers', async () => {
		const onRequest = await createPackage(testDb.db, {
			starts: [daysFromNow(12)],
			bookingMode: 'request'
		});
		const now = new Date();
		const result = await book(bookingRequest(onRequest.slotIds[0]), { now });
		expect(result.ok && result.booking.status).toBe('requested');
		expect(await seatsTaken(onRequest.slotIds[0])).toBe(3);
		const row = await testDb.db
			.selectFrom('booking')
			.select('respond_by')
			.where('slot_id', '=', onRequest.slotIds[0])
			.executeTakeFirstOrThrow();
		expect(new Date(row.respond_by!).getTime()).toBe(now.getTime() + 24 * 3_600_000);

		// Unanswered past the deadline, the request expires and the seats come back.
		expect(await bookings.expireRequests(new Date(now.getTime() + 23 * 3_600_000))).toBe(0);
		expect(await bookings.expireRequests(new Date(now.getTime() + 25 * 3_600_000))).toBe(1);
		expect(await seatsTaken(onRequest.slotIds[0])).toBe(0);
		const expired = await testDb.db
			.selectFrom('booking')
			.select('status')
			.where('slot_id', '=', onRequest.slotIds[0])
			.executeTakeFirstOrThrow();
		expect(expired.status).toBe('expired');
	});
});

describe('idempotency', () => {
	it('returns the first booking for a replay and creates nothing more', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)] });
		const first = await book(bookingRequest(slotIds[0]), { idempotencyKey: 'key-replay-1' });
		const again = await book(bookingRequest(slotIds[0]), { idempotencyKey: 'key-replay-1' });
		expect(first.ok && again.ok).toBe(true);
		if (!first.ok || !again.ok) return;
		expect(again.replayed).toBe(true);
		expect(again.booking).toEqual(first.booking);
		expect(await bookingCount(slotIds[0])).toBe(1);
		expect(await seatsTaken(slotIds[0])).toBe(3);
	});

	it('refuses the same key with a different request', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)] });
		await book(bookingRequest(slotIds[0]), { idempotencyKey: 'key-reuse-1' });
		const other = await book(
			bookingRequest(slotIds[0], { party: [{ category: 'dewasa', quantity: 5 }] }),
			{ idempotencyKey: 'key-reuse-1' }
		);
		expect(other).toMatchObject({ ok: false, error: 'idempotency_key_reused' });
		expect(await seatsTaken(slotIds[0])).toBe(3);
	});

	it('makes one booking from many concurrent submissions with one key', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)] });
		const results = await Promise.all(
			Array.from({ length: 12 }, () =>
				book(bookingRequest(slotIds[0]), { idempotencyKey: 'key-double-click' })
			)
		);
		const codes = new Set(
			results.map((result) => (result.ok ? result.booking.code : result.error))
		);
		expect(codes.size).toBe(1);
		expect(await bookingCount(slotIds[0])).toBe(1);
		expect(await seatsTaken(slotIds[0])).toBe(3);
	});
});

describe.skipIf(!postgresUrl)('no overbooking under concurrency (PostgreSQL)', () => {
	it('sells exactly the capacity to concurrent requests from two app instances', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)], capacity: 25 });
		// A second module graph with its own pool is a second app instance on the same database.
		vi.resetModules();
		const otherDb = await import('$lib/server/db');
		const otherBookings = await import('$lib/server/bookings');
		otherDb.setDb(testDb.connectAgain());
		const request = () => {
			const parsed = parse(
				bookingInput,
				bookingRequest(slotIds[0], { party: [{ category: 'dewasa', quantity: 1 }] })
			);
			if (!parsed.ok) throw new Error('fixture is invalid');
			return parsed.data;
		};
		const results = await Promise.all(
			Array.from({ length: 80 }, (_, i) =>
				i % 2 === 0 ? bookings.create(request()) : otherBookings.create(request())
			)
		);
		const sold = results.filter((result) => result.ok).length;
		const refused = results.filter((result) => !result.ok && result.error === 'not_enough_seats');
		expect(sold).toBe(25);
		expect(refused).toHaveLength(55);
		expect(await seatsTaken(slotIds[0])).toBe(25);
		expect(await bookingCount(slotIds[0])).toBe(25);
	});

	it('has the database refuse an overbooking even if the app tried one', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)], capacity: 2 });
		await expect(
			testDb.db.updateTable('slot').set({ seats_taken: 3 }).where('id', '=', slotIds[0]).execute()
		).rejects.toThrow(/check constraint/);
	});
});

describe('managing and cancelling', () => {
	it('shows the booking behind the manage link and only with the right secret', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)] });
		const result = await book(bookingRequest(slotIds[0]));
		if (!result.ok) throw new Error('booking failed');
		const view = await bookings.findForManage(result.booking.code, result.booking.secret, 'en');
		expect(view).toMatchObject({
			people: 3,
			totalIdr: 90000,
			packageTitle: 'Pineapple picking (test)'
		});
		expect(view?.lines.map((line) => line.label)).toEqual(['Adult', 'Child']);
		expect(await bookings.findForManage(result.booking.code, 'x'.repeat(32), 'en')).toBeUndefined();
	});

	it('cancels within the window and gives the seats back at once', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)] });
		const result = await book(bookingRequest(slotIds[0]));
		if (!result.ok) throw new Error('booking failed');
		const { code, secret } = result.booking;
		expect(await bookings.cancelByTourist(code, 'wrong-secret')).toMatchObject({
			error: 'not_found'
		});
		expect(await seatsTaken(slotIds[0])).toBe(3);
		expect(await bookings.cancelByTourist(code, secret)).toEqual({ ok: true, seatsReleased: 3 });
		expect(await seatsTaken(slotIds[0])).toBe(0);
		expect(await bookings.cancelByTourist(code, secret)).toMatchObject({ error: 'not_active' });
		expect(await seatsTaken(slotIds[0])).toBe(0);
		const row = await testDb.db
			.selectFrom('booking')
			.select('status')
			.where('code', '=', code)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('cancelled_by_tourist');
	});

	it('refuses a cancellation inside the window', async () => {
		const start = daysFromNow(3);
		const { slotIds } = await createPackage(testDb.db, { starts: [start], cancelHours: 24 });
		const result = await book(bookingRequest(slotIds[0]));
		if (!result.ok) throw new Error('booking failed');
		const late = new Date(start.getTime() - 23 * 3_600_000);
		expect(
			await bookings.cancelByTourist(result.booking.code, result.booking.secret, late)
		).toMatchObject({
			ok: false,
			error: 'too_late'
		});
		expect(await seatsTaken(slotIds[0])).toBe(3);
	});
});

describe('the booking form before a visit inside the cancellation window', () => {
	async function formFor(slug: string, slotId: number) {
		return (await bookingFormLoad({
			params: { slug },
			url: new URL(`http://localhost/paket/${slug}/pesan?slot=${slotId}`),
			locals: { locale: 'id' }
		} as never)) as { slot?: { id: number }; cancelClosed: boolean };
	}

	it('says the booking cannot be cancelled online only when the visit is that close', async () => {
		const slug = 'paket-uji-batal-dekat';
		const soon = new Date(Date.now() + 10 * 3_600_000);
		const later = new Date(Date.now() + 30 * 3_600_000);
		const { slotIds } = await createPackage(testDb.db, {
			slug,
			starts: [soon, later],
			cutoffHours: 2,
			cancelHours: 24
		});
		const near = await formFor(slug, slotIds[0]);
		expect(near.slot?.id).toBe(slotIds[0]);
		expect(near.cancelClosed).toBe(true);
		const far = await formFor(slug, slotIds[1]);
		expect(far.slot?.id).toBe(slotIds[1]);
		expect(far.cancelClosed).toBe(false);
		// And what the notice promises holds: the near visit, once booked, is refused a cancel.
		const booked = await book(bookingRequest(slotIds[0]));
		if (!booked.ok) throw new Error('booking failed');
		expect(
			await bookings.cancelByTourist(booked.booking.code, booked.booking.secret)
		).toMatchObject({ ok: false, error: 'too_late' });
	});
});
