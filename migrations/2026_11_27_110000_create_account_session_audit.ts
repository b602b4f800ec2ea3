import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code; one statement per query.
export async function up(db: Kysely<unknown>): Promise<void> {
	// E-mail addresses are stored lowercased, so the plain UNIQUE is case-insensitive.
	await sql`
		CREATE TABLE app_user (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
			password_hash text NOT NULL,
			role text NOT NULL CHECK (role IN ('office', 'host')),
			disabled_at timestamptz,
			created_at timestamptz NOT NULL DEFAULT now()
		)`.execute(db);
	await sql`
		CREATE TABLE village_membership (
			user_id bigint NOT NULL REFERENCES app_user (id),
			village_code text NOT NULL REFERENCES village (code),
			role text NOT NULL CHECK (role IN ('owner', 'staff')),
			created_at timestamptz NOT NULL DEFAULT now(),
			PRIMARY KEY (user_id, village_code)
		)`.execute(db);
	await sql`CREATE INDEX village_membership_village_code_idx ON village_membership (village_code)`.execute(
		db
	);
	// Sessions after Lucia's guide: the token is "<id>.<secret>"; only SHA-256 of the secret is
	// kept. The idle limit runs from last_verified_at; expires_at is the absolute limit.
	await sql`
		CREATE TABLE user_session (
			id text PRIMARY KEY,
			user_id bigint NOT NULL REFERENCES app_user (id),
			secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
			created_at timestamptz NOT NULL DEFAULT now(),
			last_verified_at timestamptz NOT NULL DEFAULT now(),
			expires_at timestamptz NOT NULL
		)`.execute(db);
	await sql`CREATE INDEX user_session_user_id_idx ON user_session (user_id)`.execute(db);
	await sql`
		CREATE TABLE invitation (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			token_hash text NOT NULL UNIQUE,
			email text NOT NULL CHECK (email = lower(email)),
			role text NOT NULL CHECK (role IN ('office', 'host')),
			village_code text REFERENCES village (code),
			village_role text CHECK (village_role IN ('owner', 'staff')),
			invited_by bigint NOT NULL REFERENCES app_user (id),
			expires_at timestamptz NOT NULL,
			used_at timestamptz,
			created_at timestamptz NOT NULL DEFAULT now(),
			CHECK ((village_code IS NULL) = (village_role IS NULL)),
			CHECK ((role = 'host') = (village_code IS NOT NULL))
		)`.execute(db);
	await sql`
		CREATE TABLE password_reset (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			token_hash text NOT NULL UNIQUE,
			user_id bigint NOT NULL REFERENCES app_user (id),
			expires_at timestamptz NOT NULL,
			used_at timestamptz,
			created_at timestamptz NOT NULL DEFAULT now()
		)`.execute(db);
	await sql`CREATE INDEX password_reset_user_id_idx ON password_reset (user_id)`.execute(db);
	// Sign-in throttling lives here rather than in memory so that it holds across app instances.
	// Keyed by the typed e-mail, not the user id, so an unknown address is throttled exactly like
	// a known one and the answer never tells them apart.
	await sql`
		CREATE TABLE sign_in_throttle (
			email text PRIMARY KEY,
			failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
			locked_until timestamptz,
			updated_at timestamptz NOT NULL DEFAULT now()
		)`.execute(db);
	await sql`
		CREATE TABLE sign_in_address (
			address text PRIMARY KEY,
			window_start timestamptz NOT NULL,
			attempts integer NOT NULL CHECK (attempts >= 0)
		)`.execute(db);
	await sql`
		CREATE TABLE audit_event (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			at timestamptz NOT NULL DEFAULT now(),
			actor_user_id bigint REFERENCES app_user (id),
			village_code text REFERENCES village (code),
			action text NOT NULL,
			entity text NOT NULL,
			entity_id text NOT NULL,
			before jsonb,
			after jsonb
		)`.execute(db);
	await sql`CREATE INDEX audit_event_at_idx ON audit_event (at)`.execute(db);
	await sql`CREATE INDEX audit_event_village_at_idx ON audit_event (village_code, at)`.execute(db);
	await sql`CREATE INDEX audit_event_actor_at_idx ON audit_event (actor_user_id, at)`.execute(db);
}
