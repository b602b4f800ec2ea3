// The tourist's side of a booking made: what the manage link shows, cancelling it within the
// package's window, and the same booking as the JSON API answers it.
import { isoWib } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { getDb } from '../db';
import type { BookingStatus } from '../db/schema';
import { isBookingCode } from '../codes';
import * as notices from './notices';
import * as shop from '../shop';
import { matchesHash } from '../secrets';
import { release } from './release';

const ACTIVE: BookingStatus[] = ['requested', 'confirmed'];

export interface BookingView {
	code: string;
	status: BookingStatus;
	seats: number;
	people: number;
	totalIdr: number;
	language: Locale;
	contactName: string;
	contactPhone: string;
	contactEmail: string | null;
	originCountry: string;
	originProvince: string | null;
	startsAt: Date;
	endsAt: Date;
	packageSlug: string;
	packageTitle: string;
	villageCode: string;
	villageName: string;
	villageSlug: string;
	hostWhatsapp: string | null;
	meetingLat: number;
	meetingLng: number;
	cancelHours: number;
	respondBy: Date | null;
	cancelReason: string | null;
	lines: {
		code: string;
		label: string;
		quantity: number;
		unitPriceIdr: number;
		takesSeat: boolean;
	}[];
	/** Until when the tourist may cancel it themselves; null when it can no longer be cancelled. */
	cancellableUntil: Date | null;
	/** Products of the village shop ordered with the visit. */
	order: shop.OrderView | null;
}

/** The booking behind a manage link, or undefined when the code or the secret is wrong. */
export async function findForManage(
	code: string,
	secret: string,
	locale: Locale,
	now: Date = new Date()
): Promise<BookingView | undefined> {
	if (!isBookingCode(code)) return undefined;
	const row = await getDb()
		.selectFrom('booking as b')
		.innerJoin('slot as s', 's.id', 'b.slot_id')
		.innerJoin('tour_package as p', 'p.id', 'b.package_id')
		.innerJoin('village as v', 'v.code', 'b.village_code')
		.select([
			'b.id',
			'b.code',
			'b.status',
			'b.seats',
			'b.people',
			'b.total_idr',
			'b.language',
			'b.contact_name',
			'b.contact_phone',
			'b.contact_email',
			'b.origin_country',
			'b.origin_province',
			'b.manage_secret_hash',
			'b.respond_by',
			'b.cancel_reason',
			's.starts_at',
			's.ends_at',
			'p.slug as package_slug',
			'p.title_id',
			'p.title_en',
			'p.cancel_hours',
			'p.meeting_lat',
			'p.meeting_lng',
			'v.code as village_code',
			'v.name as village_name',
			'v.slug as village_slug',
			'v.whatsapp',
			'v.lat',
			'v.lng'
		])
		.where('b.code', '=', code.toUpperCase())
		.executeTakeFirst();
	if (!row || !matchesHash(secret, row.manage_secret_hash)) return undefined;
	const [lines, order] = await Promise.all([
		getDb()
			.selectFrom('booking_line')
			.selectAll()
			.where('booking_id', '=', row.id)
			.orderBy('category_id')
			.execute(),
		shop.findForBooking(row.id, locale, now)
	]);
	const startsAt = new Date(row.starts_at);
	const deadline = cancelDeadline(startsAt, row.cancel_hours);
	return {
		code: row.code,
		status: row.status,
		seats: row.seats,
		people: row.people,
		totalIdr: Number(row.total_idr),
		language: row.language,
		contactName: row.contact_name,
		contactPhone: row.contact_phone,
		contactEmail: row.contact_email,
		originCountry: row.origin_country,
		originProvince: row.origin_province,
		startsAt,
		endsAt: new Date(row.ends_at),
		packageSlug: row.package_slug,
		packageTitle: locale === 'en' ? row.title_en : row.title_id,
		villageCode: row.village_code,
		villageName: row.village_name,
		villageSlug: row.village_slug,
		hostWhatsapp: row.whatsapp,
		meetingLat: row.meeting_lat ?? row.lat,
		meetingLng: row.meeting_lng ?? row.lng,
		cancelHours: row.cancel_hours,
		respondBy: row.respond_by ? new Date(row.respond_by) : null,
		cancelReason: row.cancel_reason,
		lines: lines.map((line) => ({
			code: line.category_code,
			label: locale === 'en' ? line.label_en : line.label_id,
			quantity: line.quantity,
			unitPriceIdr: line.unit_price_idr,
			takesSeat: line.takes_seat
		})),
		cancellableUntil: ACTIVE.includes(row.status) && now < deadline ? deadline : null,
		order: order ?? null
	};
}

export type CancelResult =
	| { ok: true; seatsReleased: number }
	| { ok: false; error: 'not_found' | 'not_active' | 'too_late'; message: string };

/** The tourist cancels within the cancellation window; the seats go back at once. */
export async function cancelByTourist(
	code: string,
	secret: string,
	now: Date = new Date()
): Promise<CancelResult> {
	if (!isBookingCode(code))
		return { ok: false, error: 'not_found', message: m.booking_not_found() };
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const booking = await notices
				.lockBookings(trx)
				.select(['b.manage_secret_hash', 'p.cancel_hours'])
				.where('b.code', '=', code.toUpperCase())
				.executeTakeFirst();
			if (!booking || !matchesHash(secret, booking.manage_secret_hash)) {
				return { ok: false, error: 'not_found', message: m.booking_not_found() };
			}
			if (!ACTIVE.includes(booking.status)) {
				return { ok: false, error: 'not_active', message: m.booking_cancel_not_active() };
			}
			if (now >= cancelDeadline(booking.starts_at, booking.cancel_hours)) {
				return {
					ok: false,
					error: 'too_late',
					message: m.booking_cancel_too_late({ hours: booking.cancel_hours })
				};
			}
			await trx
				.updateTable('booking')
				.set({ status: 'cancelled_by_tourist', cancelled_at: now, updated_at: now })
				.where('id', '=', booking.id)
				.execute();
			await release(trx, booking, now);
			await notices.tellTourist(trx, booking, 'booking_cancelled');
			return { ok: true, seatsReleased: booking.seats };
		});
}

/** The API's view of a booking: no internal ids, times with the WIB offset. */
export function describeForApi(booking: BookingView) {
	return {
		code: booking.code,
		status: booking.status,
		seats: booking.seats,
		people: booking.people,
		totalIdr: booking.totalIdr,
		startsAt: isoWib(booking.startsAt),
		endsAt: isoWib(booking.endsAt),
		package: { slug: booking.packageSlug, title: booking.packageTitle },
		village: { code: booking.villageCode, name: booking.villageName },
		party: booking.lines.map((line) => ({
			category: line.code,
			label: line.label,
			quantity: line.quantity,
			unitPriceIdr: line.unitPriceIdr
		})),
		cancellableUntil: booking.cancellableUntil ? isoWib(booking.cancellableUntil) : null,
		products: booking.order && {
			code: booking.order.code,
			status: booking.order.status,
			totalIdr: booking.order.totalIdr,
			lines: booking.order.lines.map((line) => ({
				product: line.label,
				unit: line.unit,
				quantity: line.quantity,
				unitPriceIdr: line.unitPriceIdr
			}))
		}
	};
}

/** The last moment a tourist may cancel by themselves: the package's hours before the start. */
export function cancelDeadline(startsAt: Date | string, cancelHours: number): Date {
	return new Date(new Date(startsAt).getTime() - cancelHours * 3_600_000);
}
