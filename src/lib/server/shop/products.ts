// What a tourist can order from a village shop, and the product lines of an order form.
import { z } from 'zod';
import { addDays, monthInJakarta, todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { calendarDate, parse, wholeCount, type FieldErrors } from '$lib/validation';
import { getDb } from '../db';
import type { ProductUnit } from '../db/schema-shop';
import { contactSchema, MAX_PRODUCT_QUANTITY, productLines } from '../bookings/input';
import * as seasons from '../seasons';
import * as photos from '../photos';

/** How far ahead an order on its own may be collected. */
export const PICKUP_DAYS_AHEAD = 60;

/** Whether a product of these season months can be had on a 'YYYY-MM-DD' date. */
export function isInSeasonOn(seasonMonths: number[], date: string): boolean {
	return seasons.isUsualMonth(seasonMonths, date.slice(0, 7));
}

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
export async function listVillageProducts(
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
	const firstPhotos = await photos.findFirstPhotos(rows.map((row) => row.id));
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
				: seasons.findNextSeasonStart(row.season_months, null, thisMonth),
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
export function buildOrderSchema(now: Date) {
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

export type OrderInput = z.output<ReturnType<typeof buildOrderSchema>>;

/**
 * The form input ('product.<id>') a message about products belongs to: validation speaks of
 * 'products.<index>.quantity', the shelf of 'products.<id>'. Undefined for any other path.
 */
export function nameProductField(
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
