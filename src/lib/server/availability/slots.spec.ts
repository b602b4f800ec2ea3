import { afterEach, describe, expect, it } from 'vitest';
import { jakartaInstant } from '../../dates';
import { isoWib } from '../../format';
import { generateSlots, HORIZON_DAYS, computeSlotAvailability, type Schedule } from './slots';

const allYear = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

function schedule(overrides: Partial<Schedule> = {}): Schedule {
	return {
		rules: [
			{
				weekdays: [2, 3, 4, 5, 6, 7],
				startTimes: ['08:00', '14:00'],
				capacity: 25,
				validFrom: '2026-01-01',
				validTo: null
			}
		],
		exceptions: [],
		seasonMonths: allYear,
		durationMinutes: 120,
		...overrides
	};
}

const starts = (slots: ReturnType<typeof generateSlots>) => slots.map((s) => isoWib(s.startsAt));

describe('generateSlots', () => {
	it('gives each matching weekday both start times, in WIB, and none on Monday', () => {
		// 2026-12-07 is a Monday.
		const slots = generateSlots(schedule(), '2026-12-06', '2026-12-08');
		expect(starts(slots)).toEqual([
			'2026-12-06T08:00:00+07:00',
			'2026-12-06T14:00:00+07:00',
			'2026-12-08T08:00:00+07:00',
			'2026-12-08T14:00:00+07:00'
		]);
		expect(slots[0].startsAt.toISOString()).toBe('2026-12-06T01:00:00.000Z');
		expect(slots[0].endsAt.toISOString()).toBe('2026-12-06T03:00:00.000Z');
		expect(slots.map((s) => s.localDate)).toEqual([
			'2026-12-06',
			'2026-12-06',
			'2026-12-08',
			'2026-12-08'
		]);
		expect(slots.every((s) => s.capacity === 25)).toBe(true);
	});

	it('respects valid_from and valid_to', () => {
		const slots = generateSlots(
			schedule({
				rules: [
					{
						weekdays: [1, 2, 3, 4, 5, 6, 7],
						startTimes: ['09:00'],
						capacity: 10,
						validFrom: '2026-03-10',
						validTo: '2026-03-12'
					}
				]
			}),
			'2026-03-01',
			'2026-03-31'
		);
		expect(slots.map((s) => s.localDate)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
	});

	it('closes a date by exception and changes capacity or times on another', () => {
		const slots = generateSlots(
			schedule({
				exceptions: [
					{ date: '2026-12-08', closed: true, capacity: null, startTimes: null },
					{ date: '2026-12-09', closed: false, capacity: 5, startTimes: null },
					{ date: '2026-12-10', closed: false, capacity: null, startTimes: ['10:30'] },
					{ date: '2026-12-11', closed: false, capacity: 8, startTimes: ['07:00', '16:00'] }
				]
			}),
			'2026-12-08',
			'2026-12-11'
		);
		expect(slots.map((s) => [isoWib(s.startsAt), s.capacity])).toEqual([
			['2026-12-09T08:00:00+07:00', 5],
			['2026-12-09T14:00:00+07:00', 5],
			['2026-12-10T10:30:00+07:00', 25],
			['2026-12-11T07:00:00+07:00', 8],
			['2026-12-11T16:00:00+07:00', 8]
		]);
	});

	it('opens an extra date by exception only when it says how many seats', () => {
		// Monday 2026-12-07 has no rule.
		const withCapacity = generateSlots(
			schedule({
				exceptions: [{ date: '2026-12-07', closed: false, capacity: 12, startTimes: ['09:00'] }]
			}),
			'2026-12-07',
			'2026-12-07'
		);
		expect(withCapacity.map((s) => s.capacity)).toEqual([12]);
		const withoutCapacity = generateSlots(
			schedule({
				exceptions: [{ date: '2026-12-07', closed: false, capacity: null, startTimes: ['09:00'] }]
			}),
			'2026-12-07',
			'2026-12-07'
		);
		expect(withoutCapacity).toEqual([]);
	});

	it('takes the larger capacity when two rules offer the same time', () => {
		const slots = generateSlots(
			schedule({
				rules: [
					{
						weekdays: [6],
						startTimes: ['09:00'],
						capacity: 10,
						validFrom: '2026-01-01',
						validTo: null
					},
					{
						weekdays: [6, 7],
						startTimes: ['09:00', '13:00'],
						capacity: 15,
						validFrom: '2026-01-01',
						validTo: null
					}
				]
			}),
			'2026-12-05',
			'2026-12-05'
		);
		expect(slots.map((s) => [isoWib(s.startsAt), s.capacity])).toEqual([
			['2026-12-05T09:00:00+07:00', 15],
			['2026-12-05T13:00:00+07:00', 15]
		]);
	});

	it('makes no slots outside the season months', () => {
		const slots = generateSlots(
			schedule({ seasonMonths: [1, 2, 3, 4, 5, 6, 7, 10, 11, 12] }),
			'2026-07-30',
			'2026-10-02'
		);
		const months = new Set(slots.map((s) => s.localDate.slice(0, 7)));
		expect([...months]).toEqual(['2026-07', '2026-10']);
	});

	it('puts a 23:30 WIB start on the previous UTC day, but on its own Jakarta date', () => {
		const [slot] = generateSlots(
			schedule({
				rules: [
					{
						weekdays: [6],
						startTimes: ['23:30'],
						capacity: 4,
						validFrom: '2026-01-01',
						validTo: null
					}
				],
				durationMinutes: 60
			}),
			'2026-12-05',
			'2026-12-05'
		);
		expect(slot.localDate).toBe('2026-12-05');
		expect(slot.startsAt.toISOString()).toBe('2026-12-05T16:30:00.000Z');
		expect(isoWib(slot.endsAt)).toBe('2026-12-06T00:30:00+07:00');
	});

	it('skips start times that are not HH:MM', () => {
		const slots = generateSlots(
			schedule({
				rules: [
					{
						weekdays: [6],
						startTimes: ['8:00', '24:00', '09:15'],
						capacity: 4,
						validFrom: '2026-01-01',
						validTo: null
					}
				]
			}),
			'2026-12-05',
			'2026-12-05'
		);
		expect(starts(slots)).toEqual(['2026-12-05T09:15:00+07:00']);
	});

	it('runs over a whole horizon of at least 180 days', () => {
		expect(HORIZON_DAYS).toBeGreaterThanOrEqual(180);
		const slots = generateSlots(schedule(), '2026-01-01', '2026-12-31');
		// 365 days, 52 Mondays in 2026 without slots, two times a day.
		expect(slots).toHaveLength((365 - 52) * 2);
	});
});

describe('time zones', () => {
	const original = process.env.TZ;
	afterEach(() => {
		process.env.TZ = original;
	});

	it('gives the same instants whatever the server time zone', () => {
		const results = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Jakarta'].map(
			(zone) => {
				process.env.TZ = zone;
				return generateSlots(schedule(), '2026-03-28', '2026-03-30').map((s) => [
					s.localDate,
					s.startsAt.toISOString()
				]);
			}
		);
		for (const result of results) expect(result).toEqual(results[0]);
		expect(results[0][0]).toEqual(['2026-03-28', '2026-03-28T01:00:00.000Z']);
		expect(jakartaInstant('2026-01-01', '00:00').toISOString()).toBe('2025-12-31T17:00:00.000Z');
	});
});

describe('computeSlotAvailability', () => {
	const now = new Date('2026-12-01T00:00:00Z');
	const startsAt = new Date('2026-12-05T01:00:00Z');

	it('counts seats left on an open slot', () => {
		expect(
			computeSlotAvailability({ status: 'open', capacity: 25, seatsTaken: 7, startsAt }, 12, now)
		).toEqual({
			status: 'open',
			seatsLeft: 18
		});
	});

	it('reports sold out, closed, cancelled and past cut-off', () => {
		expect(
			computeSlotAvailability({ status: 'open', capacity: 25, seatsTaken: 25, startsAt }, 12, now)
		).toEqual({
			status: 'sold_out',
			seatsLeft: 0
		});
		expect(
			computeSlotAvailability({ status: 'closed', capacity: 25, seatsTaken: 0, startsAt }, 12, now)
				.status
		).toBe('closed');
		expect(
			computeSlotAvailability(
				{ status: 'cancelled', capacity: 25, seatsTaken: 3, startsAt },
				12,
				now
			)
		).toEqual({ status: 'closed', seatsLeft: 0 });
		const justInside = new Date(startsAt.getTime() - 12 * 3_600_000);
		expect(
			computeSlotAvailability(
				{ status: 'open', capacity: 25, seatsTaken: 0, startsAt },
				12,
				justInside
			)
		).toEqual({
			status: 'cutoff',
			seatsLeft: 0
		});
		const justBefore = new Date(justInside.getTime() - 60_000);
		expect(
			computeSlotAvailability(
				{ status: 'open', capacity: 25, seatsTaken: 0, startsAt },
				12,
				justBefore
			).status
		).toBe('open');
	});
});
