import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isoWib } from '$lib/format';
import * as availability from '$lib/server/availability';
import type { BookingStatus } from '$lib/server/db/schema';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';

let testDb: TestDb;
beforeAll(async () => {
	testDb = await createTestDb();
});
afterAll(() => testDb.close());

// Tuesday 1 December 2026, 07:00 WIB.
const now = new Date('2026-12-01T00:00:00Z');
const talangBulang = '16.12.01.2001';
const tuesdayToSunday = {
	weekdays: [2, 3, 4, 5, 6, 7],
	startTimes: ['08:00', '14:00'],
	capacity: 25,
	validFrom: '2026-11-01',
	validTo: null
};

let packageId: number;
let packageCount = 0;

async function createPackage(status: 'published' | 'draft' = 'published'): Promise<number> {
	packageCount += 1;
	const { id } = await testDb.db
		.insertInto('tour_package')
		.values({
			village_code: talangBulang,
			slug: `test-paket-${packageCount}`,
			title_id: 'Paket uji',
			title_en: 'Test package',
			description_id: 'Uji',
			description_en: 'Test',
			duration_minutes: 120,
			max_party: 20,
			cutoff_hours: 12,
			status
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await testDb.db
		.insertInto('availability_rule')
		.values({
			package_id: id,
			weekdays: tuesdayToSunday.weekdays,
			start_times: tuesdayToSunday.startTimes,
			capacity: tuesdayToSunday.capacity,
			valid_from: tuesdayToSunday.validFrom
		})
		.execute();
	return id;
}

async function slotAt(id: number, startsAt: string) {
	return testDb.db
		.selectFrom('slot')
		.selectAll()
		.where('package_id', '=', id)
		.where('starts_at', '=', new Date(startsAt))
		.executeTakeFirstOrThrow();
}

async function slotsOf(id: number) {
	return testDb.db
		.selectFrom('slot')
		.select(['id', 'local_date', 'starts_at', 'ends_at', 'capacity', 'seats_taken', 'status'])
		.where('package_id', '=', id)
		.orderBy('starts_at')
		.execute();
}

async function scheduleOf(id: number) {
	const [rules, exceptions, pkg] = await Promise.all([
		testDb.db
			.selectFrom('availability_rule')
			.select(['weekdays', 'start_times', 'capacity', 'valid_from', 'valid_to'])
			.where('package_id', '=', id)
			.execute(),
		testDb.db
			.selectFrom('availability_exception')
			.select(['date', 'closed', 'capacity', 'start_times'])
			.where('package_id', '=', id)
			.execute(),
		testDb.db
			.selectFrom('tour_package')
			.select('season_months')
			.where('id', '=', id)
			.executeTakeFirstOrThrow()
	]);
	return { rules, exceptions, seasonMonths: pkg.season_months };
}

let bookingCount = 0;
/** Seats taken by a booking, set up directly as the booking module would leave them. */
async function book(slotId: number, seats: number, status: BookingStatus = 'confirmed') {
	bookingCount += 1;
	const code = `TB-TEST${String(bookingCount).padStart(2, '0')}`;
	const slot = await testDb.db
		.selectFrom('slot')
		.select(['package_id'])
		.where('id', '=', slotId)
		.executeTakeFirstOrThrow();
	await testDb.db
		.insertInto('booking')
		.values({
			code,
			slot_id: slotId,
			package_id: slot.package_id,
			village_code: talangBulang,
			status,
			seats,
			people: Math.max(seats, 1),
			total_idr: seats * 35_000,
			contact_name: 'Uji',
			contact_phone: '+6281200000000',
			origin_country: 'SG',
			language: 'id',
			manage_secret_hash: 'x'
		})
		.execute();
	if (status === 'requested' || status === 'confirmed') {
		await testDb.db
			.updateTable('slot')
			.set((eb) => ({ seats_taken: eb('seats_taken', '+', seats) }))
			.where('id', '=', slotId)
			.execute();
	}
	return code;
}

describe('materialize', () => {
	beforeEach(async () => {
		packageId = await createPackage();
	});

	it('inserts the slots of the whole horizon, and changes nothing when run again', async () => {
		const first = await availability.materialize(packageId, { now });
		// 1 Dec 2026 … 30 May 2027 is 181 days, 25 of them Mondays; two starts a day.
		expect(first).toEqual({ ok: true, inserted: 312, updated: 0, removed: 0 });
		const slots = await slotsOf(packageId);
		expect(slots).toHaveLength(312);
		expect(slots[0]).toMatchObject({ local_date: '2026-12-01', capacity: 25, status: 'open' });
		expect(isoWib(slots[0].starts_at)).toBe('2026-12-01T08:00:00+07:00');
		expect(isoWib(slots[0].ends_at)).toBe('2026-12-01T10:00:00+07:00');
		expect(slots.at(-1)?.local_date).toBe('2027-05-30');
		expect(slots.some((slot) => slot.local_date === '2026-12-07')).toBe(false);

		const second = await availability.materialize(packageId, { now });
		expect(second).toEqual({ ok: true, inserted: 0, updated: 0, removed: 0 });
		expect(await slotsOf(packageId)).toEqual(slots);
	});

	it('leaves slots that already started alone', async () => {
		await availability.materialize(packageId, { now });
		const later = new Date('2026-12-05T03:00:00Z'); // Saturday 10:00 WIB
		await testDb.db.deleteFrom('availability_rule').where('package_id', '=', packageId).execute();
		const result = await availability.materialize(packageId, { now: later });
		expect(result.ok).toBe(true);
		const remaining = await slotsOf(packageId);
		expect(remaining.map((slot) => isoWib(slot.starts_at))).toEqual([
			'2026-12-01T08:00:00+07:00',
			'2026-12-01T14:00:00+07:00',
			'2026-12-02T08:00:00+07:00',
			'2026-12-02T14:00:00+07:00',
			'2026-12-03T08:00:00+07:00',
			'2026-12-03T14:00:00+07:00',
			'2026-12-04T08:00:00+07:00',
			'2026-12-04T14:00:00+07:00',
			'2026-12-05T08:00:00+07:00'
		]);
	});

	it('closes rather than deletes an unwanted slot that a cancelled booking points at', async () => {
		await availability.materialize(packageId, { now });
		const slot = await slotAt(packageId, '2026-12-05T01:00:00Z');
		await book(slot.id, 2, 'cancelled_by_tourist');
		const result = await availability.replaceSchedule(
			packageId,
			{
				rules: [tuesdayToSunday],
				exceptions: [{ date: '2026-12-05', closed: true, capacity: null, startTimes: null }]
			},
			{ now }
		);
		expect(result).toEqual({ ok: true });
		expect(await slotAt(packageId, '2026-12-05T01:00:00Z')).toMatchObject({ status: 'closed' });
		await expect(slotAt(packageId, '2026-12-05T07:00:00Z')).rejects.toThrow();
		// Opened again, the closed slot comes back rather than a second one.
		expect(
			await availability.replaceSchedule(
				packageId,
				{ rules: [tuesdayToSunday], exceptions: [] },
				{ now }
			)
		).toEqual({
			ok: true
		});
		expect(await slotAt(packageId, '2026-12-05T01:00:00Z')).toMatchObject({
			id: slot.id,
			status: 'open'
		});
		expect(await slotAt(packageId, '2026-12-05T07:00:00Z')).toMatchObject({ status: 'open' });
	});

	it('keeps a slot the host cancelled cancelled', async () => {
		await availability.materialize(packageId, { now });
		const slot = await slotAt(packageId, '2026-12-06T01:00:00Z');
		await testDb.db
			.updateTable('slot')
			.set({ status: 'cancelled' })
			.where('id', '=', slot.id)
			.execute();
		expect(await availability.materialize(packageId, { now })).toEqual({
			ok: true,
			inserted: 0,
			updated: 0,
			removed: 0
		});
		expect(await slotAt(packageId, '2026-12-06T01:00:00Z')).toMatchObject({ status: 'cancelled' });
	});

	it('follows a new duration by moving the end of future slots', async () => {
		await availability.materialize(packageId, { now });
		await testDb.db
			.updateTable('tour_package')
			.set({ duration_minutes: 90 })
			.where('id', '=', packageId)
			.execute();
		const result = await availability.materialize(packageId, { now });
		expect(result).toEqual({ ok: true, inserted: 0, updated: 312, removed: 0 });
		const slot = await slotAt(packageId, '2026-12-05T01:00:00Z');
		expect(isoWib(slot.ends_at)).toBe('2026-12-05T09:30:00+07:00');
	});

	it.runIf(postgresUrl)(
		'gives the same slots when two app instances materialise at once',
		async () => {
			const other = testDb.connectAgain();
			const results = await Promise.all([
				availability.materialize(packageId, { now }),
				availability.materialize(packageId, { now, db: other })
			]);
			expect(results.map((result) => result.ok)).toEqual([true, true]);
			expect(results.reduce((sum, result) => sum + (result.ok ? result.inserted : 0), 0)).toBe(312);
			expect(await slotsOf(packageId)).toHaveLength(312);
		}
	);
});

describe('replaceSchedule', () => {
	let bookedSlotId: number;
	let bookingCode: string;

	beforeEach(async () => {
		packageId = await createPackage();
		await availability.materialize(packageId, { now });
		// Saturday 5 December, 08:00 WIB: three seats taken.
		bookedSlotId = (await slotAt(packageId, '2026-12-05T01:00:00Z')).id;
		bookingCode = await book(bookedSlotId, 3);
		await book(bookedSlotId, 4, 'cancelled_by_tourist');
	});

	async function expectUnchanged(before: Awaited<ReturnType<typeof slotsOf>>, schedule: unknown) {
		expect(await slotsOf(packageId)).toEqual(before);
		expect(await scheduleOf(packageId)).toEqual(schedule);
	}

	it('refuses to drop a booked slot, naming the booking, and changes nothing', async () => {
		const before = await slotsOf(packageId);
		const schedule = await scheduleOf(packageId);
		const result = await availability.replaceSchedule(
			packageId,
			{ rules: [{ ...tuesdayToSunday, weekdays: [7] }], exceptions: [], seasonMonths: [1, 2, 3] },
			{ now }
		);
		expect(result).toEqual({
			ok: false,
			conflicts: [
				{
					slotId: bookedSlotId,
					startsAt: '2026-12-05T08:00:00+07:00',
					seatsTaken: 3,
					newCapacity: 0,
					bookingCodes: [bookingCode]
				}
			]
		});
		await expectUnchanged(before, schedule);
	});

	it('refuses to shrink a booked slot below its seats taken', async () => {
		const before = await slotsOf(packageId);
		const schedule = await scheduleOf(packageId);
		const result = await availability.replaceSchedule(
			packageId,
			{
				rules: [tuesdayToSunday],
				exceptions: [{ date: '2026-12-05', closed: false, capacity: 2, startTimes: null }]
			},
			{ now }
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.conflicts).toEqual([
			expect.objectContaining({ slotId: bookedSlotId, newCapacity: 2, bookingCodes: [bookingCode] })
		]);
		await expectUnchanged(before, schedule);
	});

	it('refuses to end the season under a booked slot', async () => {
		const before = await slotsOf(packageId);
		const schedule = await scheduleOf(packageId);
		const result = await availability.replaceSchedule(
			packageId,
			{ rules: [tuesdayToSunday], exceptions: [], seasonMonths: [1, 2, 3, 4, 5, 6] },
			{ now }
		);
		expect(!result.ok && result.conflicts.map((conflict) => conflict.slotId)).toEqual([
			bookedSlotId
		]);
		await expectUnchanged(before, schedule);
	});

	it('refuses a plain materialise that would cut into bookings, changing nothing', async () => {
		const before = await slotsOf(packageId);
		await testDb.db
			.updateTable('availability_rule')
			.set({ capacity: 2 })
			.where('package_id', '=', packageId)
			.execute();
		const result = await availability.materialize(packageId, { now });
		expect(!result.ok && result.conflicts.map((conflict) => conflict.bookingCodes)).toEqual([
			[bookingCode]
		]);
		expect(await slotsOf(packageId)).toEqual(before);
	});

	it('accepts a change that touches only empty slots and keeps the booked one', async () => {
		const result = await availability.replaceSchedule(
			packageId,
			{
				rules: [{ ...tuesdayToSunday, capacity: 20 }],
				exceptions: [
					{ date: '2026-12-06', closed: true, capacity: null, startTimes: null, reason: 'Hujan' },
					{ date: '2026-12-08', closed: false, capacity: 6, startTimes: ['09:00'] }
				],
				seasonMonths: [1, 2, 3, 4, 5, 6, 7, 10, 11, 12]
			},
			{ now }
		);
		expect(result).toEqual({ ok: true });
		const slots = await slotsOf(packageId);
		expect(await slotAt(packageId, '2026-12-05T01:00:00Z')).toMatchObject({
			id: bookedSlotId,
			capacity: 20,
			seats_taken: 3,
			status: 'open'
		});
		expect(slots.filter((slot) => slot.local_date === '2026-12-06')).toEqual([]);
		expect(
			slots
				.filter((slot) => slot.local_date === '2026-12-08')
				.map((slot) => [isoWib(slot.starts_at), slot.capacity])
		).toEqual([['2026-12-08T09:00:00+07:00', 6]]);
		expect(slots.every((slot) => slot.local_date === '2026-12-08' || slot.capacity === 20)).toBe(
			true
		);
		const schedule = await scheduleOf(packageId);
		expect(schedule.seasonMonths).toEqual([1, 2, 3, 4, 5, 6, 7, 10, 11, 12]);
		expect(schedule.exceptions).toHaveLength(2);
		expect(schedule.rules).toEqual([
			{
				weekdays: [2, 3, 4, 5, 6, 7],
				start_times: ['08:00', '14:00'],
				capacity: 20,
				valid_from: '2026-11-01',
				valid_to: null
			}
		]);
	});

	it('throws on a schedule the schema refuses, writing nothing', async () => {
		const schedule = await scheduleOf(packageId);
		await expect(
			availability.replaceSchedule(
				packageId,
				{ rules: [{ ...tuesdayToSunday, startTimes: ['25:00'] }], exceptions: [] },
				{ now }
			)
		).rejects.toThrow();
		expect(await scheduleOf(packageId)).toEqual(schedule);
	});
});

describe('seats left and status for display', () => {
	beforeEach(async () => {
		packageId = await createPackage();
		await availability.replaceSchedule(
			packageId,
			{
				rules: [tuesdayToSunday],
				exceptions: [{ date: '2026-12-13', closed: true, capacity: null, startTimes: null }],
				seasonMonths: [1, 2, 3, 4, 5, 6, 7, 10, 11, 12]
			},
			{ now }
		);
	});

	it('shows open, sold out, closed and past cut-off slots in the month calendar', async () => {
		const full = await slotAt(packageId, '2026-12-05T01:00:00Z');
		await testDb.db
			.updateTable('slot')
			.set({ seats_taken: 25 })
			.where('id', '=', full.id)
			.execute();
		const partly = await slotAt(packageId, '2026-12-05T07:00:00Z');
		await testDb.db
			.updateTable('slot')
			.set({ seats_taken: 7 })
			.where('id', '=', partly.id)
			.execute();
		const cancelled = await slotAt(packageId, '2026-12-06T01:00:00Z');
		await testDb.db
			.updateTable('slot')
			.set({ status: 'cancelled', cancel_reason: 'Hujan' })
			.where('id', '=', cancelled.id)
			.execute();

		const calendar = await availability.readCalendarMonth(packageId, '2026-12', now);
		expect(calendar.inSeason).toBe(true);
		expect(calendar.days).toHaveLength(31);
		const day = (date: string) => calendar.days.find((each) => each.date === date)!;
		// 08:00 and 14:00 WIB on 1 December are within the 12-hour cut-off of 07:00 WIB.
		expect(day('2026-12-01').slots.map((s) => [s.status, s.seatsLeft])).toEqual([
			['cutoff', 0],
			['cutoff', 0]
		]);
		expect(day('2026-12-02').slots.map((s) => [s.status, s.seatsLeft])).toEqual([
			['open', 25],
			['open', 25]
		]);
		expect(day('2026-12-05').slots.map((s) => [s.startsAt, s.status, s.seatsLeft])).toEqual([
			['2026-12-05T08:00:00+07:00', 'sold_out', 0],
			['2026-12-05T14:00:00+07:00', 'open', 18]
		]);
		expect(day('2026-12-06').slots.map((s) => s.status)).toEqual(['closed', 'open']);
		// The calendar's slots are the API's slots of those dates.
		for (const date of ['2026-12-01', '2026-12-05', '2026-12-06']) {
			expect(day(date).slots).toEqual(await availability.listSlots(packageId, date, date, now));
		}
		expect(day('2026-12-07')).toMatchObject({ weekday: 1, past: false, closed: false, slots: [] });
		expect(day('2026-12-13')).toMatchObject({ weekday: 7, closed: true, slots: [] });

		const later = new Date('2026-12-05T12:00:00Z'); // 19:00 WIB, after both starts
		const laterDays = (await availability.readCalendarMonth(packageId, '2026-12', later)).days;
		expect(laterDays[4].slots.map((s) => s.status)).toEqual(['cutoff', 'cutoff']);
		expect(laterDays.map((each) => each.past).indexOf(false)).toBe(4);
	});

	it('marks a month out of season', async () => {
		const august = await availability.readCalendarMonth(packageId, '2027-08', now);
		expect(august.inSeason).toBe(false);
		expect(august.days.every((day) => !day.inSeason && day.slots.length === 0)).toBe(true);
	});

	it('lists the slots of a date range for the API, with Jakarta offsets', async () => {
		const slots = await availability.listSlots(packageId, '2026-12-04', '2026-12-05', now);
		expect(
			slots.map(({ startsAt, endsAt, capacity, seatsLeft, status }) => ({
				startsAt,
				endsAt,
				capacity,
				seatsLeft,
				status
			}))
		).toEqual([
			{
				startsAt: '2026-12-04T08:00:00+07:00',
				endsAt: '2026-12-04T10:00:00+07:00',
				capacity: 25,
				seatsLeft: 25,
				status: 'open'
			},
			{
				startsAt: '2026-12-04T14:00:00+07:00',
				endsAt: '2026-12-04T16:00:00+07:00',
				capacity: 25,
				seatsLeft: 25,
				status: 'open'
			},
			{
				startsAt: '2026-12-05T08:00:00+07:00',
				endsAt: '2026-12-05T10:00:00+07:00',
				capacity: 25,
				seatsLeft: 25,
				status: 'open'
			},
			{
				startsAt: '2026-12-05T14:00:00+07:00',
				endsAt: '2026-12-05T16:00:00+07:00',
				capacity: 25,
				seatsLeft: 25,
				status: 'open'
			}
		]);
	});
});

describe('extendHorizon', () => {
	it('rolls every published package forward and leaves drafts alone', async () => {
		const published = await createPackage();
		const draft = await createPackage('draft');
		await availability.materialize(published, { now });
		const tenDaysLater = new Date(now.getTime() + 10 * 86_400_000);
		const results = await availability.extendHorizon(tenDaysLater);
		const mine = results.find((entry) => entry.packageId === published);
		// The horizon now ends on 9 June: 31 May … 9 June adds 10 days, two of them Mondays.
		expect(mine?.result).toEqual({ ok: true, inserted: 16, updated: 0, removed: 0 });
		expect(results.some((entry) => entry.packageId === draft)).toBe(false);
		expect(await slotsOf(draft)).toEqual([]);
		expect((await slotsOf(published))[0].local_date).toBe('2026-12-01');
	});
});
