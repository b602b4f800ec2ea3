// A booking without products is written by one statement: the seats, the booking, its lines and
// its confirmation commit together or not at all.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bookingInput } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import { parse } from '$lib/validation';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

let testDb: TestDb;
beforeAll(async () => {
	testDb = await createTestDb();
});
afterAll(() => testDb.close());

function input(raw: unknown) {
	const parsed = parse(bookingInput, raw);
	if (!parsed.ok) throw new Error(`fixture is invalid: ${JSON.stringify(parsed.fields)}`);
	return parsed.data;
}

/** What the slots hold: seats taken, bookings, their lines and their messages. */
async function written(slotIds: number[]) {
	const slots = await testDb.db
		.selectFrom('slot')
		.select((eb) => eb.fn.sum<number>('seats_taken').as('taken'))
		.where('id', 'in', slotIds)
		.executeTakeFirstOrThrow();
	const rows = await testDb.db
		.selectFrom('booking')
		.select(['id', 'code', 'seats'])
		.where('slot_id', 'in', slotIds)
		.execute();
	const codes = rows.map((row) => row.code);
	const lines = rows.length
		? await testDb.db
				.selectFrom('booking_line')
				.select(['booking_id', 'quantity', 'takes_seat'])
				.where(
					'booking_id',
					'in',
					rows.map((row) => row.id)
				)
				.execute()
		: [];
	const messages = (
		await testDb.db.selectFrom('outbox_message').select(['template', 'payload']).execute()
	).filter((message) => codes.includes(message.payload.code as string));
	return {
		seatsTaken: Number(slots.taken ?? 0),
		bookings: rows,
		seatsBooked: rows.reduce((sum, row) => sum + row.seats, 0),
		lines,
		messages
	};
}

describe('one statement for a booking without products', () => {
	it('writes the booking, its lines and its message with the seats', async () => {
		const { slotIds } = await createPackage(testDb.db, {
			starts: [daysFromNow(9)],
			bookingMode: 'request'
		});
		const now = new Date();
		const result = await bookings.create(input(bookingRequest(slotIds[0])), { now });
		if (!result.ok) throw new Error(`booking failed: ${result.error}`);
		const state = await written(slotIds);
		expect(state.seatsTaken).toBe(3);
		expect(state.bookings).toHaveLength(1);
		expect(state.lines).toHaveLength(2);
		expect(state.messages).toHaveLength(1);
		expect(state.messages[0].template).toBe('booking_requested');
		expect(state.messages[0].payload).toMatchObject({
			code: result.booking.code,
			packageTitle: 'Petik nanas (uji)',
			people: 3,
			totalIdr: 90000,
			lines: [
				{ label: 'Dewasa', quantity: 2, unitPriceIdr: 35000 },
				{ label: 'Anak', quantity: 1, unitPriceIdr: 20000 }
			],
			products: null,
			manageUrl: result.booking.manageUrl,
			respondBy: new Date(now.getTime() + 24 * 3_600_000).toISOString()
		});
	});

	it('writes no message for a tourist who left no address', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(9)] });
		const result = await bookings.create(
			input(
				bookingRequest(slotIds[0], {
					contact: { name: 'Siti Aminah', phone: '0812-3456-7890', email: '' }
				})
			)
		);
		expect(result.ok).toBe(true);
		const state = await written(slotIds);
		expect(state.bookings).toHaveLength(1);
		expect(state.messages).toHaveLength(0);
	});

	it('writes no booking, line or message when the seats are gone', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(9)], capacity: 4 });
		const first = await bookings.create(input(bookingRequest(slotIds[0])));
		expect(first.ok).toBe(true);
		const before = await written(slotIds);
		const outboxBefore = await testDb.db
			.selectFrom('outbox_message')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const refused = await bookings.create(input(bookingRequest(slotIds[0])));
		expect(refused).toMatchObject({ ok: false, error: 'not_enough_seats', seatsLeft: 1 });
		const after = await written(slotIds);
		expect(after).toEqual(before);
		const outboxAfter = await testDb.db
			.selectFrom('outbox_message')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(outboxAfter.n)).toBe(Number(outboxBefore.n));
	});
});

describe.skipIf(!postgresUrl)('one statement under concurrency (PostgreSQL)', () => {
	it('never oversells a slot, and every booking has its lines and its message', async () => {
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(9)], capacity: 25 });
		// A second module graph with its own pool is a second app instance on the same database.
		vi.resetModules();
		const otherDb = await import('$lib/server/db');
		const otherBookings = await import('$lib/server/bookings');
		otherDb.setDb(testDb.connectAgain());
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, i) => {
				const request = input(
					bookingRequest(slotIds[0], { party: [{ category: 'dewasa', quantity: 1 + (i % 3) }] })
				);
				return i % 2 === 0 ? bookings.create(request) : otherBookings.create(request);
			})
		);
		const state = await written(slotIds);
		expect(state.seatsTaken).toBe(state.seatsBooked);
		expect(state.seatsTaken).toBeLessThanOrEqual(25);
		expect(state.seatsTaken).toBeGreaterThanOrEqual(23);
		expect(state.bookings).toHaveLength(results.filter((result) => result.ok).length);
		expect(state.lines).toHaveLength(state.bookings.length);
		expect(state.messages).toHaveLength(state.bookings.length);
		for (const result of results) {
			if (result.ok) continue;
			expect(result.error).toBe('not_enough_seats');
			if (result.error === 'not_enough_seats') expect(result.seatsLeft).toBeLessThan(3);
		}
	});

	it('takes no seats for a request whose idempotency key lost the race on another slot', async () => {
		const { slotIds } = await createPackage(testDb.db, {
			starts: [daysFromNow(9), daysFromNow(10)]
		});
		const results = await Promise.all(
			Array.from({ length: 16 }, (_, i) =>
				bookings.create(input(bookingRequest(slotIds[i % 2])), {
					idempotencyKey: 'key-raced-over-two-slots'
				})
			)
		);
		const state = await written(slotIds);
		expect(state.bookings).toHaveLength(1);
		expect(state.seatsTaken).toBe(3);
		expect(state.lines).toHaveLength(2);
		expect(state.messages).toHaveLength(1);
		const codes = new Set(results.flatMap((result) => (result.ok ? [result.booking.code] : [])));
		expect([...codes]).toEqual([state.bookings[0].code]);
		for (const result of results) {
			if (!result.ok) expect(result.error).toBe('idempotency_key_reused');
		}
	});
});
