// Seats going back: a booking the tourist or the host cancelled, or a request nobody answered in
// time, gives its seats to the slot and its products to the shelf, and the tourist is told.
import { type Transaction } from 'kysely';
import { m } from '$lib/paraglide/messages';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import * as notices from './notices';
import * as shop from '../shop';

/**
 * Gives a cancelled booking's seats back to its slot and the products ordered with it back to
 * the shelf, in the caller's transaction.
 */
export async function release(
	trx: Transaction<Database>,
	booking: { id: number; slot_id: number; seats: number },
	now: Date = new Date()
) {
	await trx
		.updateTable('slot')
		.set((eb) => ({ seats_taken: eb('seats_taken', '-', booking.seats) }))
		.where('id', '=', booking.slot_id)
		.execute();
	await shop.cancelWithBooking(trx, booking.id, now);
}

/** The host cancels a locked booking with a reason: its seats go back and the tourist is told. */
export async function cancelByHost(
	trx: Transaction<Database>,
	booking: notices.LockedBooking,
	reason: string,
	now: Date
) {
	await trx
		.updateTable('booking')
		.set({ status: 'cancelled_by_host', cancel_reason: reason, cancelled_at: now, updated_at: now })
		.where('id', '=', booking.id)
		.execute();
	await release(trx, booking);
	return notices.tellTourist(trx, booking, 'booking_cancelled_by_host', reason);
}

/**
 * Requests the host did not answer in time expire and give their seats back; the tourist is
 * told. Row locks with SKIP LOCKED let several instances run this at once.
 */
export async function expireRequests(now: Date = new Date()): Promise<number> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const expired = await notices
				.lockBookings(trx)
				.where('b.status', '=', 'requested')
				.where('b.respond_by', '<=', now)
				.skipLocked()
				.execute();
			for (const booking of expired) {
				await trx
					.updateTable('booking')
					.set({ status: 'expired', updated_at: now })
					.where('id', '=', booking.id)
					.execute();
				await release(trx, booking, now);
				await notices.tellTourist(
					trx,
					booking,
					'booking_declined',
					m.booking_expired_reason({}, { locale: booking.language })
				);
			}
			return expired.length;
		});
}
