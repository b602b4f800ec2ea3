// Stock is taken by one conditional UPDATE per product inside the order's transaction (the
// CHECK stock >= 0 stands behind it), the same proof as seats on a slot.
import type { Transaction } from 'kysely';
import { m } from '$lib/paraglide/messages';
import type { FieldErrors } from '$lib/validation';
import type { Database } from '../db/schema';
import type { ProductUnit } from '../db/schema-shop';
import { MAX_PRODUCT_QUANTITY } from '../bookings/input';
import { isInSeasonOn, type ProductLineInput } from './products';

type Trx = Transaction<Database>;

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
		if (pickupDate && !isInSeasonOn(row.season_months, pickupDate)) {
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
export async function returnStock(trx: Trx, orderId: number) {
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

export function sumLines(lines: { quantity: number; unitPriceIdr: number }[]): number {
	return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceIdr, 0);
}
