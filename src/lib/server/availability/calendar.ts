// Reading slots for the package page's calendar and the API: each with its seats left and what
// a tourist is shown, by the one rule in slots.ts (computeSlotAvailability).
import { sql } from 'kysely';
// Relative, not $lib: the seed scripts load this module outside Vite.
import {
	addDays,
	addMonths,
	isMonth,
	isoWeekday,
	monthInJakarta,
	todayInJakarta
} from '../../dates';
import { isoWib } from '../../format';
import { getDb } from '../db';
import type { SlotStatus } from '../db/schema';
import { isInSeason, readOverrides } from '../seasons';
import { computeSlotAvailability, HORIZON_DAYS, type SlotDisplayStatus } from './slots';

export interface SlotView {
	id: number;
	localDate: string;
	/** ISO 8601 with the +07:00 offset. */
	startsAt: string;
	endsAt: string;
	capacity: number;
	seatsLeft: number;
	status: SlotDisplayStatus;
}

async function loadSlotViews(
	packageId: number,
	fromDate: string,
	toDate: string,
	now: Date
): Promise<SlotView[]> {
	const rows = await getDb()
		.selectFrom('slot')
		.innerJoin('tour_package', 'tour_package.id', 'slot.package_id')
		.select([
			'slot.id',
			'slot.local_date',
			'slot.starts_at',
			'slot.ends_at',
			'slot.capacity',
			'slot.seats_taken',
			'slot.status',
			'tour_package.cutoff_hours'
		])
		.where('slot.package_id', '=', packageId)
		.where('slot.local_date', '>=', fromDate)
		.where('slot.local_date', '<=', toDate)
		.orderBy('slot.starts_at')
		.execute();
	return rows.map((row) =>
		slotView(
			{
				id: row.id,
				localDate: row.local_date,
				startsAt: row.starts_at,
				endsAt: row.ends_at,
				capacity: row.capacity,
				seatsTaken: row.seats_taken,
				status: row.status
			},
			row.cutoff_hours,
			now
		)
	);
}

interface SlotRow {
	id: number;
	localDate: string;
	startsAt: Date | string;
	endsAt: Date | string;
	capacity: number;
	seatsTaken: number;
	status: SlotStatus;
}

/** A slot as the calendar and the API show it: WIB times, seats left and display status. */
function slotView(slot: SlotRow, cutoffHours: number, now: Date): SlotView {
	return {
		id: slot.id,
		localDate: slot.localDate,
		startsAt: isoWib(slot.startsAt),
		endsAt: isoWib(slot.endsAt),
		capacity: slot.capacity,
		...computeSlotAvailability(slot, cutoffHours, now)
	};
}

/** The package's slots on the local dates `fromDate`…`toDate` (inclusive), by start. */
export function listSlots(
	packageId: number,
	fromDate: string,
	toDate: string,
	now: Date = new Date()
): Promise<SlotView[]> {
	return loadSlotViews(packageId, fromDate, toDate, now);
}

export interface CalendarDay {
	date: string;
	/** ISO weekday, 1 = Monday … 7 = Sunday. */
	weekday: number;
	inSeason: boolean;
	/** Before today in Jakarta. */
	past: boolean;
	/** Closed by an exception (a holiday, no harvest). */
	closed: boolean;
	slots: SlotView[];
}

export interface CalendarMonth {
	month: string;
	inSeason: boolean;
	days: CalendarDay[];
}

interface MonthRow {
	season_months: (number | string)[];
	season_overrides: unknown;
	cutoff_hours: number;
	closed_dates: string[];
	/** Timestamps arrive as JSON strings. */
	slots: SlotRow[];
}

/**
 * Every day of a 'YYYY-MM' month with its slots, for the package page. The package's season
 * and cut-off, the month's closed dates and its slots come in one round trip.
 */
export async function readCalendarMonth(
	packageId: number,
	month: string,
	now: Date = new Date()
): Promise<CalendarMonth> {
	if (!isMonth(month)) throw new Error(`Not a month: ${month}`);
	const first = `${month}-01`;
	const last = addDays(`${addMonths(month, 1)}-01`, -1);
	const { rows } = await sql<MonthRow>`
		SELECT p.season_months, p.season_overrides, p.cutoff_hours,
			(SELECT coalesce(json_agg(e.date), '[]') FROM availability_exception e
				WHERE e.package_id = p.id AND e.closed AND e.date >= ${first} AND e.date <= ${last}
			) AS closed_dates,
			(SELECT coalesce(json_agg(json_build_object(
					'id', s.id, 'localDate', s.local_date, 'startsAt', s.starts_at,
					'endsAt', s.ends_at, 'capacity', s.capacity, 'seatsTaken', s.seats_taken,
					'status', s.status
				) ORDER BY s.starts_at), '[]')
				FROM slot s
				WHERE s.package_id = p.id AND s.local_date >= ${first} AND s.local_date <= ${last}
			) AS slots
		FROM tour_package p WHERE p.id = ${packageId}`.execute(getDb());
	const pkg = rows[0];
	if (!pkg) throw new Error(`There is no tour package ${packageId}.`);
	const inSeason = isInSeason(pkg.season_months, readOverrides(pkg.season_overrides), month);
	const closed = new Set(pkg.closed_dates);
	const byDate = new Map<string, SlotView[]>();
	for (const slot of pkg.slots) {
		const view = slotView(slot, pkg.cutoff_hours, now);
		const sameDay = byDate.get(slot.localDate);
		if (sameDay) sameDay.push(view);
		else byDate.set(slot.localDate, [view]);
	}
	const today = todayInJakarta(now);
	const days: CalendarDay[] = [];
	for (let date = first; date <= last; date = addDays(date, 1)) {
		days.push({
			date,
			weekday: isoWeekday(date),
			inSeason,
			past: date < today,
			closed: closed.has(date),
			slots: byDate.get(date) ?? []
		});
	}
	return { month, inSeason, days };
}

export interface MonthChoice {
	month: string;
	/** A month was asked for but is malformed or outside what can be booked. */
	rejected: boolean;
	previous: string | null;
	next: string | null;
}

/**
 * The month a calendar shows for a '?bulan=YYYY-MM' value: this month (Jakarta) up to the
 * month the horizon ends in; anything else falls back to this month.
 */
export function chooseMonth(requested: string | null, now: Date = new Date()): MonthChoice {
	const today = todayInJakarta(now);
	const first = monthInJakarta(now);
	const last = addDays(today, HORIZON_DAYS).slice(0, 7);
	const wanted = requested?.trim() ?? '';
	const valid = isMonth(wanted) && wanted >= first && wanted <= last;
	const month = valid ? wanted : first;
	const previous = addMonths(month, -1);
	const next = addMonths(month, 1);
	return {
		month,
		rejected: wanted !== '' && !valid,
		previous: previous >= first ? previous : null,
		next: next <= last ? next : null
	};
}
