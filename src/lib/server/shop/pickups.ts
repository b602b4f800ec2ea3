// The orders the village hands over: the day's pickups, marking them collected, and giving the
// stock of orders nobody came for back to the shelf.
import { z } from 'zod';
import { todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { parse, type FieldErrors } from '$lib/validation';
import * as audit from '../audit';
import { getDb } from '../db';
import type { OrderStatus, PaymentMethod } from '../db/schema-shop';
import { PAYMENT_METHODS } from '../db/schema-shop';
import { isOrderCode } from '../codes';

import { localizeLines } from './orders';
import { returnStock } from './stock';

export interface Pickup {
	code: string;
	status: OrderStatus;
	contactName: string;
	contactPhone: string;
	bookingCode: string | null;
	bookingStatus: string | null;
	totalIdr: number;
	paymentMethod: PaymentMethod | null;
	lines: ReturnType<typeof localizeLines>;
}

/** The orders to be collected at the village on a day, with what each holds. */
export async function listPickupsOfDay(
	villageCode: string,
	date: string,
	locale: Locale
): Promise<Pickup[]> {
	const orders = await getDb()
		.selectFrom('product_order as o')
		.leftJoin('booking as b', 'b.id', 'o.booking_id')
		.select([
			'o.id',
			'o.code',
			'o.status',
			'o.contact_name',
			'o.contact_phone',
			'o.total_idr',
			'o.payment_method',
			'b.code as booking_code',
			'b.status as booking_status'
		])
		.where('o.village_code', '=', villageCode)
		.where('o.pickup_date', '=', date)
		.where('o.status', '<>', 'cancelled')
		.orderBy('o.contact_name')
		.orderBy('o.id')
		.execute();
	if (orders.length === 0) return [];
	const lines = await getDb()
		.selectFrom('product_order_line')
		.selectAll()
		.where(
			'order_id',
			'in',
			orders.map((order) => order.id)
		)
		.orderBy('product_id')
		.execute();
	return orders.map((order) => ({
		code: order.code,
		status: order.status,
		contactName: order.contact_name,
		contactPhone: order.contact_phone,
		bookingCode: order.booking_code,
		bookingStatus: order.booking_status,
		totalIdr: Number(order.total_idr),
		paymentMethod: order.payment_method,
		lines: localizeLines(
			lines
				.filter((line) => line.order_id === order.id)
				.map((line) => ({
					productId: line.product_id,
					nameId: line.name_id,
					nameEn: line.name_en,
					unit: line.unit,
					quantity: line.quantity,
					unitPriceIdr: line.unit_price_idr
				})),
			locale
		)
	}));
}

/**
 * Orders nobody came for by the end of their pickup day go back on the shelf, so that the
 * stock shows what can still be sold. Row locks with SKIP LOCKED let instances run it at once.
 */
export async function releaseUncollected(now: Date = new Date()): Promise<number> {
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const orders = await trx
				.selectFrom('product_order')
				.select('id')
				.where('status', '=', 'reserved')
				.where('pickup_date', '<', todayInJakarta(now))
				.forUpdate()
				.skipLocked()
				.execute();
			for (const order of orders) {
				await trx
					.updateTable('product_order')
					.set({ status: 'uncollected', updated_at: now })
					.where('id', '=', order.id)
					.execute();
				await returnStock(trx, order.id);
			}
			return orders.length;
		});
}

const collectInput = z.object({
	code: z.string().max(20),
	paymentMethod: z.enum(PAYMENT_METHODS, { error: () => m.shop_payment_method_required() })
});

/**
 * The host hands an order over and takes the payment: one step, because the shop is paid on
 * collection. Only orders of the host's village, only once.
 */
export async function markCollected(
	villageCode: string,
	actorUserId: number,
	raw: unknown,
	now: Date = new Date()
): Promise<{ ok: true } | { ok: false; fields: FieldErrors }> {
	const parsed = parse(collectInput, raw);
	if (!parsed.ok) return parsed;
	const { code, paymentMethod } = parsed.data;
	if (!isOrderCode(code)) return { ok: false, fields: { code: m.shop_order_not_found() } };
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const order = await trx
				.selectFrom('product_order')
				.select(['id', 'status'])
				.where('code', '=', code.toUpperCase())
				.where('village_code', '=', villageCode)
				.forUpdate()
				.executeTakeFirst();
			if (!order) return { ok: false, fields: { code: m.shop_order_not_found() } };
			if (order.status !== 'reserved') {
				return { ok: false, fields: { code: m.shop_order_not_active() } };
			}
			await trx
				.updateTable('product_order')
				.set({
					status: 'collected',
					payment_method: paymentMethod,
					collected_at: now,
					collected_by: actorUserId,
					updated_at: now
				})
				.where('id', '=', order.id)
				.execute();
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action: 'order.collect',
				entity: 'product_order',
				entityId: code.toUpperCase(),
				before: { status: order.status },
				after: { status: 'collected', paymentMethod }
			});
			return { ok: true };
		});
}
