// npm run db:synth -- --bookings 1000000 --walkins 200000
// Fills the database in DATABASE_URL (or the embedded one) with a synthetic three-year history
// for benchmarking the statistics: packages, slots, bookings with lines, check-ins, no-shows,
// cancellations and walk-ins over all villages. Everything is made by set-based SQL
// (generate_series) on the database itself. Synthetic rows are marked: package slugs start with
// "sintetis-" and titles with "[SINTETIS]", booking codes with "SY", and walk-ins are recorded by
// the disabled account sintetis@agrowisata.invalid. Never run it on a production database.
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { config } from '../src/lib/server/config';
import { connectPglite, setDb, type Db } from '../src/lib/server/db/index';
import type { Database } from '../src/lib/server/db/schema';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { seedReference } from '../src/lib/server/db/seed';
import { foldRollup } from '../src/lib/server/statistics/rollups';
import { folderMigrations } from './migrations';

const { values } = parseArgs({
	options: {
		bookings: { type: 'string', default: '100000' },
		walkins: { type: 'string', default: '20000' },
		years: { type: 'string', default: '3' }
	}
});
const bookingCount = Number(values.bookings);
const walkInCount = Number(values.walkins);
const years = Number(values.years);
for (const [name, value] of Object.entries({ bookingCount, walkInCount, years })) {
	if (!Number.isInteger(value) || value < 0) {
		console.error(`${name} must be a whole number, got ${value}`);
		process.exit(2);
	}
}

// Not the app's pool: its 15-second query timeout (right for requests) would cut off the bulk
// inserts below, which take minutes on a million bookings.
const db: Db = config.databaseUrl
	? new Kysely<Database>({
			dialect: new PostgresDialect({
				pool: new pg.Pool({ connectionString: config.databaseUrl, max: 2 })
			})
		})
	: connectPglite(config.dataDir);
const started = performance.now();
const step = async (label: string, run: () => Promise<unknown>) => {
	const t = performance.now();
	await run();
	console.log(`${label.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
};

try {
	await migrateToLatest(db, folderMigrations);
	await seedReference(db);
	const existing = await sql<{ n: number }>`
		SELECT count(*)::int AS n FROM tour_package WHERE slug LIKE 'sintetis-%'`.execute(db);
	if (existing.rows[0].n > 0) {
		console.error('This database already holds a synthetic history; use a fresh database.');
		process.exit(1);
	}
	// A pinned connection, so the plan tables below live in one session.
	await db.connection().execute(async (conn) => {
		const history = sql`
			(date_trunc('month', now() AT TIME ZONE 'Asia/Jakarta')
				- make_interval(months => ${years * 12 - 1}))::date`;
		await step('account and packages', async () => {
			await sql`
				INSERT INTO app_user (email, name, password_hash, role, disabled_at)
				VALUES ('sintetis@agrowisata.invalid', 'Data sintetis', '!', 'office', now())
				ON CONFLICT (email) DO NOTHING`.execute(conn);
			// Two packages per village, archived so that tourists never see them.
			await sql`
				INSERT INTO tour_package (village_code, slug, title_id, title_en, description_id,
					description_en, duration_minutes, max_party, status)
				SELECT v.code, 'sintetis-' || replace(v.code, '.', '-') || '-' || n,
					'[SINTETIS] Paket ' || n || ' ' || v.name, '[SYNTHETIC] Package ' || n || ' ' || v.name,
					'Data sintetis untuk uji statistik.', 'Synthetic data for statistics tests.',
					120, 20, 'archived'
				FROM village v CROSS JOIN generate_series(1, 2) AS n`.execute(conn);
			await sql`
				INSERT INTO price_category (package_id, code, label_id, label_en, price_idr, takes_seat,
					age_group, sort_order, origin_rule)
				SELECT p.id, c.code, c.label_id, c.label_en,
					c.price + 5000 * (p.id % 5), c.takes_seat, c.age_group, c.sort_order, c.origin_rule
				FROM tour_package p
				CROSS JOIN (VALUES
					('dewasa', 'Dewasa', 'Adult', 30000, true, 'adult', 1, 'any'),
					('anak', 'Anak', 'Child', 15000, true, 'child', 2, 'any'),
					('mancanegara', 'Wisatawan mancanegara', 'Foreign visitor', 70000, true, 'adult', 3,
						'foreign'),
					('balita', 'Balita', 'Infant', 0, false, 'infant', 4, 'any')
				) AS c (code, label_id, label_en, price, takes_seat, age_group, sort_order, origin_rule)
				WHERE p.slug LIKE 'sintetis-%'`.execute(conn);
		});
		// Seasons: school holidays (June–July, December–January) busiest, the rainy months
		// quietest; the programme grows over the years. A slot exists on a day with a
		// probability following the season, so bookings drawn evenly over slots follow it too.
		await step('slots', () =>
			sql`
				INSERT INTO slot (package_id, local_date, starts_at, ends_at, capacity, status)
				SELECT p.id, d::date,
					(d::date + time '08:00') AT TIME ZONE 'Asia/Jakarta',
					(d::date + time '10:00') AT TIME ZONE 'Asia/Jakarta',
					30, CASE WHEN random() < 0.02 THEN 'cancelled' ELSE 'open' END
				FROM tour_package p
				CROSS JOIN generate_series(${history}, (now() AT TIME ZONE 'Asia/Jakarta')::date + 30,
					interval '1 day') AS d
				WHERE p.slug LIKE 'sintetis-%'
					AND random() < (ARRAY[0.8, 0.5, 0.45, 0.5, 0.55, 0.85, 0.9, 0.6, 0.5, 0.5, 0.55, 0.9])
						[extract(month FROM d)::int]
						* (0.6 + 0.4 * (d::date - ${history}) / (${years} * 365.0))
						* CASE WHEN extract(isodow FROM d) >= 6 THEN 1.0 ELSE 0.6 END`.execute(conn)
		);
		await step('booking plan', async () => {
			await sql`
				CREATE TEMP TABLE synth_slot AS
				SELECT row_number() OVER (ORDER BY s.id) AS n, s.id, s.package_id, p.village_code,
					s.starts_at, s.status AS slot_status,
					s.local_date < (now() AT TIME ZONE 'Asia/Jakarta')::date AS past
				FROM slot s JOIN tour_package p ON p.id = s.package_id
				WHERE p.slug LIKE 'sintetis-%'`.execute(conn);
			await sql`CREATE UNIQUE INDEX ON synth_slot (n)`.execute(conn);
			// Origins: mostly South Sumatra, then its neighbours and Java; about 4% foreign.
			await sql`
				CREATE TEMP TABLE synth_booking AS
				SELECT g, 1 + floor(random() * (SELECT count(*) FROM synth_slot))::bigint AS pick,
					1 + floor(random() * 4)::int AS adults,
					CASE WHEN random() < 0.5 THEN floor(random() * 3)::int ELSE 0 END AS children,
					CASE WHEN random() < 0.15 THEN 1 ELSE 0 END AS infants,
					random() AS origin_roll, random() AS origin_pick, random() AS fate,
					random() AS partial, 1 + floor(random() * 30)::int AS lead_days
				FROM generate_series(1, ${bookingCount}) AS g`.execute(conn);
			await sql`
				CREATE TEMP TABLE synth_plan AS
				SELECT b.g, s.id AS slot_id, s.package_id, s.village_code, s.starts_at, s.past,
					b.adults, b.children, b.infants, b.partial, b.lead_days,
					CASE WHEN b.origin_roll < 0.96 THEN 'ID'
						ELSE (ARRAY['MY', 'SG', 'NL', 'AU', 'JP', 'US', 'DE', 'CN', 'KR', 'GB'])
							[1 + floor(b.origin_pick * 10)::int] END AS origin_country,
					CASE WHEN b.origin_roll < 0.70 THEN '16'
						WHEN b.origin_roll < 0.96 THEN (ARRAY['17', '15', '18', '19', '31', '32', '33', '35',
							'12', '13', '14', '36'])[1 + floor(b.origin_pick * 12)::int] END AS origin_province,
					CASE
						WHEN s.slot_status = 'cancelled' THEN 'cancelled_by_host'
						WHEN b.fate < 0.06 THEN 'cancelled_by_tourist'
						WHEN b.fate < 0.08 THEN 'cancelled_by_host'
						WHEN b.fate < 0.10 THEN 'declined'
						WHEN b.fate < 0.11 THEN CASE WHEN s.past THEN 'expired' ELSE 'requested' END
						ELSE 'confirmed' END AS status,
					s.past AND b.fate >= 0.11 AND b.fate < 0.19 AND s.slot_status <> 'cancelled' AS no_show
				FROM synth_booking b JOIN synth_slot s ON s.n = b.pick`.execute(conn);
		});
		await step(`bookings (${bookingCount})`, () =>
			sql`
				INSERT INTO booking (code, slot_id, package_id, village_code, status, seats, people,
					total_idr, contact_name, contact_phone, origin_country, origin_province, language,
					manage_secret_hash, checked_in_count, checked_in_at, no_show, cancelled_at, created_at,
					updated_at)
				SELECT 'SY' || lpad(g::text, 9, '0'), slot_id, package_id, village_code, status,
					adults + children, adults + children + infants,
					adults * CASE WHEN origin_country = 'ID' THEN 30000 ELSE 70000 END + children * 15000,
					'Sintetis', '+620000000000', origin_country, origin_province,
					CASE WHEN origin_country = 'ID' THEN 'id' ELSE 'en' END, md5(g::text),
					CASE WHEN status = 'confirmed' AND past THEN
						CASE WHEN no_show THEN 0
							WHEN partial < 0.1 AND adults > 1 THEN adults - 1 + children + infants
							ELSE adults + children + infants END END,
					CASE WHEN status = 'confirmed' AND past AND NOT no_show THEN starts_at END,
					no_show,
					CASE WHEN status LIKE 'cancelled%' THEN starts_at - interval '1 day' END,
					starts_at - make_interval(days => lead_days),
					starts_at - make_interval(days => lead_days)
				FROM synth_plan`.execute(conn)
		);
		// One line per category present; a partial check-in leaves one adult at home.
		await step('booking lines', () =>
			sql`
				INSERT INTO booking_line (booking_id, category_id, category_code, label_id, label_en,
					quantity, unit_price_idr, takes_seat, age_group, checked_in_quantity)
				SELECT b.id, c.id, c.code, c.label_id, c.label_en, q.quantity, c.price_idr,
					c.takes_seat, c.age_group,
					CASE WHEN b.checked_in_count IS NULL THEN NULL
						WHEN b.no_show THEN 0
						WHEN q.code IN ('dewasa', 'mancanegara') AND p.partial < 0.1 AND p.adults > 1
							THEN q.quantity - 1
						ELSE q.quantity END
				FROM synth_plan p
				JOIN booking b ON b.code = 'SY' || lpad(p.g::text, 9, '0')
				CROSS JOIN LATERAL (VALUES
					(CASE WHEN p.origin_country = 'ID' THEN 'dewasa' ELSE 'mancanegara' END, p.adults),
					('anak', p.children),
					('balita', p.infants)
				) AS q (code, quantity)
				JOIN price_category c ON c.package_id = p.package_id AND c.code = q.code
				WHERE q.quantity > 0`.execute(conn)
		);
		await step('seats taken', () =>
			sql`
				UPDATE slot s SET seats_taken = h.held, capacity = greatest(s.capacity, h.held)
				FROM (
					SELECT slot_id, sum(seats)::int AS held FROM booking
					WHERE status IN ('requested', 'confirmed') AND code LIKE 'SY%'
					GROUP BY slot_id
				) AS h
				WHERE h.slot_id = s.id`.execute(conn)
		);
		await step(`walk-ins (${walkInCount})`, () =>
			sql`
				INSERT INTO walk_in (village_code, package_id, visit_date, adults, children, infants,
					origin_country, origin_province, recorded_by, created_at)
				SELECT s.village_code, CASE WHEN w.with_package THEN s.package_id END, s.starts_at::date,
					w.adults, w.children, w.infants,
					CASE WHEN w.origin_roll < 0.97 THEN 'ID'
						ELSE (ARRAY['MY', 'SG', 'NL', 'AU', 'JP'])[1 + floor(w.origin_pick * 5)::int] END,
					CASE WHEN w.origin_roll < 0.80 THEN '16'
						WHEN w.origin_roll < 0.97 THEN (ARRAY['17', '15', '18', '31', '32'])
							[1 + floor(w.origin_pick * 5)::int] END,
					(SELECT id FROM app_user WHERE email = 'sintetis@agrowisata.invalid'),
					s.starts_at
				FROM (
					SELECT 1 + floor(random() * (SELECT count(*) FROM synth_slot WHERE past))::bigint AS pick,
						random() < 0.6 AS with_package, 1 + floor(random() * 5)::int AS adults,
						floor(random() * 3)::int AS children,
						CASE WHEN random() < 0.1 THEN 1 ELSE 0 END AS infants,
						random() AS origin_roll, random() AS origin_pick
					FROM generate_series(1, ${walkInCount})
				) AS w
				JOIN (
					SELECT row_number() OVER (ORDER BY n) AS n, package_id, village_code,
						(starts_at AT TIME ZONE 'Asia/Jakarta') AS starts_at
					FROM synth_slot WHERE past
				) AS s ON s.n = w.pick`.execute(conn)
		);
		await step('analyze', async () => {
			for (const table of ['slot', 'booking', 'booking_line', 'walk_in', 'tour_package']) {
				await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(conn);
			}
		});
	});
	// The triggers appended a row to the rollups for every booking, line and walk-in made above;
	// fold them once and clear the dead rows, as a server that has been up a while would have.
	await step('fold and analyze the rollups', async () => {
		setDb(db);
		await foldRollup();
		for (const table of ['stats_booking_month', 'stats_walk_in_month']) {
			await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db);
		}
	});
	console.log(`Synthetic history ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
