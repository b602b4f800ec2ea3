import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports app code. One statement per query, because the
// embedded database runs each query as a prepared statement.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		CREATE TABLE district (
			code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$'),
			name text NOT NULL,
			lat double precision NOT NULL,
			lng double precision NOT NULL
		)`.execute(db);
	await sql`
		CREATE TABLE village (
			code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[12][0-9]{3}$'),
			slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
			name text NOT NULL,
			type text NOT NULL CHECK (type IN ('desa', 'kelurahan')),
			district_code text NOT NULL REFERENCES district (code),
			centre_lat double precision NOT NULL,
			centre_lng double precision NOT NULL,
			lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
			lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
			location_confirmed boolean NOT NULL DEFAULT false,
			ovop boolean NOT NULL DEFAULT false,
			ovop_product_id text,
			ovop_product_en text,
			ovop_since integer,
			story_id text,
			story_en text,
			whatsapp text,
			updated_at timestamptz NOT NULL DEFAULT now(),
			CHECK (NOT ovop OR (ovop_product_id IS NOT NULL AND ovop_product_en IS NOT NULL))
		)`.execute(db);
	await sql`CREATE INDEX village_district_code_idx ON village (district_code)`.execute(db);
}
