// A village's bookings of one day, slot by slot: the manifest the host reads before the visit,
// and calling off a slot or the whole day (rain, no fruit) with every booking on it. The slots
// are locked first, so no booking can slip in between.
import type { Transaction } from 'kysely';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import * as audit from '../audit';
import { getDb } from '../db';
import type { BookingStatus, Database } from '../db/schema';
import * as notices from './notices';
import { loadAppSecret } from '../secrets';
import { listLinesByBooking, readVisitStatus, type ManifestLine, type VisitStatus } from './host';
import { cancelByHost } from './release';

type Trx = Transaction<Database>;

const ACTIVE: BookingStatus[] = ['requested', 'confirmed'];

export interface ManifestBooking {
	code: string;
	visitStatus: VisitStatus;
	contactName: string;
	contactPhone: string;
	people: number;
	checkedInCount: number | null;
	lines: ManifestLine[];
}

export interface ManifestSlot {
	id: number;
	packageTitle: string;
	startsAt: Date;
	endsAt: Date;
	capacity: number;
	seatsTaken: number;
	status: 'open' | 'closed' | 'cancelled';
	cancelReason: string | null;
	ended: boolean;
	bookings: ManifestBooking[];
}

/** The slots of a day at the village with who is booked on each: the printable manifest. */
export async function readDayManifest(
	villageCode: string,
	date: string,
	locale: Locale,
	now: Date = new Date()
): Promise<ManifestSlot[]> {
	const db = getDb();
	const slots = await db
		.selectFrom('slot')
		.innerJoin('tour_package as p', 'p.id', 'slot.package_id')
		.select([
			'slot.id',
			'slot.starts_at',
			'slot.ends_at',
			'slot.capacity',
			'slot.seats_taken',
			'slot.status',
			'slot.cancel_reason',
			'p.title_id',
			'p.title_en'
		])
		.where('p.village_code', '=', villageCode)
		.where('slot.local_date', '=', date)
		.orderBy('slot.starts_at')
		.orderBy('p.title_id')
		.execute();
	if (slots.length === 0) return [];
	const rows = await db
		.selectFrom('booking')
		.select([
			'id',
			'slot_id',
			'code',
			'status',
			'checked_in_at',
			'checked_in_count',
			'no_show',
			'contact_name',
			'contact_phone',
			'people'
		])
		.where(
			'slot_id',
			'in',
			slots.map((slot) => slot.id)
		)
		.where('status', 'not in', ['declined', 'expired'])
		.orderBy('contact_name')
		.execute();
	const lines = await listLinesByBooking(
		rows.map((row) => row.id),
		locale
	);
	return slots.map((slot) => ({
		id: slot.id,
		packageTitle: locale === 'en' ? slot.title_en : slot.title_id,
		startsAt: new Date(slot.starts_at),
		endsAt: new Date(slot.ends_at),
		capacity: slot.capacity,
		seatsTaken: slot.seats_taken,
		status: slot.status,
		cancelReason: slot.cancel_reason,
		ended: new Date(slot.ends_at) <= now,
		bookings: rows
			.filter((row) => row.slot_id === slot.id)
			.map((row) => ({
				code: row.code,
				visitStatus: readVisitStatus(row),
				contactName: row.contact_name,
				contactPhone: row.contact_phone,
				people: row.people,
				checkedInCount: row.checked_in_count,
				lines: lines.get(row.id) ?? []
			}))
	}));
}

export type BatchResult =
	{ ok: true; cancelled: number; told: number } | { ok: false; message: string };

/**
 * Cancels slots (one, or every slot of a day) and all their active bookings in one
 * transaction: the slots are locked first, so no booking can slip in between.
 */
async function cancelSlots(
	actorUserId: number,
	villageCode: string,
	select: (trx: Trx) => Promise<{ id: number; status: string; starts_at: Date | string }[]>,
	reason: string,
	now: Date,
	audited: { action: string; entity: string; entityId: string | number }
): Promise<BatchResult> {
	await loadAppSecret();
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const slots = await select(trx);
			if (slots.length === 0) return { ok: false, message: m.host_slot_not_found() };
			const notCancelled = slots.filter((slot) => slot.status !== 'cancelled');
			if (notCancelled.length === 0) return { ok: false, message: m.host_slot_already_cancelled() };
			// A session that has begun has visitors who came: those are kept, not cancelled.
			const open = notCancelled.filter((slot) => new Date(slot.starts_at) > now);
			if (open.length === 0) return { ok: false, message: m.host_slot_started() };
			const slotIds = open.map((slot) => slot.id);
			await trx
				.updateTable('slot')
				.set({ status: 'cancelled', cancel_reason: reason })
				.where('id', 'in', slotIds)
				.execute();
			const active = await notices
				.lockBookings(trx)
				.where('b.slot_id', 'in', slotIds)
				.where('b.status', 'in', ACTIVE)
				.orderBy('b.id')
				.execute();
			let told = 0;
			for (const booking of active) {
				if (await cancelByHost(trx, booking, reason, now)) told++;
			}
			await audit.record(trx, {
				actorUserId,
				villageCode,
				...audited,
				before: { slots: open.map((slot) => ({ id: slot.id, status: slot.status })) },
				after: {
					status: 'cancelled',
					reason,
					bookings: active.map((booking) => booking.code),
					told
				}
			});
			return { ok: true, cancelled: active.length, told };
		});
}

export function cancelSlot(
	actorUserId: number,
	villageCode: string,
	slotId: number,
	reason: string,
	now = new Date()
): Promise<BatchResult> {
	return cancelSlots(
		actorUserId,
		villageCode,
		(trx) =>
			trx
				.selectFrom('slot')
				.innerJoin('tour_package as p', 'p.id', 'slot.package_id')
				.select(['slot.id', 'slot.status', 'slot.starts_at'])
				.where('slot.id', '=', slotId)
				.where('p.village_code', '=', villageCode)
				.forUpdate('slot')
				.execute(),
		reason,
		now,
		{ action: 'slot.cancel', entity: 'slot', entityId: slotId }
	);
}

/** Every slot of every package of the village on a Jakarta date. */
export function cancelDay(
	actorUserId: number,
	villageCode: string,
	date: string,
	reason: string,
	now = new Date()
): Promise<BatchResult> {
	return cancelSlots(
		actorUserId,
		villageCode,
		(trx) =>
			trx
				.selectFrom('slot')
				.innerJoin('tour_package as p', 'p.id', 'slot.package_id')
				.select(['slot.id', 'slot.status', 'slot.starts_at'])
				.where('slot.local_date', '=', date)
				.where('p.village_code', '=', villageCode)
				.orderBy('slot.id')
				.forUpdate('slot')
				.execute(),
		reason,
		now,
		{ action: 'day.cancel', entity: 'village_day', entityId: `${villageCode}:${date}` }
	);
}
