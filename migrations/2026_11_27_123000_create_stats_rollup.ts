import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code; one statement per query.
//
// The statistics read bookings by the month of the visit over up to three years; on a history
// of a million bookings, joining slot, booking and booking_line for that took seconds. This
// rollup keeps, per month of visit, village, package and origin, what the booked side of the
// statistics needs. It stays exact: triggers on booking and booking_line append the change of
// every write in the same transaction (a check-in counts at once). The triggers only INSERT
// (+new, −old), so they never wait for a lock another transaction holds and cannot deadlock with
// the booking and cancellation transactions; the statistics module folds fresh rows into one row
// per key before reading (fold: delete the key's rows and insert their sum, one statement).
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		CREATE TABLE stats_booking_month (
			month date NOT NULL,
			village_code text NOT NULL,
			package_id bigint NOT NULL,
			origin_country text NOT NULL,
			-- '' when the visitors are not Indonesian, so that the key has no NULL in it.
			origin_province text NOT NULL,
			adults bigint NOT NULL DEFAULT 0,
			children bigint NOT NULL DEFAULT 0,
			infants bigint NOT NULL DEFAULT 0,
			revenue_idr bigint NOT NULL DEFAULT 0,
			bookings bigint NOT NULL DEFAULT 0,
			people_booked bigint NOT NULL DEFAULT 0,
			pending bigint NOT NULL DEFAULT 0,
			checked_in bigint NOT NULL DEFAULT 0,
			no_shows bigint NOT NULL DEFAULT 0,
			cancelled_by_tourist bigint NOT NULL DEFAULT 0,
			cancelled_by_host bigint NOT NULL DEFAULT 0,
			declined_or_expired bigint NOT NULL DEFAULT 0,
			fresh boolean NOT NULL DEFAULT true
		)`.execute(db);
	await sql`
		CREATE INDEX stats_booking_month_key_idx ON stats_booking_month
			(month, village_code, package_id, origin_country, origin_province)`.execute(db);
	await sql`
		CREATE INDEX stats_booking_month_fresh_idx ON stats_booking_month (month)
		WHERE fresh`.execute(db);
	// What one booking contributes (its lines' check-ins only while it is confirmed), times sign.
	await sql`
		CREATE FUNCTION stats_booking_delta(b booking, sign integer) RETURNS void
		LANGUAGE sql AS $$
			INSERT INTO stats_booking_month (month, village_code, package_id, origin_country,
				origin_province, adults, children, infants, revenue_idr, bookings, people_booked,
				pending, checked_in, no_shows, cancelled_by_tourist, cancelled_by_host,
				declined_or_expired)
			SELECT date_trunc('month', s.local_date)::date, b.village_code, b.package_id,
				b.origin_country, coalesce(b.origin_province, ''),
				sign * coalesce(l.adults, 0), sign * coalesce(l.children, 0),
				sign * coalesce(l.infants, 0), sign * coalesce(l.revenue, 0),
				sign, sign * b.people,
				sign * (b.status = 'requested')::int,
				sign * (b.status = 'confirmed' AND b.checked_in_at IS NOT NULL AND NOT b.no_show)::int,
				sign * b.no_show::int,
				sign * (b.status = 'cancelled_by_tourist')::int,
				sign * (b.status = 'cancelled_by_host')::int,
				sign * (b.status IN ('declined', 'expired'))::int
			FROM slot s
			LEFT JOIN LATERAL (
				SELECT sum(CASE WHEN age_group = 'adult' THEN checked_in_quantity ELSE 0 END) AS adults,
					sum(CASE WHEN age_group = 'child' THEN checked_in_quantity ELSE 0 END) AS children,
					sum(CASE WHEN age_group = 'infant' THEN checked_in_quantity ELSE 0 END) AS infants,
					sum(checked_in_quantity::bigint * unit_price_idr) AS revenue
				FROM booking_line
				WHERE booking_id = b.id AND b.status = 'confirmed' AND checked_in_quantity > 0
			) AS l ON true
			WHERE s.id = b.slot_id
		$$`.execute(db);
	await sql`
		CREATE FUNCTION stats_line_delta(l booking_line, sign integer) RETURNS void
		LANGUAGE sql AS $$
			INSERT INTO stats_booking_month (month, village_code, package_id, origin_country,
				origin_province, adults, children, infants, revenue_idr)
			SELECT date_trunc('month', s.local_date)::date, b.village_code, b.package_id,
				b.origin_country, coalesce(b.origin_province, ''),
				sign * CASE WHEN l.age_group = 'adult' THEN l.checked_in_quantity ELSE 0 END,
				sign * CASE WHEN l.age_group = 'child' THEN l.checked_in_quantity ELSE 0 END,
				sign * CASE WHEN l.age_group = 'infant' THEN l.checked_in_quantity ELSE 0 END,
				sign * l.checked_in_quantity::bigint * l.unit_price_idr
			FROM booking b
			JOIN slot s ON s.id = b.slot_id
			WHERE b.id = l.booking_id AND b.status = 'confirmed' AND l.checked_in_quantity > 0
		$$`.execute(db);
	await sql`
		CREATE FUNCTION stats_booking_changed() RETURNS trigger
		LANGUAGE plpgsql AS $$
		BEGIN
			IF TG_OP = 'UPDATE' AND (OLD.status, OLD.slot_id, OLD.package_id, OLD.village_code,
					OLD.origin_country, OLD.origin_province, OLD.people, OLD.checked_in_at IS NULL,
					OLD.no_show)
				IS NOT DISTINCT FROM (NEW.status, NEW.slot_id, NEW.package_id, NEW.village_code,
					NEW.origin_country, NEW.origin_province, NEW.people, NEW.checked_in_at IS NULL,
					NEW.no_show) THEN
				RETURN NULL;
			END IF;
			IF TG_OP IN ('UPDATE', 'DELETE') THEN
				PERFORM stats_booking_delta(OLD, -1);
			END IF;
			IF TG_OP IN ('UPDATE', 'INSERT') THEN
				PERFORM stats_booking_delta(NEW, 1);
			END IF;
			RETURN NULL;
		END
		$$`.execute(db);
	await sql`
		CREATE FUNCTION stats_line_changed() RETURNS trigger
		LANGUAGE plpgsql AS $$
		BEGIN
			IF TG_OP = 'UPDATE' AND (OLD.booking_id, OLD.checked_in_quantity, OLD.age_group,
					OLD.unit_price_idr)
				IS NOT DISTINCT FROM (NEW.booking_id, NEW.checked_in_quantity, NEW.age_group,
					NEW.unit_price_idr) THEN
				RETURN NULL;
			END IF;
			IF TG_OP IN ('UPDATE', 'DELETE') THEN
				PERFORM stats_line_delta(OLD, -1);
			END IF;
			IF TG_OP IN ('UPDATE', 'INSERT') THEN
				PERFORM stats_line_delta(NEW, 1);
			END IF;
			RETURN NULL;
		END
		$$`.execute(db);
	await sql`
		CREATE FUNCTION stats_booking_truncated() RETURNS trigger
		LANGUAGE plpgsql AS $$
		BEGIN
			DELETE FROM stats_booking_month;
			RETURN NULL;
		END
		$$`.execute(db);
	await sql`
		CREATE TRIGGER booking_stats AFTER INSERT OR UPDATE OR DELETE ON booking
		FOR EACH ROW EXECUTE FUNCTION stats_booking_changed()`.execute(db);
	await sql`
		CREATE TRIGGER booking_line_stats AFTER INSERT OR UPDATE OR DELETE ON booking_line
		FOR EACH ROW EXECUTE FUNCTION stats_line_changed()`.execute(db);
	await sql`
		CREATE TRIGGER booking_stats_truncate AFTER TRUNCATE ON booking
		FOR EACH STATEMENT EXECUTE FUNCTION stats_booking_truncated()`.execute(db);
	// The bookings made before this migration.
	await sql`
		INSERT INTO stats_booking_month (month, village_code, package_id, origin_country,
			origin_province, adults, children, infants, revenue_idr, bookings, people_booked, pending,
			checked_in, no_shows, cancelled_by_tourist, cancelled_by_host, declined_or_expired, fresh)
		SELECT date_trunc('month', s.local_date)::date, b.village_code, b.package_id,
			b.origin_country, coalesce(b.origin_province, ''),
			coalesce(sum(l.adults), 0), coalesce(sum(l.children), 0), coalesce(sum(l.infants), 0),
			coalesce(sum(l.revenue), 0), count(*), sum(b.people),
			count(*) FILTER (WHERE b.status = 'requested'),
			count(*) FILTER (WHERE b.status = 'confirmed' AND b.checked_in_at IS NOT NULL
				AND NOT b.no_show),
			count(*) FILTER (WHERE b.no_show),
			count(*) FILTER (WHERE b.status = 'cancelled_by_tourist'),
			count(*) FILTER (WHERE b.status = 'cancelled_by_host'),
			count(*) FILTER (WHERE b.status IN ('declined', 'expired')),
			false
		FROM booking b
		JOIN slot s ON s.id = b.slot_id
		LEFT JOIN (
			SELECT booking_id,
				sum(CASE WHEN age_group = 'adult' THEN checked_in_quantity ELSE 0 END) AS adults,
				sum(CASE WHEN age_group = 'child' THEN checked_in_quantity ELSE 0 END) AS children,
				sum(CASE WHEN age_group = 'infant' THEN checked_in_quantity ELSE 0 END) AS infants,
				sum(checked_in_quantity::bigint * unit_price_idr) AS revenue
			FROM booking_line
			WHERE checked_in_quantity > 0
			GROUP BY booking_id
		) AS l ON l.booking_id = b.id AND b.status = 'confirmed'
		GROUP BY 1, 2, 3, 4, 5`.execute(db);
	// Seats offered per month (occupancy) and walk-ins of all villages over a range.
	await sql`CREATE INDEX slot_local_date_idx ON slot (local_date)`.execute(db);
	await sql`CREATE INDEX walk_in_visit_date_idx ON walk_in (visit_date)`.execute(db);
}
