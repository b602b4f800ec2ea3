// When a package runs and how many seats are left. The weekly rules and the dated exceptions
// are the truth; the slot table is their materialisation over a rolling horizon, because
// bookings lock slot rows. Materialising never takes seats away from a booking. The demo seed
// calls materialize() from here, outside Vite: this file keeps to relative imports.
// Relative, not $lib: the seed scripts load this module outside Vite.
import { addDays, isoWeekday, jakartaInstant, todayInJakarta } from '../../dates';
import { isoWib } from '../../format';
import { getDb, type Db } from '../db';
import type { SlotStatus } from '../db/schema';
import { isInSeason, readOverrides, type SeasonOverrides } from '../seasons';

/** Slots exist this many days ahead of today (Jakarta), and at least that far. */
export const HORIZON_DAYS = 180;

export const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

// ---------------------------------------------------------------------------------------------
// Generating the wanted slots: pure.

export interface ScheduleRule {
	/** ISO weekdays, 1 = Monday … 7 = Sunday. */
	weekdays: number[];
	/** WIB wall-clock start times, 'HH:MM'. */
	startTimes: string[];
	capacity: number;
	validFrom: string;
	validTo: string | null;
}

export interface ScheduleException {
	date: string;
	closed: boolean;
	/** Replaces the rules' capacity on that date. */
	capacity: number | null;
	/** Replaces the rules' start times on that date. */
	startTimes: string[] | null;
	reason?: string | null;
}

export interface Schedule {
	rules: ScheduleRule[];
	exceptions: ScheduleException[];
	/** Months 1–12 in which the package runs; other months get no slots. */
	seasonMonths: number[];
	/** Calendar months a host opened or closed against seasonMonths: see seasons/index.ts. */
	seasonOverrides?: SeasonOverrides;
	durationMinutes: number;
}

export interface WantedSlot {
	localDate: string;
	startsAt: Date;
	endsAt: Date;
	capacity: number;
}

/**
 * The slots the schedule asks for on the local dates `from`…`to` (inclusive), by start.
 * On one date, rules whose weekday and validity match add their start times; when two give
 * the same time the larger capacity wins. An exception closes the date, or replaces its
 * capacity and/or start times; new start times without a capacity need a matching rule to
 * know how many seats to offer. Nothing runs outside the season: the usual months, as a host
 * may have opened or closed single months.
 */
export function generateSlots(schedule: Schedule, from: string, to: string): WantedSlot[] {
	const exceptions = new Map(schedule.exceptions.map((exception) => [exception.date, exception]));
	const slots: WantedSlot[] = [];
	for (let date = from; date <= to; date = addDays(date, 1)) {
		if (!isInSeason(schedule.seasonMonths, schedule.seasonOverrides, date.slice(0, 7))) continue;
		const exception = exceptions.get(date);
		if (exception?.closed) continue;
		const weekday = isoWeekday(date);
		const capacityAt = new Map<string, number>();
		for (const rule of schedule.rules) {
			if (!rule.weekdays.includes(weekday)) continue;
			if (date < rule.validFrom || (rule.validTo !== null && date > rule.validTo)) continue;
			for (const time of rule.startTimes) {
				capacityAt.set(time, Math.max(capacityAt.get(time) ?? 0, rule.capacity));
			}
		}
		let times = [...capacityAt.keys()];
		if (exception?.startTimes && exception.startTimes.length > 0) times = exception.startTimes;
		const ruleCapacity = Math.max(0, ...capacityAt.values());
		for (const time of new Set(times)) {
			if (!timePattern.test(time)) continue;
			const capacity = exception?.capacity ?? capacityAt.get(time) ?? ruleCapacity;
			if (capacity <= 0) continue;
			const startsAt = jakartaInstant(date, time);
			const endsAt = new Date(startsAt.getTime() + schedule.durationMinutes * 60_000);
			slots.push({ localDate: date, startsAt, endsAt, capacity });
		}
	}
	return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

// ---------------------------------------------------------------------------------------------
// Seats left and status: the one place that decides what a tourist is shown.

export type SlotDisplayStatus = 'open' | 'sold_out' | 'closed' | 'cutoff';

export interface SlotAvailability {
	status: SlotDisplayStatus;
	seatsLeft: number;
}

/**
 * What a slot offers at `now`: closed (closed or cancelled by the host), cutoff (starts within
 * the package's booking cut-off, or already started), sold out, or open with seats left.
 */
export function computeSlotAvailability(
	slot: { status: SlotStatus; capacity: number; seatsTaken: number; startsAt: Date | string },
	cutoffHours: number,
	now: Date = new Date()
): SlotAvailability {
	const seatsLeft = Math.max(0, slot.capacity - slot.seatsTaken);
	if (slot.status !== 'open') return { status: 'closed', seatsLeft: 0 };
	const bookableUntil = new Date(slot.startsAt).getTime() - cutoffHours * 3_600_000;
	if (bookableUntil <= now.getTime()) return { status: 'cutoff', seatsLeft: 0 };
	if (seatsLeft === 0) return { status: 'sold_out', seatsLeft: 0 };
	return { status: 'open', seatsLeft };
}

// ---------------------------------------------------------------------------------------------
// Materialising the slot table.

export interface ScheduleConflict {
	slotId: number;
	startsAt: string;
	seatsTaken: number;
	/** The capacity the schedule asks for: 0 when it no longer wants the slot. */
	newCapacity: number;
	/** Requested and confirmed bookings on the slot. */
	bookingCodes: string[];
}

export type MaterializeResult =
	| { ok: true; inserted: number; updated: number; removed: number }
	| { ok: false; conflicts: ScheduleConflict[] };

export interface MaterializeOptions {
	now?: Date;
	/** A database or an open transaction; the app's database by default. */
	db?: Db;
}

interface ExistingSlot {
	id: number;
	local_date: string;
	starts_at: Date;
	ends_at: Date;
	capacity: number;
	seats_taken: number;
	status: SlotStatus;
}

/** Runs `work` in a transaction, joining the caller's when `db` already is one. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function loadSchedule(trx: Db, packageId: number): Promise<Schedule | undefined> {
	// The lock serialises materialisations and schedule changes of one package.
	const pkg = await trx
		.selectFrom('tour_package')
		.select(['duration_minutes', 'season_months', 'season_overrides'])
		.where('id', '=', packageId)
		.forUpdate()
		.executeTakeFirst();
	if (!pkg) return undefined;
	const rules = await trx
		.selectFrom('availability_rule')
		.select(['weekdays', 'start_times', 'capacity', 'valid_from', 'valid_to'])
		.where('package_id', '=', packageId)
		.orderBy('id')
		.execute();
	const exceptions = await trx
		.selectFrom('availability_exception')
		.select(['date', 'closed', 'capacity', 'start_times'])
		.where('package_id', '=', packageId)
		.execute();
	return {
		durationMinutes: pkg.duration_minutes,
		seasonMonths: pkg.season_months.map(Number),
		seasonOverrides: readOverrides(pkg.season_overrides),
		rules: rules.map(toRule),
		exceptions: exceptions.map(toException)
	};
}

/** A stored weekly rule as the schedule speaks of it. */
export function toRule(row: {
	weekdays: number[];
	start_times: string[];
	capacity: number;
	valid_from: string;
	valid_to: string | null;
}) {
	return {
		weekdays: row.weekdays.map(Number),
		startTimes: row.start_times,
		capacity: row.capacity,
		validFrom: row.valid_from,
		validTo: row.valid_to
	};
}

/** A stored exception as the schedule speaks of it. */
export function toException(row: {
	date: string;
	closed: boolean;
	capacity: number | null;
	start_times: string[] | null;
}) {
	return {
		date: row.date,
		closed: row.closed,
		capacity: row.capacity,
		startTimes: row.start_times
	};
}

async function bookingCodesBySlot(trx: Db, slotIds: number[]): Promise<Map<number, string[]>> {
	const codes = new Map<number, string[]>();
	if (slotIds.length === 0) return codes;
	const rows = await trx
		.selectFrom('booking')
		.select(['slot_id', 'code'])
		.where('slot_id', 'in', slotIds)
		.where('status', 'in', ['requested', 'confirmed'])
		.orderBy('code')
		.execute();
	for (const row of rows) codes.set(row.slot_id, [...(codes.get(row.slot_id) ?? []), row.code]);
	return codes;
}

export async function materializeIn(
	trx: Db,
	packageId: number,
	now: Date
): Promise<MaterializeResult> {
	const schedule = await loadSchedule(trx, packageId);
	if (!schedule) throw new Error(`There is no tour package ${packageId}.`);
	// Past slots are history: only slots yet to start are compared and changed.
	const existing: ExistingSlot[] = await trx
		.selectFrom('slot')
		.select(['id', 'local_date', 'starts_at', 'ends_at', 'capacity', 'seats_taken', 'status'])
		.where('package_id', '=', packageId)
		.where('starts_at', '>', now)
		.orderBy('starts_at')
		.forUpdate()
		.execute();
	const today = todayInJakarta(now);
	let until = addDays(today, HORIZON_DAYS);
	for (const slot of existing) if (slot.local_date > until) until = slot.local_date;
	const wanted = generateSlots(schedule, today, until).filter((slot) => slot.startsAt > now);

	const byStart = new Map(existing.map((slot) => [new Date(slot.starts_at).getTime(), slot]));
	const inserts: WantedSlot[] = [];
	const updates: { id: number; capacity: number; endsAt: Date }[] = [];
	const unwanted: number[] = [];
	const blocked: { slot: ExistingSlot; newCapacity: number }[] = [];
	for (const slot of wanted) {
		const current = byStart.get(slot.startsAt.getTime());
		byStart.delete(slot.startsAt.getTime());
		if (!current) inserts.push(slot);
		// A slot the host cancelled stays cancelled: the tourists on it have been told.
		else if (current.status === 'cancelled') continue;
		else if (slot.capacity < current.seats_taken)
			blocked.push({ slot: current, newCapacity: slot.capacity });
		else if (
			current.capacity !== slot.capacity ||
			current.status !== 'open' ||
			new Date(current.ends_at).getTime() !== slot.endsAt.getTime()
		) {
			updates.push({ id: current.id, capacity: slot.capacity, endsAt: slot.endsAt });
		}
	}
	for (const slot of byStart.values()) {
		if (slot.status !== 'open') continue;
		if (slot.seats_taken > 0) blocked.push({ slot, newCapacity: 0 });
		else unwanted.push(slot.id);
	}

	if (blocked.length > 0) {
		const codes = await bookingCodesBySlot(
			trx,
			blocked.map(({ slot }) => slot.id)
		);
		return {
			ok: false,
			conflicts: blocked
				.sort((a, b) => new Date(a.slot.starts_at).getTime() - new Date(b.slot.starts_at).getTime())
				.map(({ slot, newCapacity }) => ({
					slotId: slot.id,
					startsAt: isoWib(slot.starts_at),
					seatsTaken: slot.seats_taken,
					newCapacity,
					bookingCodes: codes.get(slot.id) ?? []
				}))
		};
	}

	let inserted = 0;
	for (let i = 0; i < inserts.length; i += 500) {
		const result = await trx
			.insertInto('slot')
			.values(
				inserts.slice(i, i + 500).map((slot) => ({
					package_id: packageId,
					local_date: slot.localDate,
					starts_at: slot.startsAt,
					ends_at: slot.endsAt,
					capacity: slot.capacity
				}))
			)
			.onConflict((oc) => oc.columns(['package_id', 'starts_at']).doNothing())
			.executeTakeFirst();
		inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
	}
	let updated = 0;
	for (const slot of updates) {
		const result = await trx
			.updateTable('slot')
			.set({ capacity: slot.capacity, ends_at: slot.endsAt, status: 'open' })
			.where('id', '=', slot.id)
			.where('seats_taken', '<=', slot.capacity)
			.executeTakeFirst();
		updated += Number(result.numUpdatedRows);
	}
	let removed = 0;
	if (unwanted.length > 0) {
		// A slot that bookings still point at (cancelled ones, say) is closed, not deleted.
		const deleted = await trx
			.deleteFrom('slot')
			.where('id', 'in', unwanted)
			.where('seats_taken', '=', 0)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('booking').select('booking.id').whereRef('booking.slot_id', '=', 'slot.id')
					)
				)
			)
			.executeTakeFirst();
		const closed = await trx
			.updateTable('slot')
			.set({ status: 'closed' })
			.where('id', 'in', unwanted)
			.where('status', '=', 'open')
			.where('seats_taken', '=', 0)
			.executeTakeFirst();
		removed = Number(deleted.numDeletedRows) + Number(closed.numUpdatedRows);
	}
	return { ok: true, inserted, updated, removed };
}

/**
 * Makes the package's slots match its rules, exceptions, season and duration from now to at
 * least HORIZON_DAYS ahead, in one transaction. Refuses, changing nothing, when that would
 * remove a slot with seats taken or cut its capacity below them.
 */
export async function materialize(
	packageId: number,
	options: MaterializeOptions = {}
): Promise<MaterializeResult> {
	const now = options.now ?? new Date();
	return inTransaction(options.db ?? getDb(), (trx) => materializeIn(trx, packageId, now));
}

/** Materialises every published package; run hourly so the horizon keeps rolling. */
export async function extendHorizon(
	now: Date = new Date()
): Promise<{ packageId: number; result: MaterializeResult }[]> {
	const published = await getDb()
		.selectFrom('tour_package')
		.select('id')
		.where('status', '=', 'published')
		.orderBy('id')
		.execute();
	const results = [];
	for (const { id } of published) {
		results.push({ packageId: id, result: await materialize(id, { now }) });
	}
	return results;
}
