// Sales of the village shops, for the office and the hosts, beside the visitors of the same
// village and month (statistics/index.ts) and never added into them.
//
// Definitions:
// - sold: products of orders collected at the village (product_order.status 'collected'), by the
//   Jakarta month of collected_at, plus sales over the counter (shop_sale), by the month of
//   sold_on. Reserved and cancelled orders are not sales.
// - revenue: quantity × the unit price stored on each line, in whole rupiah.
// No tourist's name, phone or e-mail is read here.
import { sql, type RawBuilder } from 'kysely';
import { addMonths } from '../../dates';
import { toCsv } from '../csv';
import type { Locale } from '$lib/paraglide/runtime';
import { getDb } from '../db';
import type { ProductUnit } from '../db/schema-shop';
import * as statistics from './index';

export interface Sold {
	/** Collected orders. */
	ordered: number;
	/** Over the counter. */
	counter: number;
	quantity: number;
	revenueIdr: number;
}

export const nothingSold: Sold = { ordered: 0, counter: 0, quantity: 0, revenueIdr: 0 };

function addSold(a: Sold, b: Sold): Sold {
	return {
		ordered: a.ordered + b.ordered,
		counter: a.counter + b.counter,
		quantity: a.quantity + b.quantity,
		revenueIdr: a.revenueIdr + b.revenueIdr
	};
}

interface VillageNames {
	villageCode: string;
	villageName: string;
	districtCode: string;
	districtName: string;
}

export interface ProductMonthRow extends VillageNames {
	month: string;
	productId: number;
	product: string;
	unit: ProductUnit;
	sold: Sold;
}

export interface VillageMonthRow extends VillageNames {
	month: string;
	/** People who came that month (statistics/index.ts), shown beside the sales, never mixed in. */
	visitors: number;
	sold: Sold;
}

export interface ProductSales {
	from: string;
	to: string;
	/** Products with a sale in the month, by month, village and the host's product order. */
	products: ProductMonthRow[];
	/** Every village in scope that keeps a shop, every month of the range, zero rows included. */
	villages: VillageMonthRow[];
	total: Sold & { visitors: number };
}

function villageFilter(column: string, scope: statistics.Scope): RawBuilder<unknown> {
	if (scope === 'all') return sql``;
	if (scope.length === 0) return sql` AND false`;
	return sql` AND ${sql.ref(column)} IN (${sql.join(scope)})`;
}

/** The instant a month starts in Jakarta (WIB is UTC+7 all year: no daylight saving). */
function monthStart(month: string): Date {
	return new Date(`${month}-01T00:00:00+07:00`);
}

interface SoldRow {
	month: string;
	village_code: string;
	product_id: number;
	ordered: string | null;
	counter: string | null;
	quantity: string;
	revenue_idr: string;
}

async function querySold(scope: statistics.Scope, from: string, to: string): Promise<SoldRow[]> {
	const end = addMonths(to, 1);
	const result = await sql<SoldRow>`
		SELECT sold.month, sold.village_code, sold.product_id,
			(sum(sold.quantity) FILTER (WHERE sold.ordered))::bigint AS ordered,
			(sum(sold.quantity) FILTER (WHERE NOT sold.ordered))::bigint AS counter,
			sum(sold.quantity)::bigint AS quantity,
			sum(sold.revenue)::bigint AS revenue_idr
		FROM (
			SELECT to_char((o.collected_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM') AS month,
				o.village_code, l.product_id, l.quantity,
				l.quantity::bigint * l.unit_price_idr AS revenue, true AS ordered
			FROM product_order o
			JOIN product_order_line l ON l.order_id = o.id
			WHERE o.status = 'collected'
				AND o.collected_at >= ${monthStart(from)} AND o.collected_at < ${monthStart(end)}
				${villageFilter('o.village_code', scope)}
			UNION ALL
			SELECT to_char(s.sold_on, 'YYYY-MM'), s.village_code, l.product_id, l.quantity,
				l.quantity::bigint * l.unit_price_idr, false
			FROM shop_sale s
			JOIN shop_sale_line l ON l.sale_id = s.id
			WHERE s.sold_on >= ${`${from}-01`}::date AND s.sold_on < ${`${end}-01`}::date
				${villageFilter('s.village_code', scope)}
		) AS sold
		GROUP BY sold.month, sold.village_code, sold.product_id`.execute(getDb());
	return result.rows;
}

function soldOf(row: SoldRow): Sold {
	return {
		ordered: Number(row.ordered ?? 0),
		counter: Number(row.counter ?? 0),
		quantity: Number(row.quantity),
		revenueIdr: Number(row.revenue_idr)
	};
}

async function productsIn(scope: statistics.Scope, locale: Locale) {
	let query = getDb()
		.selectFrom('product')
		.select([
			'id',
			'village_code',
			locale === 'en' ? 'name_en as name' : 'name_id as name',
			'unit',
			'sort_order'
		]);
	if (scope !== 'all') {
		if (scope.length === 0) return [];
		query = query.where('village_code', 'in', scope);
	}
	return query.orderBy('sort_order').orderBy('id').execute();
}

/** Product sales by month, village and product over a range of months, with their totals. */
export async function readProductSales(
	scope: statistics.Scope,
	from: string,
	to: string,
	locale: Locale
): Promise<ProductSales> {
	const [sold, products, villages] = await Promise.all([
		querySold(scope, from, to),
		productsIn(scope, locale),
		statistics.listVillages(scope)
	]);
	const shopVillages = villages.filter((village) =>
		products.some((product) => product.village_code === village.code)
	);
	const visitorRows =
		shopVillages.length === 0
			? []
			: await statistics.readVillageMonths(
					shopVillages.map((village) => village.code),
					from,
					to
				);
	const names = (code: string): VillageNames => {
		const village = villages.find((each) => each.code === code);
		return {
			villageCode: code,
			villageName: village?.name ?? code,
			districtCode: village?.districtCode ?? '',
			districtName: village?.districtName ?? ''
		};
	};
	const key = (month: string, village: string) => `${month} ${village}`;
	const soldBy = new Map<string, Sold>();
	for (const row of sold) {
		const at = key(row.month, row.village_code);
		soldBy.set(at, addSold(soldBy.get(at) ?? nothingSold, soldOf(row)));
	}
	const order = new Map(products.map((product, index) => [product.id, index]));
	const villageOrder = new Map(villages.map((village, index) => [village.code, index]));
	const productRows: ProductMonthRow[] = sold
		.map((row) => {
			const product = products.find((each) => each.id === row.product_id);
			return {
				month: row.month,
				...names(row.village_code),
				productId: row.product_id,
				product: product?.name ?? String(row.product_id),
				unit: product?.unit ?? 'piece',
				sold: soldOf(row)
			};
		})
		.sort(
			(a, b) =>
				a.month.localeCompare(b.month) ||
				(villageOrder.get(a.villageCode) ?? 0) - (villageOrder.get(b.villageCode) ?? 0) ||
				(order.get(a.productId) ?? 0) - (order.get(b.productId) ?? 0)
		);
	const villageRows: VillageMonthRow[] = visitorRows.map((row) => ({
		month: row.month,
		...names(row.code),
		visitors: row.visitors.total,
		sold: soldBy.get(key(row.month, row.code)) ?? nothingSold
	}));
	const total = villageRows.reduce(
		(sum, row) => ({ ...addSold(sum, row.sold), visitors: sum.visitors + row.visitors }),
		{ ...nothingSold, visitors: 0 }
	);
	return { from, to, products: productRows, villages: villageRows, total };
}

// ---- CSV ------------------------------------------------------------------------------------

export const productCsvTables = ['produk', 'produk_desa'] as const;
export type ProductCsvTable = (typeof productCsvTables)[number];

const villageColumns = ['kode_desa', 'desa', 'kode_kecamatan', 'kecamatan'];
const soldColumns = ['jumlah_pesanan', 'jumlah_toko', 'jumlah', 'pendapatan_idr'];

function soldCells(sold: Sold): number[] {
	return [sold.ordered, sold.counter, sold.quantity, sold.revenueIdr];
}

/**
 * Product sales as CSV in the export conventions of statistics/index.ts (UTF-8 with BOM, CRLF):
 * 'produk' one row per month, village and product sold; 'produk_desa' one row per month and
 * village with a shop, with its visitors beside the sales.
 */
export async function exportCsv(
	scope: statistics.Scope,
	table: ProductCsvTable,
	from: string,
	to: string,
	locale: Locale
): Promise<{ filename: string; body: string }> {
	await statistics.foldRollup();
	const sales = await readProductSales(scope, from, to, locale);
	const filename = `penjualan-${table.replace('_', '-')}-${from}_${to}.csv`;
	if (table === 'produk') {
		return {
			filename,
			body: toCsv(
				['bulan', ...villageColumns, 'kode_produk', 'produk', 'satuan', ...soldColumns],
				sales.products.map((row) => [
					row.month,
					row.villageCode,
					row.villageName,
					row.districtCode,
					row.districtName,
					row.productId,
					row.product,
					row.unit,
					...soldCells(row.sold)
				])
			)
		};
	}
	return {
		filename,
		body: toCsv(
			['bulan', ...villageColumns, 'pengunjung', ...soldColumns],
			sales.villages.map((row) => [
				row.month,
				row.villageCode,
				row.villageName,
				row.districtCode,
				row.districtName,
				row.visitors,
				...soldCells(row.sold)
			])
		)
	};
}
