// Tables of the village shop; merged into Database by schema.ts.
import type { ColumnType, Generated } from 'kysely';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const PRODUCT_UNITS = ['pack', 'bottle', 'jar', 'kg', 'piece', 'box'] as const;
export type ProductUnit = (typeof PRODUCT_UNITS)[number];
export const PAYMENT_METHODS = ['cash', 'qris', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type OrderStatus = 'reserved' | 'collected' | 'cancelled' | 'uncollected';

export interface ProductTable {
	id: Generated<number>;
	village_code: string;
	name_id: string;
	name_en: string;
	description_id: Generated<string>;
	description_en: Generated<string>;
	unit: ProductUnit;
	price_idr: number;
	stock: Generated<number>;
	season_months: Generated<number[]>;
	active: Generated<boolean>;
	sort_order: Generated<number>;
	created_at: GeneratedTimestamp;
	updated_at: GeneratedTimestamp;
}

export interface ProductOrderTable {
	id: Generated<number>;
	code: string;
	village_code: string;
	/** The visit the order is collected at; null for an order on its own. */
	booking_id: number | null;
	/** The Jakarta date it is collected, 'YYYY-MM-DD'. */
	pickup_date: string;
	status: Generated<OrderStatus>;
	total_idr: number;
	contact_name: string;
	contact_phone: string;
	contact_email: string | null;
	language: 'id' | 'en';
	manage_secret_hash: string;
	idempotency_key: string | null;
	request_hash: string | null;
	payment_method: PaymentMethod | null;
	collected_at: Date | null;
	collected_by: number | null;
	cancelled_at: Date | null;
	created_at: GeneratedTimestamp;
	updated_at: GeneratedTimestamp;
}

export interface ProductOrderLineTable {
	order_id: number;
	product_id: number;
	name_id: string;
	name_en: string;
	unit: ProductUnit;
	quantity: number;
	unit_price_idr: number;
}

export interface ShopSaleTable {
	id: Generated<number>;
	village_code: string;
	sold_on: string;
	payment_method: PaymentMethod;
	total_idr: number;
	recorded_by: number;
	created_at: GeneratedTimestamp;
}

export interface ShopSaleLineTable {
	sale_id: number;
	product_id: number;
	name_id: string;
	name_en: string;
	unit: ProductUnit;
	quantity: number;
	unit_price_idr: number;
}

export interface ShopTables {
	product: ProductTable;
	product_order: ProductOrderTable;
	product_order_line: ProductOrderLineTable;
	shop_sale: ShopSaleTable;
	shop_sale_line: ShopSaleLineTable;
}

// A product's photo is a row of `photo` (migration 2026_11_27_130000).
declare module './schema-content' {
	interface PhotoTable {
		/** The product it shows; null for a village or package photo. */
		product_id: ColumnType<number | null, number | null | undefined, number | null>;
	}
}
