import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports app code; one statement per query.
//
// With the booked side read from stats_booking_month (migration 2026_11_27_123000), what kept
// the long statistics ranges slow was scanning every walk-in of the range (a few hundred thousand
// over three years). This rollup keeps the walk-ins per month of visit, village, package and
// origin, in the same way: triggers on walk_in append the change of every write (+new, −old) in
// the same transaction, so a walk-in counts at once and the triggers never wait for another
// transaction's lock; the statistics module folds fresh rows into one row per key before reading.
// The key has no NULL in it, so that the fold can match rows with plain equality: package_id is
// 0 for walk-ins without a package (identity ids start at 1), origin_province '' when none.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		CREATE TABLE stats_walk_in_month (
			month date NOT NULL,
			village_code text NOT NULL,
			package_id bigint NOT NULL,
			origin_country text NOT NULL,
			origin_province text NOT NULL,
			adults bigint NOT NULL DEFAULT 0,
			children bigint NOT NULL DEFAULT 0,
			infants bigint NOT NULL DEFAULT 0,
			fresh boolean NOT NULL DEFAULT true
		)`.execute(db);
	await sql`
		CREATE INDEX stats_walk_in_month_key_idx ON stats_walk_in_month
			(month, village_code, package_id, origin_country, origin_province)`.execute(db);
	await sql`
		CREATE INDEX stats_walk_in_month_fresh_idx ON stats_walk_in_month (month)
		WHERE fresh`.execute(db);
	// The month is taken from the date as a plain timestamp, so the session's time zone plays no
	// part (visit_date is already the Jakarta local date).
	await sql`
		CREATE FUNCTION stats_walk_in_delta(w walk_in, sign integer) RETURNS void
		LANGUAGE sql AS $$
			INSERT INTO stats_walk_in_month (month, village_code, package_id, origin_country,
				origin_province, adults, children, infants)
			VALUES (date_trunc('month', w.visit_date::timestamp)::date, w.village_code,
				coalesce(w.package_id, 0), w.origin_country, coalesce(w.origin_province, ''),
				sign * w.adults, sign * w.children, sign * w.infants)
		$$`.execute(db);
	await sql`
		CREATE FUNCTION stats_walk_in_changed() RETURNS trigger
		LANGUAGE plpgsql AS $$
		BEGIN
			IF TG_OP = 'UPDATE' AND (OLD.visit_date, OLD.village_code, OLD.package_id,
					OLD.origin_country, OLD.origin_province, OLD.adults, OLD.children, OLD.infants)
				IS NOT DISTINCT FROM (NEW.visit_date, NEW.village_code, NEW.package_id,
					NEW.origin_country, NEW.origin_province, NEW.adults, NEW.children, NEW.infants) THEN
				RETURN NULL;
			END IF;
			IF TG_OP IN ('UPDATE', 'DELETE') THEN
				PERFORM stats_walk_in_delta(OLD, -1);
			END IF;
			IF TG_OP IN ('UPDATE', 'INSERT') THEN
				PERFORM stats_walk_in_delta(NEW, 1);
			END IF;
			RETURN NULL;
		END
		$$`.execute(db);
	await sql`
		CREATE FUNCTION stats_walk_in_truncated() RETURNS trigger
		LANGUAGE plpgsql AS $$
		BEGIN
			DELETE FROM stats_walk_in_month;
			RETURN NULL;
		END
		$$`.execute(db);
	await sql`
		CREATE TRIGGER walk_in_stats AFTER INSERT OR UPDATE OR DELETE ON walk_in
		FOR EACH ROW EXECUTE FUNCTION stats_walk_in_changed()`.execute(db);
	await sql`
		CREATE TRIGGER walk_in_stats_truncate AFTER TRUNCATE ON walk_in
		FOR EACH STATEMENT EXECUTE FUNCTION stats_walk_in_truncated()`.execute(db);
	// The walk-ins recorded before this migration, already folded. Creating the trigger above
	// locked walk_in against writes until this migration commits, so none is missed or doubled.
	await sql`
		INSERT INTO stats_walk_in_month (month, village_code, package_id, origin_country,
			origin_province, adults, children, infants, fresh)
		SELECT date_trunc('month', visit_date::timestamp)::date, village_code,
			coalesce(package_id, 0), origin_country, coalesce(origin_province, ''),
			sum(adults), sum(children), sum(infants), false
		FROM walk_in
		GROUP BY 1, 2, 3, 4, 5`.execute(db);
}
