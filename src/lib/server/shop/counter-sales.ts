// What a host sells over the counter without an order: recorded with the stock it takes (through
// shop.takeStock's conditional UPDATE, so no number of sales at once can make it negative), the
// recent sales, and a day's takings. Every sale is audited in its own transaction.
import { z } from 'zod';
import { addDays, pastDates, todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { calendarDate, parse, type FieldErrors } from '$lib/validation';
import * as audit from '../audit';
import { productLines } from '../bookings/input';
import { getDb, type Db } from '../db';
import { PAYMENT_METHODS, type PaymentMethod, type ProductUnit } from '../db/schema-shop';
import * as shop from './index';

/** How far back a counter sale may be recorded: last month's sales written up late. */
export const SALE_DAYS_BACK = 31;

/** A counter sale, sold from SALE_DAYS_BACK days ago (within pastDates) to today, at `now`. */
export function buildSaleSchema(now: Date) {
	const past = pastDates(now);
	const oldest = addDays(past.to, -SALE_DAYS_BACK);
	return z.object({
		soldOn: calendarDate(
			{ from: oldest > past.from ? oldest : past.from, to: past.to },
			{
				early: () => m.shophost_sold_on_too_old({ days: SALE_DAYS_BACK }),
				late: () => m.shophost_sold_on_future()
			}
		),
		paymentMethod: z.enum(PAYMENT_METHODS, { error: () => m.shop_payment_method_required() }),
		products: productLines
	});
}

export type SaleInput = z.output<ReturnType<typeof buildSaleSchema>>;

export type SaleResult =
	{ ok: true; id: number; totalIdr: number } | { ok: false; fields: FieldErrors };

/** A counter sale as the form sent it, checked without reading the shelf; sold today unless said. */
export function checkSale(
	raw: unknown,
	now: Date = new Date()
): { ok: true; data: SaleInput } | { ok: false; fields: FieldErrors } {
	const today = todayInJakarta(now);
	const dated =
		typeof raw === 'object' && raw !== null && !('soldOn' in raw && raw.soldOn)
			? { ...raw, soldOn: today }
			: raw;
	const parsed = parse(buildSaleSchema(now), dated);
	if (!parsed.ok) return parsed;
	if (!parsed.data.products.some((line) => line.quantity > 0)) {
		return { ok: false, fields: { products: m.shop_order_empty() } };
	}
	return parsed;
}

async function stockOf(db: Db, productIds: number[]): Promise<Record<string, number>> {
	if (productIds.length === 0) return {};
	const rows = await db
		.selectFrom('product')
		.select(['id', 'stock'])
		.where('id', 'in', productIds)
		.orderBy('id')
		.execute();
	return Object.fromEntries(rows.map((row) => [String(row.id), row.stock]));
}

/**
 * Records what the shop sold over the counter and takes it off the shelf in the same
 * transaction. A product that is short, inactive or of another village refuses the whole sale,
 * with a message at that product ('products.<id>'), and nothing is taken or written.
 */
export async function recordSale(
	actorUserId: number,
	villageCode: string,
	raw: unknown,
	now: Date = new Date()
): Promise<SaleResult> {
	const checked = checkSale(raw, now);
	if (!checked.ok) return checked;
	const input = checked.data;
	try {
		return await getDb()
			.transaction()
			.execute(async (trx) => {
				const taken = await shop.takeStock(trx, villageCode, input.products, null);
				const totalIdr = shop.sumLines(taken);
				const { id } = await trx
					.insertInto('shop_sale')
					.values({
						village_code: villageCode,
						sold_on: input.soldOn,
						payment_method: input.paymentMethod,
						total_idr: totalIdr,
						recorded_by: actorUserId,
						created_at: now
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				await trx
					.insertInto('shop_sale_line')
					.values(
						taken.map((line) => ({
							sale_id: id,
							product_id: line.productId,
							name_id: line.nameId,
							name_en: line.nameEn,
							unit: line.unit,
							quantity: line.quantity,
							unit_price_idr: line.unitPriceIdr
						}))
					)
					.execute();
				const stockAfter = await stockOf(
					trx,
					taken.map((line) => line.productId)
				);
				const stockBefore = Object.fromEntries(
					taken.map((line) => [
						String(line.productId),
						stockAfter[String(line.productId)] + line.quantity
					])
				);
				await audit.record(trx, {
					actorUserId,
					villageCode,
					action: 'sale.record',
					entity: 'shop_sale',
					entityId: id,
					before: { stock: stockBefore },
					after: {
						soldOn: input.soldOn,
						paymentMethod: input.paymentMethod,
						totalIdr,
						lines: taken.map((line) => ({
							productId: line.productId,
							quantity: line.quantity,
							unitPriceIdr: line.unitPriceIdr
						})),
						stock: stockAfter
					}
				});
				return { ok: true as const, id, totalIdr };
			});
	} catch (error) {
		if (error instanceof shop.StockRefusal) return { ok: false, fields: error.fields };
		throw error;
	}
}

export interface SaleLine {
	label: string;
	unit: ProductUnit;
	quantity: number;
	unitPriceIdr: number;
}

export interface RecentSale {
	id: number;
	soldOn: string;
	paymentMethod: PaymentMethod;
	totalIdr: number;
	recordedBy: string | null;
	createdAt: Date;
	lines: SaleLine[];
}

/** The village's latest counter sales, newest first, with what each held. */
export async function listRecentSales(
	villageCode: string,
	locale: Locale,
	limit = 20
): Promise<RecentSale[]> {
	const sales = await getDb()
		.selectFrom('shop_sale as s')
		.leftJoin('app_user as u', 'u.id', 's.recorded_by')
		.select([
			's.id',
			's.sold_on',
			's.payment_method',
			's.total_idr',
			's.created_at',
			'u.name as recorded_by'
		])
		.where('s.village_code', '=', villageCode)
		.orderBy('s.sold_on', 'desc')
		.orderBy('s.id', 'desc')
		.limit(limit)
		.execute();
	if (sales.length === 0) return [];
	const lines = await getDb()
		.selectFrom('shop_sale_line')
		.selectAll()
		.where(
			'sale_id',
			'in',
			sales.map((sale) => sale.id)
		)
		.orderBy('product_id')
		.execute();
	return sales.map((sale) => ({
		id: sale.id,
		soldOn: sale.sold_on,
		paymentMethod: sale.payment_method,
		totalIdr: Number(sale.total_idr),
		recordedBy: sale.recorded_by,
		createdAt: sale.created_at,
		lines: lines
			.filter((line) => line.sale_id === sale.id)
			.map((line) => ({
				label: locale === 'en' ? line.name_en : line.name_id,
				unit: line.unit,
				quantity: line.quantity,
				unitPriceIdr: line.unit_price_idr
			}))
	}));
}

export interface DayTakings {
	sales: number;
	totalIdr: number;
	byMethod: Record<PaymentMethod, number>;
}

/** What the counter took on a day, by payment method: the cash box to count at closing. */
export async function sumTakingsOfDay(villageCode: string, date: string): Promise<DayTakings> {
	const rows = await getDb()
		.selectFrom('shop_sale')
		.select((eb) => [
			'payment_method',
			eb.fn.countAll<string>().as('sales'),
			eb.fn.sum<string>('total_idr').as('total')
		])
		.where('village_code', '=', villageCode)
		.where('sold_on', '=', date)
		.groupBy('payment_method')
		.execute();
	const byMethod = { cash: 0, qris: 0, transfer: 0 };
	for (const row of rows) byMethod[row.payment_method] = Number(row.total);
	return {
		sales: rows.reduce((sum, row) => sum + Number(row.sales), 0),
		totalIdr: rows.reduce((sum, row) => sum + Number(row.total), 0),
		byMethod
	};
}
