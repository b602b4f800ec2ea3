// The village shop as its hosts keep it: the products, their photos and their stock (what is sold
// over the counter without an order is in counter-sales.ts). Stock only moves on a locked row or through shop.takeStock's
// conditional UPDATE, and the CHECK (stock >= 0) stands behind both, so nothing a host does
// and no number of sales at once can make it negative. Every write is audited in its own
// transaction, with what it changed before and after.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { parse, text, wholeCount, type FieldErrors } from '$lib/validation';
import * as audit from '../audit';
import { getDb, type Db } from '../db';
import { PRODUCT_UNITS, type ProductUnit } from '../db/schema-shop';
import * as photos from '../photos';

/** More than any village shelf holds; a bigger number is a slip of the thumb. */
export const MAX_STOCK = 100_000;
const MAX_PRICE_IDR = 100_000_000;

// ---- Products ---------------------------------------------------------------------------------

export interface HostProduct {
	id: number;
	nameId: string;
	nameEn: string;
	descriptionId: string;
	descriptionEn: string;
	unit: ProductUnit;
	priceIdr: number;
	stock: number;
	seasonMonths: number[];
	active: boolean;
	sortOrder: number;
}

const productColumns = [
	'id',
	'name_id as nameId',
	'name_en as nameEn',
	'description_id as descriptionId',
	'description_en as descriptionEn',
	'unit',
	'price_idr as priceIdr',
	'stock',
	'season_months as seasonMonths',
	'active',
	'sort_order as sortOrder'
] as const;

function asProduct(row: HostProduct): HostProduct {
	return { ...row, seasonMonths: row.seasonMonths.map(Number) };
}

/** Every product of the village, inactive ones included, in the host's order. */
export async function listProducts(villageCode: string): Promise<HostProduct[]> {
	const rows = await getDb()
		.selectFrom('product')
		.select(productColumns)
		.where('village_code', '=', villageCode)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	return rows.map(asProduct);
}

async function readProduct(db: Db, villageCode: string, productId: number, lock = false) {
	let query = db
		.selectFrom('product')
		.select(productColumns)
		.where('id', '=', productId)
		.where('village_code', '=', villageCode);
	if (lock) query = query.forUpdate();
	const row = await query.executeTakeFirst();
	return row && asProduct(row);
}

/** One of the village's products; undefined when it is not theirs. */
export function findProduct(
	villageCode: string,
	productId: number
): Promise<HostProduct | undefined> {
	return readProduct(getDb(), villageCode, productId);
}

export const productSchema = z.object({
	nameId: text(100).min(1),
	nameEn: text(100).min(1),
	descriptionId: text(2000),
	descriptionEn: text(2000),
	unit: z.enum(PRODUCT_UNITS),
	priceIdr: z
		.number()
		.int()
		.refine((price) => price >= 0 && price <= MAX_PRICE_IDR, {
			error: () => m.hostc_price_range()
		}),
	seasonMonths: z
		.array(wholeCount(1, 12))
		.max(12)
		.refine((months) => months.length > 0, { error: () => m.hostc_season_required() }),
	active: z.boolean(),
	sortOrder: wholeCount(0, 999)
});

/** A new product also says how many are on the shelf; later the stock moves on its own. */
export const newProductSchema = productSchema.extend({ stock: wholeCount(0, MAX_STOCK) });

export type ProductInput = z.output<typeof productSchema>;
export type NewProductInput = z.output<typeof newProductSchema>;

function productRow(input: ProductInput) {
	return {
		name_id: input.nameId,
		name_en: input.nameEn,
		description_id: input.descriptionId,
		description_en: input.descriptionEn,
		unit: input.unit,
		price_idr: input.priceIdr,
		season_months: [...new Set(input.seasonMonths)].sort((a, b) => a - b),
		active: input.active,
		sort_order: input.sortOrder
	};
}

export type ProductResult = { ok: true; id: number } | { ok: false; fields: FieldErrors };

/** Adds a product to the village's shop; refused at the fields, writing nothing, when invalid. */
export async function createProduct(
	actorUserId: number,
	villageCode: string,
	raw: unknown,
	now: Date = new Date()
): Promise<ProductResult> {
	const parsed = parse(newProductSchema, raw);
	if (!parsed.ok) return parsed;
	const input = parsed.data;
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const { id } = await trx
				.insertInto('product')
				.values({
					...productRow(input),
					village_code: villageCode,
					stock: input.stock,
					created_at: now,
					updated_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const after = await readProduct(trx, villageCode, id);
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action: 'product.create',
				entity: 'product',
				entityId: id,
				after
			});
			return { ok: true, id };
		});
}

/**
 * Saves a product's texts, price, season and whether it is sold. The stock is not part of it:
 * a form opened before a sale would otherwise put back the number it showed (adjustStock moves
 * it). undefined when the product is not the village's.
 */
export async function updateProduct(
	actorUserId: number,
	villageCode: string,
	productId: number,
	raw: unknown,
	now: Date = new Date()
): Promise<ProductResult | undefined> {
	const parsed = parse(productSchema, raw);
	if (!parsed.ok) return parsed;
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const before = await readProduct(trx, villageCode, productId, true);
			if (!before) return undefined;
			await trx
				.updateTable('product')
				.set({ ...productRow(parsed.data), updated_at: now })
				.where('id', '=', productId)
				.execute();
			const after = await readProduct(trx, villageCode, productId);
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action: 'product.update',
				entity: 'product',
				entityId: productId,
				before,
				after
			});
			return { ok: true, id: productId };
		});
}

const stockSchema = z.discriminatedUnion(
	'mode',
	[
		// A count of the shelf: what is there now.
		z.object({ mode: z.literal('set'), quantity: wholeCount(0, MAX_STOCK) }),
		// A delivery from the kitchen or the farmers: added to what is there.
		z.object({ mode: z.literal('add'), quantity: wholeCount(1, MAX_STOCK) })
	],
	{ error: () => m.validation_choose() }
);

export type StockResult = { ok: true; stock: number } | { ok: false; fields: FieldErrors };

/** Sets the stock to a count or adds a delivery; never below zero nor above MAX_STOCK. */
export async function adjustStock(
	actorUserId: number,
	villageCode: string,
	productId: number,
	raw: unknown,
	now: Date = new Date()
): Promise<StockResult | undefined> {
	const parsed = parse(stockSchema, raw);
	if (!parsed.ok) return parsed;
	const { mode, quantity } = parsed.data;
	return getDb()
		.transaction()
		.execute(async (trx) => {
			const product = await readProduct(trx, villageCode, productId, true);
			if (!product) return undefined;
			const stock = mode === 'set' ? quantity : product.stock + quantity;
			if (stock > MAX_STOCK) {
				return {
					ok: false,
					fields: { quantity: m.shophost_stock_too_big({ max: MAX_STOCK }) }
				} as const;
			}
			await trx
				.updateTable('product')
				.set({ stock, updated_at: now })
				.where('id', '=', productId)
				.execute();
			await audit.record(trx, {
				actorUserId,
				villageCode,
				action: mode === 'set' ? 'product.stock_count' : 'product.stock_delivery',
				entity: 'product',
				entityId: productId,
				before: { stock: product.stock },
				after: { stock, ...(mode === 'add' ? { delivered: quantity } : {}) }
			});
			return { ok: true, stock } as const;
		});
}

// ---- Product photos ------------------------------------------------------------------------------

export type PhotoResult = photos.PhotoResult;

/**
 * Adds a checked photo to the product; an empty alt text is the product's name in that
 * language. The file is written before the commit and removed again when the transaction fails.
 * undefined when the product is not the village's.
 */
export async function addProductPhoto(
	actorUserId: number,
	villageCode: string,
	productId: number,
	image: photos.CheckedUpload,
	alt: { altId: string; altEn: string }
): Promise<PhotoResult | undefined> {
	return photos.addAudited(actorUserId, { villageCode, productId }, image, async (trx) => {
		// Locked, so that two uploads at once cannot both pass the count of photos.
		const product = await readProduct(trx, villageCode, productId, true);
		if (!product) return undefined;
		const named = { altId: alt.altId || product.nameId, altEn: alt.altEn || product.nameEn };
		return { alt: named, after: { productId, ...named } };
	});
}

/** Removes one of the product's photos, and its file after the commit; false when not one of them. */
export async function deleteProductPhoto(
	actorUserId: number,
	villageCode: string,
	productId: number,
	photoId: number
): Promise<boolean> {
	return photos.removeAudited(actorUserId, { villageCode, productId }, photoId, { productId });
}
