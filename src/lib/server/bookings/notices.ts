// Messages to tourists about their bookings, written to the outbox in the transaction of the
// change they announce.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { buildManageLink } from './manage-link';
import * as outbox from '../mail/outbox';

type Trx = Transaction<Database>;

/** Bookings with what a message to their tourist needs, locked for the caller's change. */
export function lockBookings(trx: Trx) {
	return trx
		.selectFrom('booking as b')
		.innerJoin('slot as s', 's.id', 'b.slot_id')
		.innerJoin('tour_package as p', 'p.id', 'b.package_id')
		.innerJoin('village as v', 'v.code', 'b.village_code')
		.select([
			'b.id',
			'b.code',
			'b.status',
			'b.slot_id',
			'b.village_code',
			'b.seats',
			'b.people',
			'b.total_idr',
			'b.language',
			'b.contact_email',
			's.starts_at',
			's.ends_at',
			'p.title_id',
			'p.title_en',
			'v.name as village_name',
			'v.whatsapp'
		])
		.forUpdate('b');
}

export type LockedBooking = Awaited<ReturnType<ReturnType<typeof lockBookings>['execute']>>[number];

/**
 * Tells the tourist what happened to their booking, through the outbox in the caller's
 * transaction; false when they left no e-mail address.
 */
export async function tellTourist(
	trx: Trx,
	booking: LockedBooking,
	template:
		'booking_accepted' | 'booking_declined' | 'booking_cancelled' | 'booking_cancelled_by_host',
	reason?: string
): Promise<boolean> {
	if (!booking.contact_email) return false;
	const english = booking.language === 'en';
	const lines = await trx
		.selectFrom('booking_line')
		.select(['label_id', 'label_en', 'quantity', 'unit_price_idr'])
		.where('booking_id', '=', booking.id)
		.orderBy('category_id')
		.execute();
	await outbox.enqueue(trx, {
		recipient: booking.contact_email,
		template,
		language: booking.language,
		payload: {
			code: booking.code,
			packageTitle: english ? booking.title_en : booking.title_id,
			villageName: booking.village_name,
			startsAt: new Date(booking.starts_at).toISOString(),
			endsAt: new Date(booking.ends_at).toISOString(),
			people: booking.people,
			lines: lines.map((line) => ({
				label: english ? line.label_en : line.label_id,
				quantity: line.quantity,
				unitPriceIdr: line.unit_price_idr
			})),
			totalIdr: Number(booking.total_idr),
			hostWhatsapp: booking.whatsapp,
			manageUrl:
				template === 'booking_accepted'
					? (await buildManageLink(booking.code, booking.language)).url
					: undefined,
			reason
		}
	});
	return true;
}
