// Products ordered to pick up and pay at the village, with a visit or on their own: placing an
// order, its private page, and cancelling it.
import type { Transaction } from 'kysely';
import { todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { parse, type FieldErrors } from '$lib/validation';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import type { OrderStatus, PaymentMethod } from '../db/schema-shop';
import { codePrefix, isOrderCode, newOrderCode } from '../codes';
import { config } from '../config';
import * as outbox from '../mail/outbox';
import { deriveSecret, loadAppSecret, matchesHash, sha256Hex } from '../secrets';

type Trx = Transaction<Database>;
import { returnStock, takeStock, sumLines, StockRefusal, type TakenLine } from './stock';
import { buildOrderSchema, type OrderInput, type ProductLineInput } from './products';

/** The private page of an order on its own; the secret is its last part. */
export function buildOrderPath(code: string, secret: string, language: Locale): string {
	return `${language === 'en' ? '/en' : ''}/toko/pesanan/${code}/${secret}`;
}

async function orderLink(code: string, language: Locale) {
	const secret = await deriveSecret('order', code);
	return { secret, url: config.publicOrigin + buildOrderPath(code, secret, language) };
}

export { isOrderCode };

export interface PlacedOrder {
	code: string;
	totalIdr: number;
	lines: TakenLine[];
	/** Only for an order on its own: a booking's order is managed through the booking. */
	manageUrl: string | null;
	secret: string | null;
}

interface NewOrder {
	villageCode: string;
	codePrefix: string;
	bookingId: number | null;
	pickupDate: string;
	lines: TakenLine[];
	contact: { name: string; phone: string; email: string | null };
	language: Locale;
	idempotencyKey?: string | null;
	requestHash?: string | null;
	now: Date;
}

async function insertOrder(trx: Trx, order: NewOrder): Promise<PlacedOrder> {
	const code = newOrderCode(order.codePrefix);
	const { secret, url } = await orderLink(code, order.language);
	const totalIdr = sumLines(order.lines);
	const row = await trx
		.insertInto('product_order')
		.values({
			code,
			village_code: order.villageCode,
			booking_id: order.bookingId,
			pickup_date: order.pickupDate,
			total_idr: totalIdr,
			contact_name: order.contact.name,
			contact_phone: order.contact.phone,
			contact_email: order.contact.email,
			language: order.language,
			manage_secret_hash: sha256Hex(secret),
			idempotency_key: order.idempotencyKey ?? null,
			request_hash: order.requestHash ?? null,
			created_at: order.now,
			updated_at: order.now
		})
		.returning(['id'])
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('product_order_line')
		.values(
			order.lines.map((line) => ({
				order_id: row.id,
				product_id: line.productId,
				name_id: line.nameId,
				name_en: line.nameEn,
				unit: line.unit,
				quantity: line.quantity,
				unit_price_idr: line.unitPriceIdr
			}))
		)
		.execute();
	const alone = order.bookingId === null;
	return {
		code,
		totalIdr,
		lines: order.lines,
		manageUrl: alone ? url : null,
		secret: alone ? secret : null
	};
}

/**
 * Adds products to a booking being made, in the booking's transaction: collected and paid at
 * the visit. Throws StockRefusal (the booking then rolls back) when the shelf is short.
 */
export async function orderWithBooking(
	trx: Trx,
	booking: {
		id: number;
		villageCode: string;
		codePrefix: string;
		visitDate: string;
		contact: { name: string; phone: string; email: string | null };
		language: Locale;
		now: Date;
	},
	lines: ProductLineInput[]
): Promise<PlacedOrder | null> {
	if (!lines.some((line) => line.quantity > 0)) return null;
	const taken = await takeStock(trx, booking.villageCode, lines, booking.visitDate);
	return insertOrder(trx, {
		villageCode: booking.villageCode,
		codePrefix: booking.codePrefix,
		bookingId: booking.id,
		pickupDate: booking.visitDate,
		lines: taken,
		contact: booking.contact,
		language: booking.language,
		now: booking.now
	});
}

/** Cancels the products ordered with a booking, putting them back on the shelf. */
export async function cancelWithBooking(trx: Trx, bookingId: number, now: Date = new Date()) {
	const order = await trx
		.updateTable('product_order')
		.set({ status: 'cancelled', cancelled_at: now, updated_at: now })
		.where('booking_id', '=', bookingId)
		.where('status', '=', 'reserved')
		.returning(['id'])
		.executeTakeFirst();
	if (order) await returnStock(trx, order.id);
}

export type OrderResult =
	{ ok: true; replayed: boolean; order: PlacedOrder } | { ok: false; fields: FieldErrors };

/** The lines in the tourist's language, for an e-mail or a page. */
export function localizeLines(lines: TakenLine[], language: Locale) {
	return lines.map((line) => ({
		label: language === 'en' ? line.nameEn : line.nameId,
		unit: line.unit,
		quantity: line.quantity,
		unitPriceIdr: line.unitPriceIdr
	}));
}

function orderHash(input: OrderInput): string {
	const products = [...input.products].sort((a, b) => a.product - b.product);
	return sha256Hex(JSON.stringify({ ...input, products }));
}

async function loadLines(orderId: number): Promise<TakenLine[]> {
	const rows = await getDb()
		.selectFrom('product_order_line')
		.selectAll()
		.where('order_id', '=', orderId)
		.orderBy('product_id')
		.execute();
	return rows.map((row) => ({
		productId: row.product_id,
		nameId: row.name_id,
		nameEn: row.name_en,
		unit: row.unit,
		quantity: row.quantity,
		unitPriceIdr: row.unit_price_idr
	}));
}

async function replayOrder(key: string, hash: string): Promise<OrderResult | undefined> {
	const row = await getDb()
		.selectFrom('product_order')
		.select(['id', 'code', 'total_idr', 'language', 'request_hash'])
		.where('idempotency_key', '=', key)
		.executeTakeFirst();
	if (!row) return undefined;
	if (row.request_hash !== hash) {
		return { ok: false, fields: { idempotencyKey: m.booking_idempotency_reused() } };
	}
	const { secret, url } = await orderLink(row.code, row.language);
	return {
		ok: true,
		replayed: true,
		order: {
			code: row.code,
			totalIdr: Number(row.total_idr),
			lines: await loadLines(row.id),
			manageUrl: url,
			secret
		}
	};
}

/** An empty basket, read from the raw request: said beside the other fields' messages. */
function checkBasket(raw: unknown): FieldErrors {
	const { products } = (raw ?? {}) as { products?: unknown };
	const lines = Array.isArray(products) ? (products as { quantity?: unknown }[]) : [];
	const something = (quantity: unknown) =>
		(typeof quantity === 'number' || typeof quantity === 'string') && Number(quantity) !== 0;
	return lines.some((line) => something(line?.quantity)) ? {} : { products: m.shop_order_empty() };
}

/**
 * An order on its own, to collect at the village shop on a chosen day. A replay with the same
 * idempotency key returns the first order and takes nothing.
 */
export async function placeOrder(
	raw: unknown,
	options: { idempotencyKey?: string; now?: Date } = {}
): Promise<OrderResult> {
	const now = options.now ?? new Date();
	const parsed = parse(buildOrderSchema(now), raw);
	// Every message at once: the basket is judged even when a field failed.
	const fields = { ...checkBasket(raw), ...(parsed.ok ? {} : parsed.fields) };
	if (!parsed.ok || Object.keys(fields).length > 0) return { ok: false, fields };
	const input = parsed.data;

	const hash = orderHash(input);
	const [earlier, village] = await Promise.all([
		options.idempotencyKey ? replayOrder(options.idempotencyKey, hash) : undefined,
		getDb()
			.selectFrom('village')
			.select(['code', 'name'])
			.where('slug', '=', input.village)
			.executeTakeFirst(),
		loadAppSecret()
	]);
	if (earlier) return earlier;
	if (!village) return { ok: false, fields: { village: m.shop_village_unknown() } };

	for (let attempt = 0; ; attempt++) {
		try {
			const order = await getDb()
				.transaction()
				.execute(async (trx) => {
					const taken = await takeStock(trx, village.code, input.products, input.pickupDate);
					const placed = await insertOrder(trx, {
						villageCode: village.code,
						codePrefix: codePrefix(village.name),
						bookingId: null,
						pickupDate: input.pickupDate,
						lines: taken,
						contact: input.contact,
						language: input.language,
						idempotencyKey: options.idempotencyKey,
						requestHash: hash,
						now
					});
					if (input.contact.email) {
						await outbox.enqueue(trx, {
							recipient: input.contact.email,
							template: 'order_confirmed',
							language: input.language,
							payload: {
								code: placed.code,
								villageName: village.name,
								pickupDate: input.pickupDate,
								lines: localizeLines(taken, input.language),
								totalIdr: placed.totalIdr,
								manageUrl: placed.manageUrl
							},
							notBefore: now
						});
					}
					return placed;
				});
			return { ok: true, replayed: false, order };
		} catch (error) {
			if (error instanceof StockRefusal) return { ok: false, fields: error.fields };
			const constraint = (error as { constraint?: string }).constraint;
			if (constraint === 'product_order_idempotency_key_key' && options.idempotencyKey) {
				const earlier = await replayOrder(options.idempotencyKey, hash);
				if (earlier) return earlier;
			}
			if (constraint === 'product_order_code_key' && attempt < 3) continue;
			throw error;
		}
	}
}

export interface OrderView {
	code: string;
	status: OrderStatus;
	pickupDate: string;
	totalIdr: number;
	villageName: string;
	villageSlug: string;
	contactName: string;
	bookingCode: string | null;
	paymentMethod: PaymentMethod | null;
	lines: ReturnType<typeof localizeLines>;
	/** Whether the tourist may still cancel it themselves (only an order on its own). */
	cancellable: boolean;
}

function orderQuery() {
	return getDb()
		.selectFrom('product_order as o')
		.innerJoin('village as v', 'v.code', 'o.village_code')
		.leftJoin('booking as b', 'b.id', 'o.booking_id')
		.select([
			'o.id',
			'o.code',
			'o.status',
			'o.pickup_date',
			'o.total_idr',
			'o.contact_name',
			'o.manage_secret_hash',
			'o.payment_method',
			'o.booking_id',
			'v.name as village_name',
			'v.slug as village_slug',
			'b.code as booking_code'
		]);
}

async function toView(
	row: Awaited<ReturnType<ReturnType<typeof orderQuery>['executeTakeFirstOrThrow']>>,
	locale: Locale,
	now: Date
): Promise<OrderView> {
	return {
		code: row.code,
		status: row.status,
		pickupDate: row.pickup_date,
		totalIdr: Number(row.total_idr),
		villageName: row.village_name,
		villageSlug: row.village_slug,
		contactName: row.contact_name,
		bookingCode: row.booking_code,
		paymentMethod: row.payment_method,
		lines: localizeLines(await loadLines(row.id), locale),
		cancellable:
			row.booking_id === null && row.status === 'reserved' && row.pickup_date >= todayInJakarta(now)
	};
}

/** The order behind a private link, or undefined when the code or the secret is wrong. */
export async function findForManage(
	code: string,
	secret: string,
	locale: Locale,
	now: Date = new Date()
): Promise<OrderView | undefined> {
	if (!isOrderCode(code)) return undefined;
	const row = await orderQuery().where('o.code', '=', code.toUpperCase()).executeTakeFirst();
	if (!row || row.booking_id !== null) return undefined;
	if (!matchesHash(secret, row.manage_secret_hash)) return undefined;
	return toView(row, locale, now);
}

/** The products ordered with a booking, for its page and the host's check-in. */
export async function findForBooking(
	bookingId: number,
	locale: Locale,
	now: Date = new Date()
): Promise<OrderView | undefined> {
	const row = await orderQuery().where('o.booking_id', '=', bookingId).executeTakeFirst();
	return row ? toView(row, locale, now) : undefined;
}

/** The products ordered with a booking of this village, by the booking's code. */
export async function findForBookingCode(
	villageCode: string,
	bookingCode: string,
	locale: Locale
): Promise<OrderView | undefined> {
	const row = await orderQuery()
		.where('b.code', '=', bookingCode.toUpperCase())
		.where('o.village_code', '=', villageCode)
		.executeTakeFirst();
	return row ? toView(row, locale, new Date()) : undefined;
}

/** The pickup day of an order of this village, for a host who scanned or typed its code. */
export async function findPickupDate(
	villageCode: string,
	code: string
): Promise<string | undefined> {
	if (!isOrderCode(code)) return undefined;
	const row = await getDb()
		.selectFrom('product_order')
		.select('pickup_date')
		.where('code', '=', code.toUpperCase())
		.where('village_code', '=', villageCode)
		.executeTakeFirst();
	return row?.pickup_date;
}

/** The tourist cancels an order on its own until its pickup day; the stock goes back. */
export async function cancelOrder(
	code: string,
	secret: string,
	now: Date = new Date()
): Promise<{ ok: true } | { ok: false; message: string }> {
	if (!isOrderCode(code)) return { ok: false, message: m.shop_order_not_found() };
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const order = await trx
				.selectFrom('product_order')
				.select(['id', 'status', 'pickup_date', 'booking_id', 'manage_secret_hash'])
				.where('code', '=', code.toUpperCase())
				.forUpdate()
				.executeTakeFirst();
			if (!order || order.booking_id !== null || !matchesHash(secret, order.manage_secret_hash)) {
				return { ok: false, message: m.shop_order_not_found() };
			}
			if (order.status !== 'reserved') return { ok: false, message: m.shop_order_not_active() };
			if (order.pickup_date < todayInJakarta(now)) {
				return { ok: false, message: m.shop_order_too_late() };
			}
			await trx
				.updateTable('product_order')
				.set({ status: 'cancelled', cancelled_at: now, updated_at: now })
				.where('id', '=', order.id)
				.execute();
			await returnStock(trx, order.id);
			return { ok: true };
		});
}
