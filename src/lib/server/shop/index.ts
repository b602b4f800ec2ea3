// The village shop: OVOP products ordered to pick up and pay at the village, with a visit or
// on their own. Stock is taken by one conditional UPDATE per product inside the order's
// transaction (the CHECK stock >= 0 stands behind it), the same proof as seats on a slot.
import { addDays, monthInJakarta, todayInJakarta } from '$lib/dates';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { calendarDate, parse, wholeCount, type FieldErrors } from '$lib/validation';
import * as audit from '../audit';
import { getDb } from '../db';
import type { Database } from '../db/schema';
import type { OrderStatus, PaymentMethod, ProductUnit } from '../db/schema-shop';
import { PAYMENT_METHODS } from '../db/schema-shop';
import { contactSchema, MAX_PRODUCT_QUANTITY, productLines } from '../bookings/input';
import { codePrefix, isOrderCode, newOrderCode } from '../codes';
import { config } from '../config';
import * as seasons from '../seasons';
import * as outbox from '../mail/outbox';
import * as photos from '../photos';
import { deriveSecret, loadAppSecret, matchesHash, sha256Hex } from '../secrets';

type Trx = Transaction<Database>;
/** How far ahead an order on its own may be collected. */
export const PICKUP_DAYS_AHEAD = 60;

/** The private page of an order on its own; the secret is its last part. */
export function orderPath(code: string, secret: string, language: Locale): string {
	return `${language === 'en' ? '/en' : ''}/toko/pesanan/${code}/${secret}`;
}

async function orderLink(code: string, language: Locale) {
	const secret = await deriveSecret('order', code);
	return { secret, url: config.publicOrigin + orderPath(code, secret, language) };
}

/** Whether a product of these season months can be had on a 'YYYY-MM-DD' date. */
export function inSeason(seasonMonths: number[], date: string): boolean {
	return seasons.isUsualMonth(seasonMonths, date.slice(0, 7));
}

export { isOrderCode };

// ---------------------------------------------------------------------------------------------
// What a tourist can order

export interface ShopProduct {
	id: number;
	name: string;
	description: string;
	unit: ProductUnit;
	priceIdr: number;
	stock: number;
	seasonMonths: number[];
	/** Out of season this month: the month ('YYYY-MM') its season starts again. */
	seasonStarts: string | null;
	/** The product's first photo, if it has one. */
	photo: { url: string; alt: string } | null;
}

/** The village's active products, in the host's order. */
export async function productsOfVillage(
	villageCode: string,
	locale: Locale,
	now: Date = new Date()
): Promise<ShopProduct[]> {
	const thisMonth = monthInJakarta(now);
	const rows = await getDb()
		.selectFrom('product')
		.select([
			'id',
			'name_id',
			'name_en',
			'description_id',
			'description_en',
			'unit',
			'price_idr',
			'stock',
			'season_months'
		])
		.where('village_code', '=', villageCode)
		.where('active', '=', true)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	const firstPhotos = await photos.firstPhotoOfProducts(rows.map((row) => row.id));
	return rows.map((row) => {
		const name = locale === 'en' ? row.name_en : row.name_id;
		const photo = firstPhotos.get(row.id);
		return {
			id: row.id,
			name,
			description: locale === 'en' ? row.description_en : row.description_id,
			unit: row.unit,
			priceIdr: row.price_idr,
			stock: row.stock,
			seasonMonths: row.season_months.map(Number),
			seasonStarts: seasons.isUsualMonth(row.season_months, thisMonth)
				? null
				: seasons.nextSeasonStart(row.season_months, null, thisMonth),
			photo: photo
				? { url: photo.url, alt: (locale === 'en' ? photo.altEn : photo.altId) || name }
				: null
		};
	});
}

// ---------------------------------------------------------------------------------------------
// Input

export type ProductLineInput = z.output<typeof productLines>[number];

/** An order on its own, picked up from today to PICKUP_DAYS_AHEAD days after (Jakarta, at `now`). */
export function orderInput(now: Date) {
	const today = todayInJakarta(now);
	return z.object({
		village: z.string().max(64),
		pickupDate: calendarDate(
			{ from: today, to: addDays(today, PICKUP_DAYS_AHEAD) },
			{
				missing: () => m.shop_pickup_date_invalid(),
				early: () => m.shop_pickup_date_past(),
				late: () => m.shop_pickup_date_too_far({ days: PICKUP_DAYS_AHEAD })
			}
		),
		products: productLines,
		contact: contactSchema,
		language: z.enum(['id', 'en'])
	});
}

export type OrderInput = z.output<ReturnType<typeof orderInput>>;

/**
 * The form input ('product.<id>') a message about products belongs to: validation speaks of
 * 'products.<index>.quantity', the shelf of 'products.<id>'. Undefined for any other path.
 */
export function productInputName(
	path: string,
	lines: readonly { product: number }[]
): string | undefined {
	const byIndex = /^products\.(\d+)\./.exec(path);
	if (byIndex) return `product.${lines[Number(byIndex[1])]?.product}`;
	const byId = /^products\.(\d+)$/.exec(path);
	return byId ? `product.${byId[1]}` : undefined;
}

const productQuantity = wholeCount(0, MAX_PRODUCT_QUANTITY);

/** Reads 'product.<id>' quantity fields of a form; empty means none. */
export function readProductFields(data: FormData): ProductLineInput[] | FieldErrors {
	const lines: ProductLineInput[] = [];
	const fields: FieldErrors = {};
	for (const [name, value] of data) {
		const match = /^product\.(\d{1,10})$/.exec(name);
		if (!match || typeof value !== 'string' || value.trim() === '') continue;
		const id = Number(match[1]);
		const quantity = parse(productQuantity, value);
		if (!quantity.ok) fields[`products.${id}`] = quantity.fields._;
		else if (quantity.data > 0) lines.push({ product: id, quantity: quantity.data });
	}
	return Object.keys(fields).length > 0 ? fields : lines;
}

// ---------------------------------------------------------------------------------------------
// Stock

export interface TakenLine {
	productId: number;
	nameId: string;
	nameEn: string;
	unit: ProductUnit;
	quantity: number;
	unitPriceIdr: number;
}

export class StockRefusal extends Error {
	constructor(readonly fields: FieldErrors) {
		super('stock');
	}
}

/**
 * Takes the lines' quantities off the village's shelf in the caller's transaction, in product
 * order so that two orders never wait on each other's rows. Throws StockRefusal, with a message
 * per product keyed 'products.<id>', when a product is unknown, out of season on the pickup date
 * or short of stock: the caller's transaction then rolls back, so nothing is taken.
 */
export async function takeStock(
	trx: Trx,
	villageCode: string,
	lines: ProductLineInput[],
	pickupDate: string | null
): Promise<TakenLine[]> {
	const merged = new Map<number, number>();
	for (const line of lines) {
		if (line.quantity > 0)
			merged.set(line.product, (merged.get(line.product) ?? 0) + line.quantity);
	}
	const fields: FieldErrors = {};
	const taken: TakenLine[] = [];
	for (const [productId, quantity] of [...merged].sort(([a], [b]) => a - b)) {
		const key = `products.${productId}`;
		if (quantity > MAX_PRODUCT_QUANTITY) {
			fields[key] = m.validation_number_too_big({ max: String(MAX_PRODUCT_QUANTITY) });
			continue;
		}
		const row = await trx
			.updateTable('product')
			.set((eb) => ({ stock: eb('stock', '-', quantity), updated_at: new Date() }))
			.where('id', '=', productId)
			.where('village_code', '=', villageCode)
			.where('active', '=', true)
			.where('stock', '>=', quantity)
			.returning(['id', 'name_id', 'name_en', 'unit', 'price_idr', 'season_months'])
			.executeTakeFirst();
		if (!row) {
			const current = await trx
				.selectFrom('product')
				.select(['stock'])
				.where('id', '=', productId)
				.where('village_code', '=', villageCode)
				.where('active', '=', true)
				.executeTakeFirst();
			fields[key] = current
				? m.shop_not_enough_stock({ stock: current.stock })
				: m.shop_product_unknown();
			continue;
		}
		if (pickupDate && !inSeason(row.season_months, pickupDate)) {
			fields[key] = m.shop_product_out_of_season();
			continue;
		}
		taken.push({
			productId: row.id,
			nameId: row.name_id,
			nameEn: row.name_en,
			unit: row.unit,
			quantity,
			unitPriceIdr: row.price_idr
		});
	}
	if (Object.keys(fields).length > 0) throw new StockRefusal(fields);
	return taken;
}

/** Puts an order's lines back on the shelf, in the caller's transaction. */
async function returnStock(trx: Trx, orderId: number) {
	const lines = await trx
		.selectFrom('product_order_line')
		.select(['product_id', 'quantity'])
		.where('order_id', '=', orderId)
		.orderBy('product_id')
		.execute();
	for (const line of lines) {
		await trx
			.updateTable('product')
			.set((eb) => ({ stock: eb('stock', '+', line.quantity) }))
			.where('id', '=', line.product_id)
			.execute();
	}
}

export function totalOf(lines: { quantity: number; unitPriceIdr: number }[]): number {
	return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceIdr, 0);
}

// ---------------------------------------------------------------------------------------------
// Orders

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
	const totalIdr = totalOf(order.lines);
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
export function localLines(lines: TakenLine[], language: Locale) {
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
	const parsed = parse(orderInput(now), raw);
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
								lines: localLines(taken, input.language),
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
	lines: ReturnType<typeof localLines>;
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
		lines: localLines(await loadLines(row.id), locale),
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
export async function ofBooking(
	bookingId: number,
	locale: Locale,
	now: Date = new Date()
): Promise<OrderView | undefined> {
	const row = await orderQuery().where('o.booking_id', '=', bookingId).executeTakeFirst();
	return row ? toView(row, locale, now) : undefined;
}

/** The products ordered with a booking of this village, by the booking's code. */
export async function ofBookingCode(
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
export async function pickupDateOf(villageCode: string, code: string): Promise<string | undefined> {
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

// ---------------------------------------------------------------------------------------------
// At the village

export interface Pickup {
	code: string;
	status: OrderStatus;
	contactName: string;
	contactPhone: string;
	bookingCode: string | null;
	bookingStatus: string | null;
	totalIdr: number;
	paymentMethod: PaymentMethod | null;
	lines: ReturnType<typeof localLines>;
}

/** The orders to be collected at the village on a day, with what each holds. */
export async function pickupsOfDay(
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
		lines: localLines(
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
