import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code; one statement per query.
export async function up(db: Kysely<unknown>): Promise<void> {
	// A village's OVOP products. The CHECK on stock is the last line of defence against selling
	// what is not on the shelf, as the one on slot.seats_taken is for seats.
	await sql`
		CREATE TABLE product (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			village_code text NOT NULL REFERENCES village (code),
			name_id text NOT NULL CHECK (length(name_id) BETWEEN 1 AND 100),
			name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
			description_id text NOT NULL DEFAULT '' CHECK (length(description_id) <= 2000),
			description_en text NOT NULL DEFAULT '' CHECK (length(description_en) <= 2000),
			unit text NOT NULL CHECK (unit IN ('pack', 'bottle', 'jar', 'kg', 'piece', 'box')),
			price_idr integer NOT NULL CHECK (price_idr BETWEEN 0 AND 100000000),
			stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
			season_months smallint[] NOT NULL DEFAULT '{1,2,3,4,5,6,7,8,9,10,11,12}'
				CHECK (cardinality(season_months) > 0 AND season_months <@ '{1,2,3,4,5,6,7,8,9,10,11,12}'::smallint[]),
			active boolean NOT NULL DEFAULT true,
			sort_order integer NOT NULL DEFAULT 0,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now()
		)`.execute(db);
	await sql`CREATE INDEX product_village_code_idx ON product (village_code)`.execute(db);
	// A product's photo lives with the other photos (served the same way, checked the same way).
	await sql`
		ALTER TABLE photo
		ADD COLUMN product_id bigint REFERENCES product (id),
		ADD CONSTRAINT photo_one_owner CHECK (package_id IS NULL OR product_id IS NULL)`.execute(db);
	await sql`CREATE INDEX photo_product_id_idx ON photo (product_id, sort_order)`.execute(db);
	// An order to pick up and pay at the village: with a booking (collected at the visit) or alone
	// (collected at the village shop on its pickup date).
	await sql`
		CREATE TABLE product_order (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			code text NOT NULL UNIQUE,
			village_code text NOT NULL REFERENCES village (code),
			booking_id bigint UNIQUE REFERENCES booking (id),
			pickup_date date NOT NULL,
			-- 'uncollected': its pickup day passed without anyone coming; the stock went back.
			status text NOT NULL DEFAULT 'reserved'
				CHECK (status IN ('reserved', 'collected', 'cancelled', 'uncollected')),
			total_idr bigint NOT NULL CHECK (total_idr >= 0),
			contact_name text NOT NULL,
			contact_phone text NOT NULL,
			contact_email text,
			language text NOT NULL CHECK (language IN ('id', 'en')),
			manage_secret_hash text NOT NULL,
			idempotency_key text UNIQUE,
			request_hash text,
			payment_method text CHECK (payment_method IN ('cash', 'qris', 'transfer')),
			collected_at timestamptz,
			collected_by bigint REFERENCES app_user (id),
			cancelled_at timestamptz,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CHECK (status <> 'collected' OR (payment_method IS NOT NULL AND collected_at IS NOT NULL))
		)`.execute(db);
	await sql`
		CREATE INDEX product_order_village_pickup_idx ON product_order (village_code, pickup_date)
	`.execute(db);
	await sql`
		CREATE TABLE product_order_line (
			order_id bigint NOT NULL REFERENCES product_order (id),
			product_id bigint NOT NULL REFERENCES product (id),
			name_id text NOT NULL,
			name_en text NOT NULL,
			unit text NOT NULL,
			quantity integer NOT NULL CHECK (quantity > 0),
			unit_price_idr integer NOT NULL CHECK (unit_price_idr >= 0),
			PRIMARY KEY (order_id, product_id)
		)`.execute(db);
	// What the shop sold over the counter without an order, so that sales are complete.
	await sql`
		CREATE TABLE shop_sale (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			village_code text NOT NULL REFERENCES village (code),
			sold_on date NOT NULL,
			payment_method text NOT NULL CHECK (payment_method IN ('cash', 'qris', 'transfer')),
			total_idr bigint NOT NULL CHECK (total_idr >= 0),
			recorded_by bigint NOT NULL REFERENCES app_user (id),
			created_at timestamptz NOT NULL DEFAULT now()
		)`.execute(db);
	await sql`CREATE INDEX shop_sale_village_sold_idx ON shop_sale (village_code, sold_on)`.execute(
		db
	);
	await sql`
		CREATE TABLE shop_sale_line (
			sale_id bigint NOT NULL REFERENCES shop_sale (id),
			product_id bigint NOT NULL REFERENCES product (id),
			name_id text NOT NULL,
			name_en text NOT NULL,
			unit text NOT NULL,
			quantity integer NOT NULL CHECK (quantity > 0),
			unit_price_idr integer NOT NULL CHECK (unit_price_idr >= 0),
			PRIMARY KEY (sale_id, product_id)
		)`.execute(db);
}
