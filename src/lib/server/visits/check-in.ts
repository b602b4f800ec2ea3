// Checking visitors in at the gate: the host finds a booking by its code (typed or scanned from
// the QR) and records how many of each booked category actually came. Re-recording replaces the
// counts, so a miscount at the gate is put right by checking in again.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { todayInJakarta } from '$lib/dates';
import { formatDate } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { parse, text, wholeCount, type FieldErrors } from '$lib/validation';
import * as audit from '../audit';
import { getDb } from '../db';
import type { AgeGroup, BookingStatus, Database } from '../db/schema';

const CODE_PATTERN = /[A-Z]{2}-[2-9A-HJKMNP-Z]{6}/;

/**
 * The booking code a host's form sends (check in, undo a no-show): text without control
 * characters, which no code holds and PostgreSQL cannot compare.
 */
export const codeForm = z.object({ code: text(200).pipe(z.string().min(1)) });

/** A code as typed or scanned: case, spaces and a surrounding URL do not matter. */
export function normaliseCode(raw: string): string {
	const cleaned = raw.toUpperCase().replace(/\s+/g, '');
	return cleaned.match(CODE_PATTERN)?.[0] ?? cleaned.slice(0, 20);
}

export interface CheckInLine {
	categoryId: number;
	label: string;
	ageGroup: AgeGroup;
	quantity: number;
	checkedIn: number | null;
}

export interface CheckInBooking {
	code: string;
	status: BookingStatus;
	contactName: string;
	contactPhone: string;
	people: number;
	packageTitle: string;
	localDate: string;
	startsAt: Date;
	endsAt: Date;
	checkedInCount: number | null;
	checkedInAt: Date | null;
	noShow: boolean;
	lines: CheckInLine[];
}

export type FindResult = { ok: true; booking: CheckInBooking } | { ok: false; message: string };

// Only the village's own bookings are looked up: another village's code is answered as one that
// does not exist, so that a host cannot learn which codes are real elsewhere.
function bookingQuery(
	executor: Transaction<Database> | ReturnType<typeof getDb>,
	villageCode: string,
	code: string
) {
	return executor
		.selectFrom('booking as b')
		.innerJoin('slot as s', 's.id', 'b.slot_id')
		.innerJoin('tour_package as p', 'p.id', 'b.package_id')
		.select([
			'b.id',
			'b.code',
			'b.status',
			'b.contact_name',
			'b.contact_phone',
			'b.people',
			'b.checked_in_count',
			'b.checked_in_at',
			'b.no_show',
			's.local_date',
			's.starts_at',
			's.ends_at',
			'p.title_id',
			'p.title_en'
		])
		.where('b.code', '=', code)
		.where('b.village_code', '=', villageCode);
}

type BookingRow = NonNullable<
	Awaited<ReturnType<ReturnType<typeof bookingQuery>['executeTakeFirst']>>
>;

/** Why this booking may not be checked in here today, or undefined when it may. */
function refusal(row: BookingRow | undefined, today: string): string | undefined {
	if (!row) return m.host_checkin_not_found();
	if (row.status === 'requested') return m.host_checkin_not_confirmed();
	if (row.status !== 'confirmed') return m.host_checkin_cancelled();
	if (row.local_date !== today) {
		return m.host_checkin_wrong_day({ date: formatDate(row.local_date, getLocale()) });
	}
	return undefined;
}

async function linesOf(
	executor: Transaction<Database> | ReturnType<typeof getDb>,
	bookingId: number,
	locale: Locale
): Promise<CheckInLine[]> {
	const lines = await executor
		.selectFrom('booking_line')
		.select(['category_id', 'label_id', 'label_en', 'age_group', 'quantity', 'checked_in_quantity'])
		.where('booking_id', '=', bookingId)
		.orderBy('category_id')
		.execute();
	return lines.map((line) => ({
		categoryId: line.category_id,
		label: locale === 'en' ? line.label_en : line.label_id,
		ageGroup: line.age_group,
		quantity: line.quantity,
		checkedIn: line.checked_in_quantity
	}));
}

function toView(row: BookingRow, lines: CheckInLine[], locale: Locale): CheckInBooking {
	return {
		code: row.code,
		status: row.status,
		contactName: row.contact_name,
		contactPhone: row.contact_phone,
		people: row.people,
		packageTitle: locale === 'en' ? row.title_en : row.title_id,
		localDate: row.local_date,
		startsAt: new Date(row.starts_at),
		endsAt: new Date(row.ends_at),
		checkedInCount: row.checked_in_count,
		checkedInAt: row.checked_in_at ? new Date(row.checked_in_at) : null,
		noShow: row.no_show,
		lines
	};
}

/** The booking behind a code, if the host may check it in at this village today. */
export async function find(
	villageCode: string,
	rawCode: string,
	locale: Locale,
	now: Date = new Date()
): Promise<FindResult> {
	const row = await bookingQuery(getDb(), villageCode, normaliseCode(rawCode)).executeTakeFirst();
	const problem = refusal(row, todayInJakarta(now));
	if (problem || !row) return { ok: false, message: problem ?? m.host_checkin_not_found() };
	return { ok: true, booking: toView(row, await linesOf(getDb(), row.id, locale), locale) };
}

const checkInCount = wholeCount(0, 10_000);

export type RecordResult =
	{ ok: true; checkedInCount: number } | { ok: false; message?: string; fields: FieldErrors };

/**
 * Records how many of each category came. `counts` maps a category id to what the host typed;
 * a category left out counts as nobody. The booking row is locked, so a tourist cancelling at
 * the same moment is either seen here or waits for this to finish.
 */
export async function record(
	actorUserId: number,
	villageCode: string,
	rawCode: string,
	counts: Record<string, unknown>,
	now: Date = new Date()
): Promise<RecordResult> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const row = await bookingQuery(trx, villageCode, normaliseCode(rawCode))
				.forUpdate('b')
				.executeTakeFirst();
			const problem = refusal(row, todayInJakarta(now));
			if (problem || !row) return { ok: false, message: problem, fields: {} };
			const lines = await linesOf(trx, row.id, 'id');

			const fields: FieldErrors = {};
			const quantities = new Map<number, number>();
			for (const line of lines) {
				const raw = counts[String(line.categoryId)];
				const key = `line.${line.categoryId}`;
				// An empty box is nobody of that category.
				const typed = raw === '' || raw === undefined || raw === null ? 0 : raw;
				const count = parse(checkInCount, typed);
				if (!count.ok) fields[key] = count.fields._;
				else if (count.data > line.quantity)
					fields[key] = m.host_checkin_over_count({ booked: line.quantity });
				else quantities.set(line.categoryId, count.data);
			}
			const total = [...quantities.values()].reduce((sum, value) => sum + value, 0);
			if (Object.keys(fields).length === 0 && total === 0) {
				return { ok: false, message: m.host_checkin_nobody(), fields: {} };
			}
			if (Object.keys(fields).length > 0) return { ok: false, fields };

			for (const [categoryId, quantity] of quantities) {
				await trx
					.updateTable('booking_line')
					.set({ checked_in_quantity: quantity })
					.where('booking_id', '=', row.id)
					.where('category_id', '=', categoryId)
					.execute();
			}
			await trx
				.updateTable('booking')
				.set({
					checked_in_count: total,
					checked_in_at: row.checked_in_at ?? now,
					no_show: false,
					updated_at: now
				})
				.where('id', '=', row.id)
				.execute();
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action: 'booking.check_in',
				entity: 'booking',
				entityId: row.code,
				before: {
					checkedInCount: row.checked_in_count,
					lines: lines.map((line) => ({ categoryId: line.categoryId, checkedIn: line.checkedIn }))
				},
				after: {
					checkedInCount: total,
					lines: [...quantities].map(([categoryId, checkedIn]) => ({ categoryId, checkedIn }))
				}
			});
			return { ok: true, checkedInCount: total };
		});
}

export type NoShowResult = { ok: true; marked: number } | { ok: false; message: string };

/**
 * After a slot has ended, its confirmed bookings nobody checked in become no-shows. Counted
 * apart from cancellations and visitors who came (DESIGN invariant 8).
 */
export async function markNoShows(
	actorUserId: number,
	villageCode: string,
	slotId: number,
	now: Date = new Date()
): Promise<NoShowResult> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const slot = await trx
				.selectFrom('slot')
				.innerJoin('tour_package', 'tour_package.id', 'slot.package_id')
				.select(['slot.id', 'slot.ends_at', 'tour_package.village_code'])
				.where('slot.id', '=', slotId)
				.forUpdate('slot')
				.executeTakeFirst();
			if (!slot || slot.village_code !== villageCode) {
				return { ok: false, message: m.host_slot_not_found() };
			}
			if (new Date(slot.ends_at) > now) return { ok: false, message: m.host_noshow_too_early() };
			const marked = await trx
				.updateTable('booking')
				.set({ no_show: true, updated_at: now })
				.where('slot_id', '=', slotId)
				.where('status', '=', 'confirmed')
				.where('checked_in_at', 'is', null)
				.where('no_show', '=', false)
				.returning('code')
				.execute();
			if (marked.length > 0) {
				await audit.record(trx, {
					actorUserId,
					villageCode,
					action: 'slot.mark_no_shows',
					entity: 'slot',
					entityId: slotId,
					after: { codes: marked.map((booking) => booking.code) }
				});
			}
			return { ok: true, marked: marked.length };
		});
}

/** Takes back a no-show mark (the party came late, or the host pressed the wrong button). */
export async function undoNoShow(
	actorUserId: number,
	villageCode: string,
	rawCode: string,
	now: Date = new Date()
): Promise<{ ok: true } | { ok: false; message: string }> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const booking = await trx
				.selectFrom('booking')
				.select(['id', 'code', 'village_code', 'no_show'])
				.where('code', '=', normaliseCode(rawCode))
				.forUpdate()
				.executeTakeFirst();
			if (!booking || booking.village_code !== villageCode) {
				return { ok: false, message: m.host_checkin_not_found() };
			}
			if (!booking.no_show) return { ok: true };
			await trx
				.updateTable('booking')
				.set({ no_show: false, updated_at: now })
				.where('id', '=', booking.id)
				.execute();
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action: 'booking.undo_no_show',
				entity: 'booking',
				entityId: booking.code,
				before: { noShow: true },
				after: { noShow: false }
			});
			return { ok: true };
		});
}
