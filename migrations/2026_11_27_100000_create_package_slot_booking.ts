import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code; one statement per query.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		CREATE TABLE tour_package (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			village_code text NOT NULL REFERENCES village (code),
			slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
			title_id text NOT NULL,
			title_en text NOT NULL,
			description_id text NOT NULL,
			description_en text NOT NULL,
			included_id text NOT NULL DEFAULT '',
			included_en text NOT NULL DEFAULT '',
			duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 1440),
			meeting_point_id text NOT NULL DEFAULT '',
			meeting_point_en text NOT NULL DEFAULT '',
			meeting_lat double precision CHECK (meeting_lat BETWEEN -90 AND 90),
			meeting_lng double precision CHECK (meeting_lng BETWEEN -180 AND 180),
			min_party integer NOT NULL DEFAULT 1 CHECK (min_party >= 1),
			max_party integer NOT NULL CHECK (max_party >= min_party AND max_party <= 500),
			season_months smallint[] NOT NULL DEFAULT '{1,2,3,4,5,6,7,8,9,10,11,12}'
				CHECK (season_months <@ '{1,2,3,4,5,6,7,8,9,10,11,12}'::smallint[]),
			cutoff_hours integer NOT NULL DEFAULT 12 CHECK (cutoff_hours BETWEEN 0 AND 720),
			cancel_hours integer NOT NULL DEFAULT 24 CHECK (cancel_hours BETWEEN 0 AND 720),
			booking_mode text NOT NULL DEFAULT 'instant' CHECK (booking_mode IN ('instant', 'request')),
			response_hours integer NOT NULL DEFAULT 24 CHECK (response_hours BETWEEN 1 AND 168),
			status text NOT NULL DEFAULT 'draft'
				CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now()
		)`.execute(db);
	await sql`CREATE INDEX tour_package_village_code_idx ON tour_package (village_code)`.execute(db);
	await sql`
		CREATE TABLE price_category (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			package_id bigint NOT NULL REFERENCES tour_package (id),
			code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
			label_id text NOT NULL,
			label_en text NOT NULL,
			price_idr integer NOT NULL CHECK (price_idr BETWEEN 0 AND 100000000),
			takes_seat boolean NOT NULL DEFAULT true,
			age_group text NOT NULL DEFAULT 'adult' CHECK (age_group IN ('adult', 'child', 'infant')),
			sort_order integer NOT NULL DEFAULT 0,
			active boolean NOT NULL DEFAULT true,
			UNIQUE (package_id, code)
		)`.execute(db);
	await sql`
		CREATE TABLE availability_rule (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			package_id bigint NOT NULL REFERENCES tour_package (id),
			weekdays smallint[] NOT NULL CHECK (
				cardinality(weekdays) > 0 AND weekdays <@ '{1,2,3,4,5,6,7}'::smallint[]
			),
			start_times text[] NOT NULL CHECK (cardinality(start_times) > 0),
			capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
			valid_from date NOT NULL,
			valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from)
		)`.execute(db);
	await sql`
		CREATE TABLE availability_exception (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			package_id bigint NOT NULL REFERENCES tour_package (id),
			date date NOT NULL,
			closed boolean NOT NULL DEFAULT false,
			capacity integer CHECK (capacity BETWEEN 1 AND 1000),
			start_times text[],
			reason text,
			UNIQUE (package_id, date)
		)`.execute(db);
	// The unit that bookings lock. The CHECK is the last line of defence against overbooking.
	await sql`
		CREATE TABLE slot (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			package_id bigint NOT NULL REFERENCES tour_package (id),
			local_date date NOT NULL,
			starts_at timestamptz NOT NULL,
			ends_at timestamptz NOT NULL,
			capacity integer NOT NULL CHECK (capacity >= 0),
			seats_taken integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
			status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
			cancel_reason text,
			UNIQUE (package_id, starts_at),
			CHECK (seats_taken <= capacity),
			CHECK (ends_at > starts_at)
		)`.execute(db);
	await sql`CREATE INDEX slot_package_date_idx ON slot (package_id, local_date)`.execute(db);
	await sql`
		CREATE TABLE booking (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			code text NOT NULL UNIQUE,
			slot_id bigint NOT NULL REFERENCES slot (id),
			package_id bigint NOT NULL REFERENCES tour_package (id),
			village_code text NOT NULL REFERENCES village (code),
			status text NOT NULL CHECK (status IN (
				'requested', 'confirmed', 'declined', 'expired', 'cancelled_by_tourist', 'cancelled_by_host'
			)),
			seats integer NOT NULL CHECK (seats >= 0),
			people integer NOT NULL CHECK (people > 0),
			total_idr bigint NOT NULL CHECK (total_idr >= 0),
			contact_name text NOT NULL,
			contact_phone text NOT NULL,
			contact_email text,
			origin_country text NOT NULL CHECK (origin_country ~ '^[A-Z]{2}$'),
			origin_province text,
			language text NOT NULL CHECK (language IN ('id', 'en')),
			manage_secret_hash text NOT NULL,
			idempotency_key text UNIQUE,
			request_hash text,
			checked_in_count integer CHECK (checked_in_count >= 0),
			checked_in_at timestamptz,
			no_show boolean NOT NULL DEFAULT false,
			cancel_reason text,
			cancelled_at timestamptz,
			respond_by timestamptz,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CHECK (origin_country <> 'ID' OR origin_province IS NOT NULL)
		)`.execute(db);
	await sql`CREATE INDEX booking_slot_id_idx ON booking (slot_id)`.execute(db);
	await sql`CREATE INDEX booking_village_created_idx ON booking (village_code, created_at)`.execute(
		db
	);
	await sql`
		CREATE TABLE booking_line (
			booking_id bigint NOT NULL REFERENCES booking (id),
			category_id bigint NOT NULL REFERENCES price_category (id),
			category_code text NOT NULL,
			label_id text NOT NULL,
			label_en text NOT NULL,
			quantity integer NOT NULL CHECK (quantity > 0),
			unit_price_idr integer NOT NULL CHECK (unit_price_idr >= 0),
			takes_seat boolean NOT NULL,
			age_group text NOT NULL,
			PRIMARY KEY (booking_id, category_id)
		)`.execute(db);
	// Written in the same transaction as the change it announces; sent afterwards.
	await sql`
		CREATE TABLE outbox_message (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email')),
			recipient text NOT NULL,
			template text NOT NULL,
			payload jsonb NOT NULL,
			language text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
			dedupe_key text UNIQUE,
			status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
			attempts integer NOT NULL DEFAULT 0,
			next_attempt_at timestamptz NOT NULL DEFAULT now(),
			last_error text,
			created_at timestamptz NOT NULL DEFAULT now(),
			sent_at timestamptz
		)`.execute(db);
	await sql`
		CREATE INDEX outbox_message_pending_idx ON outbox_message (next_attempt_at)
		WHERE status = 'pending'`.execute(db);
}
