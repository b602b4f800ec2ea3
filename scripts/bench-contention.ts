// npm run bench:contention — booking under contention on two app instances sharing one
// PostgreSQL database (created and dropped here): 200 concurrent attempts on one 20-seat slot,
// then rounds of many attempts over many slots, each beside the baseline measured in the same
// round: the booking's SQL (the app's read and write, word for word) run straight against
// PostgreSQL with pg, and, for comparison, the write alone. The app also counts each write
// against the address's rate limit: that statement is the app's, not the booking's.
// Needs a build: BUILD_DIR=… npx vite build.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'kysely';
import type { Db } from '../src/lib/server/db/index';
import { createPackage, daysFromNow } from '../tests/helpers/fixtures';
import {
	createDatabase,
	latencySummary,
	machine,
	percentile,
	postgresCpuSeconds,
	runPool,
	startApp,
	verdict,
	type AppInstance
} from './bench-lib';

const PORTS = [4261, 4262];
const SINGLE_ATTEMPTS = 200;
const SINGLE_CAPACITY = 20;
const MANY_SLOTS = 40;
const MANY_CAPACITY = 30;
const MANY_ATTEMPTS = Number(process.env.BENCH_ATTEMPTS || 800);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 64);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
/** Two instances with pg's default pool of 10 each: the baseline gets as many connections. */
const BASELINE_POOL = 20;
/**
 * Real bookings before measuring, through the app (one unreported round) and through the bare
 * SQL alike: V8 optimises a function only after many calls, and a few dozen requests left the
 * booking path to be compiled while it was being measured.
 */
const WARM_UP_ATTEMPTS = Number(process.env.BENCH_WARM_UP || 600);
const WARM_UP_SLOTS = 12;

/** A package whose slots the app's slot horizon keeps: a rule at the same time and capacity. */
async function benchPackage(db: Db, slug: string, days: number[], capacity: number) {
	const pkg = await createPackage(db, {
		slug,
		starts: days.map((day) => daysFromNow(day)),
		capacity,
		maxParty: 20
	});
	await db
		.insertInto('availability_rule')
		.values({
			package_id: pkg.packageId,
			weekdays: [1, 2, 3, 4, 5, 6, 7],
			start_times: ['08:00'],
			capacity,
			valid_from: new Date().toISOString().slice(0, 10)
		})
		.execute();
	return pkg;
}

type BenchPackage = Awaited<ReturnType<typeof benchPackage>>;

interface Outcome {
	status: number;
	ms: number;
	/** performance.now() when the answer came. */
	at: number;
}

/** No HTTP answer at all (a connection refused, reset or timed out). */
const NO_ANSWER = 0;

function bookingRequest(slotId: number, seats: number) {
	return {
		headers: {
			'content-type': 'application/json',
			'idempotency-key': `bench-${randomBytes(12).toString('hex')}`,
			// Tourists book from many addresses: one address would make every request wait
			// on the one rate-limit row, a load no single visitor produces.
			'x-forwarded-for': `10.${randomBytes(3).join('.')}`
		},
		body: JSON.stringify({
			slotId,
			party: [{ category: 'dewasa', quantity: seats }],
			contact: { name: 'Uji Beban', phone: '0812-3456-7890', email: 'uji@example.com' },
			origin: { country: 'ID', province: '16' },
			language: 'id'
		})
	};
}

/**
 * `amount` booking attempts on one instance over `connections` kept-alive connections, each
 * on the slot and party `pick` chooses. The load generator shares the machine's CPUs with the
 * app instances and PostgreSQL, so it is autocannon, which writes each request straight to
 * its socket: node:http costs about twice its CPU per request, which it would take from the
 * app, never from the bare-SQL baseline.
 */
function attemptBookings(
	app: AppInstance,
	connections: number,
	amount: number,
	pick: () => { slotId: number; seats: number }
): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	return new Promise((resolve, reject) => {
		const instance = autocannon(
			{
				url: app.url,
				connections,
				amount,
				timeout: 30,
				requests: [
					{
						method: 'POST',
						path: '/api/v1/bookings',
						setupRequest: (request) => {
							const { slotId, seats } = pick();
							return { ...request, ...bookingRequest(slotId, seats) };
						}
					}
				]
			},
			(error) => (error ? reject(error) : resolve(outcomes))
		);
		instance.on('response', (_client, status, _bytes, ms) =>
			outcomes.push({ status, ms, at: performance.now() })
		);
		instance.on('reqError', () =>
			outcomes.push({ status: NO_ANSWER, ms: NaN, at: performance.now() })
		);
	});
}

/** The same attempts spread evenly over every instance, all at once. */
async function attemptEverywhere(
	apps: AppInstance[],
	connections: number,
	amount: number,
	pick: () => { slotId: number; seats: number }
): Promise<Outcome[]> {
	const share = (total: number, i: number) =>
		Math.floor(total / apps.length) + (i < total % apps.length ? 1 : 0);
	const outcomes = await Promise.all(
		apps.map((app, i) => attemptBookings(app, share(connections, i), share(amount, i), pick))
	);
	return outcomes.flat();
}

/**
 * When the last attempt was answered. autocannon reports that it is done on its next tick of
 * a second, so the time it takes to call back would round every run up to whole seconds.
 */
function lastAnswer(outcomes: Outcome[]): number {
	return outcomes.reduce((last, outcome) => Math.max(last, outcome.at), 0);
}

function unusualStatuses(outcomes: Outcome[]): Map<number, number> {
	const counts = new Map<number, number>();
	for (const { status } of outcomes) {
		if (status !== 201 && status !== 409) counts.set(status, (counts.get(status) ?? 0) + 1);
	}
	return counts;
}

function tally(outcomes: Outcome[]) {
	const count = (test: (status: number) => boolean) =>
		outcomes.filter((o) => test(o.status)).length;
	return {
		created: count((s) => s === 201),
		refused: count((s) => s === 409),
		serverErrors: count((s) => s >= 500),
		unanswered: count((s) => s === NO_ANSWER),
		other: count((s) => s !== 201 && s !== 409 && s < 500 && s !== NO_ANSWER),
		/** Every answer other than 201 and 409, by status (0: no answer), to see what went wrong. */
		unusual: [...unusualStatuses(outcomes)].map(([status, n]) => `${status} ×${n}`).join(', ')
	};
}

/** Waits until the outbox worker has sent every message that is due (a minute at most). */
async function outboxSent(db: Db) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		const { rows } = await sql<{ due: number }>`
			SELECT count(*)::int AS due FROM outbox_message
			WHERE status = 'pending' AND next_attempt_at <= now()`.execute(db);
		if (rows[0].due === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error('the outbox worker did not send the warm-up confirmations within a minute');
}

/** Seats sold against capacity, from the database itself. */
async function seatBook(db: Db, packageId: number) {
	const { rows } = await sql<{
		capacity: number;
		seats_taken: number;
		booked: number;
		oversold: number;
	}>`
		SELECT coalesce(sum(s.capacity), 0)::int AS capacity,
			coalesce(sum(s.seats_taken), 0)::int AS seats_taken,
			coalesce(sum(b.booked), 0)::int AS booked,
			coalesce(sum(greatest(b.booked - s.capacity, 0)), 0)::int AS oversold
		FROM slot s
		LEFT JOIN (SELECT slot_id, sum(seats) AS booked FROM booking
			WHERE status IN ('requested', 'confirmed') GROUP BY slot_id) b ON b.slot_id = s.id
		WHERE s.package_id = ${packageId}
			AND s.id IN (SELECT slot_id FROM booking UNION SELECT ${-1}::int)`.execute(db);
	return rows[0];
}

/** The price line the bare SQL books: the app sends the line it priced, so does the baseline. */
async function adultLine(db: Db, packageId: number) {
	return db
		.selectFrom('price_category')
		.select([
			'id as category_id',
			'code as category_code',
			'label_id',
			'label_en',
			'price_idr as unit_price_idr',
			'takes_seat',
			'age_group'
		])
		.where('package_id', '=', packageId)
		.where('code', '=', 'dewasa')
		.executeTakeFirstOrThrow();
}

type AdultLine = Awaited<ReturnType<typeof adultLine>>;

interface CategoryRow {
	id: number;
	code: string;
	label_id: string;
	label_en: string;
	price_idr: number;
	takes_seat: boolean;
	age_group: AdultLine['age_group'];
}

/**
 * The app's booking read without the app, word for word: the slot with its package and
 * village, the package's active price categories, and the booking an earlier request with the
 * same idempotency key made. Prepared once per connection, as the app prepares it. A change
 * to the read in src/lib/server/bookings/request.ts (slotQuery) is to be made here too.
 */
const BARE_READ = `select "slot"."id", "slot"."starts_at", "slot"."ends_at", "slot"."local_date",
	"slot"."status", "p"."id" as "package_id", "p"."status" as "package_status", "p"."title_id",
	"p"."title_en", "p"."min_party", "p"."max_party", "p"."season_months", "p"."season_overrides",
	"p"."cutoff_hours", "p"."booking_mode", "p"."response_hours", "v"."code" as "village_code",
	"v"."name" as "village_name", "v"."whatsapp",
	(select coalesce(json_agg(agg), '[]') from (select "c".* from "price_category" as "c"
		where "c"."package_id" = "p"."id" and "c"."active" = $1) as agg) as "categories",
	(select to_json(obj) from (select "earlier"."id", "earlier"."code", "earlier"."status",
		"earlier"."seats", "earlier"."people", "earlier"."total_idr", "earlier"."language",
		"earlier"."request_hash" from "booking" as "earlier"
		where "earlier"."idempotency_key" = $2) as obj) as "earlier"
	from "slot" inner join "tour_package" as "p" on "p"."id" = "slot"."package_id"
	inner join "village" as "v" on "v"."code" = "p"."village_code" where "slot"."id" = $3`;

/** The bare booking: the app's read, then its write priced from the categories read. */
async function bareBooking(pool: pg.Pool, slotId: number, seats: number) {
	const idempotencyKey = `bare-${randomBytes(12).toString('hex')}`;
	const { rows } = await pool.query<{ package_id: number; categories: CategoryRow[] }>({
		name: 'bare-read',
		text: BARE_READ,
		values: [true, idempotencyKey, slotId]
	});
	const adult = rows[0].categories.find((category) => category.code === 'dewasa');
	if (!adult) throw new Error('the bench package has no dewasa category');
	const line: AdultLine = {
		category_id: adult.id,
		category_code: adult.code,
		label_id: adult.label_id,
		label_en: adult.label_en,
		unit_price_idr: adult.price_idr,
		takes_seat: adult.takes_seat,
		age_group: adult.age_group
	};
	const slot = { id: slotId, packageId: rows[0].package_id };
	return bareWrite(pool, slot, line, seats, idempotencyKey);
}

/**
 * The booking's write without the app, as the app writes a booking without products: one
 * statement (the conditional UPDATE of the slot, then the booking, its lines and its outbox
 * message inserted from the row it returns), committed on its own. A change to bookAtOnce in
 * src/lib/server/bookings/create.ts is to be made here too.
 */
async function bareWrite(
	pool: pg.Pool,
	slot: { id: number; packageId: number },
	line: AdultLine,
	seats: number,
	idempotencyKey = `bare-${randomBytes(12).toString('hex')}`
) {
	const code = `BB-${randomBytes(4).toString('hex').toUpperCase()}`;
	const now = new Date();
	const slotStart = new Date(now.getTime() + 2 * 86_400_000);
	const taken = await pool.query(
		`WITH seat AS (
			UPDATE slot SET seats_taken = seats_taken + $1
			WHERE id = $2 AND status = 'open' AND starts_at > $3 AND capacity - seats_taken >= $1
			RETURNING id
		), b AS (
			INSERT INTO booking (code, slot_id, package_id, village_code, status, seats, people,
				total_idr, contact_name, contact_phone, contact_email, origin_country, origin_province,
				language, manage_secret_hash, idempotency_key, request_hash, respond_by, created_at,
				updated_at)
			SELECT $4, seat.id, $5, '16.12.01.2001', 'confirmed', $1, $1, $6, 'Uji Beban',
				'+6281234567890', 'uji@example.com', 'ID', '16', 'id', $7, $8, $9, NULL, $10, $10
			FROM seat
			RETURNING id
		), lines AS (
			INSERT INTO booking_line (booking_id, category_id, category_code, label_id, label_en,
				quantity, unit_price_idr, takes_seat, age_group)
			SELECT b.id, l.category_id, l.category_code, l.label_id, l.label_en, l.quantity,
				l.unit_price_idr, l.takes_seat, l.age_group
			FROM b, jsonb_to_recordset($11::jsonb) AS l (
				category_id bigint, category_code text, label_id text, label_en text,
				quantity integer, unit_price_idr integer, takes_seat boolean, age_group text)
		), mail AS (
			-- Held for a day so that the app's outbox worker leaves these rows alone.
			INSERT INTO outbox_message (recipient, template, language, payload, next_attempt_at)
			SELECT 'uji@example.com', 'booking_confirmed', 'id', $12::jsonb, now() + interval '1 day'
			FROM b
		)
		SELECT id FROM b`,
		[
			seats,
			slot.id,
			new Date(now.getTime() + 12 * 3_600_000),
			code,
			slot.packageId,
			seats * line.unit_price_idr,
			randomBytes(32).toString('hex'),
			idempotencyKey,
			randomBytes(32).toString('hex'),
			now,
			JSON.stringify([{ ...line, quantity: seats }]),
			// A payload of the size and shape of the app's confirmation.
			JSON.stringify({
				code,
				packageTitle: 'Petik nanas (uji)',
				villageName: 'Talang Bulang',
				startsAt: slotStart.toISOString(),
				endsAt: new Date(slotStart.getTime() + 2 * 3_600_000).toISOString(),
				people: seats,
				lines: [{ label: line.label_id, quantity: seats, unitPriceIdr: line.unit_price_idr }],
				totalIdr: seats * line.unit_price_idr,
				products: null,
				manageUrl: `http://127.0.0.1:4261/pesanan/${code}/${randomBytes(24).toString('base64url')}`,
				hostWhatsapp: '+6281234567890'
			})
		]
	);
	return taken.rowCount === 1;
}

/** One measured run of MANY_ATTEMPTS attempts over a package's slots. */
interface Run {
	rate: number;
	ms: number[];
	created: number;
	refused: number;
	/** 5xx, no answer or any other unexpected answer (the baselines: a thrown error). */
	errors: number;
	postgresMs: number;
	/** This process: the load generator, or the baseline's pg client. */
	clientMs: number;
	seats: Awaited<ReturnType<typeof seatBook>>;
}

/** The attempts through the app, spread over both instances. */
async function runApp(db: Db, apps: AppInstance[], pkg: BenchPackage) {
	const appsCpuSeconds = () => apps.reduce((sum, app) => sum + app.cpuSeconds(), 0);
	const cpuBefore = appsCpuSeconds();
	const postgresBefore = postgresCpuSeconds();
	const clientBefore = process.cpuUsage();
	const started = performance.now();
	let attempt = 0;
	const outcomes = await attemptEverywhere(apps, CONCURRENCY, MANY_ATTEMPTS, () => ({
		slotId: pkg.slotIds[Math.floor(Math.random() * pkg.slotIds.length)],
		seats: 1 + (attempt++ % 2)
	}));
	const seconds = (lastAnswer(outcomes) - started) / 1000;
	const appMs = (appsCpuSeconds() - cpuBefore) * 1000;
	const postgresMs = (postgresCpuSeconds() - postgresBefore) * 1000;
	const clientMs = cpuMs(process.cpuUsage(clientBefore));
	// The instances send the confirmations once the burst is answered (the outbox worker lets
	// requests go first): wait for them, so that the baseline runs on a quiet machine too.
	await outboxSent(db);
	const withMailMs = (appsCpuSeconds() - cpuBefore) * 1000;
	const counts = tally(outcomes);
	const run: Run = {
		rate: MANY_ATTEMPTS / seconds,
		ms: outcomes.map((outcome) => outcome.ms),
		created: counts.created,
		refused: counts.refused,
		errors: counts.serverErrors + counts.unanswered + counts.other,
		postgresMs,
		clientMs,
		seats: await seatBook(db, pkg.packageId)
	};
	return { run, appMs, withMailMs, counts };
}

/** The attempts as bare SQL straight to PostgreSQL, through one pool as large as the app's two. */
async function runBare(
	db: Db,
	pkg: BenchPackage,
	book: (slotId: number, seats: number) => Promise<boolean>
): Promise<Run> {
	let created = 0;
	let errors = 0;
	const ms: number[] = [];
	const postgresBefore = postgresCpuSeconds();
	const clientBefore = process.cpuUsage();
	const started = performance.now();
	await runPool(MANY_ATTEMPTS, CONCURRENCY, async (i) => {
		const slotId = pkg.slotIds[Math.floor(Math.random() * pkg.slotIds.length)];
		const attemptStarted = performance.now();
		try {
			if (await book(slotId, 1 + (i % 2))) created++;
		} catch {
			errors++;
		}
		ms.push(performance.now() - attemptStarted);
	});
	const seconds = (performance.now() - started) / 1000;
	return {
		rate: MANY_ATTEMPTS / seconds,
		ms,
		created,
		refused: MANY_ATTEMPTS - created - errors,
		errors,
		postgresMs: (postgresCpuSeconds() - postgresBefore) * 1000,
		clientMs: cpuMs(process.cpuUsage(clientBefore)),
		seats: await seatBook(db, pkg.packageId)
	};
}

/** CPU time of this process (the load generator, or the pg client of the baseline). */
function cpuMs(usage: NodeJS.CpuUsage): number {
	return (usage.user + usage.system) / 1000;
}

const database = await createDatabase();
const apps: AppInstance[] = [];
try {
	const single = await benchPackage(database.db, 'bench-satu-slot', [3], SINGLE_CAPACITY);
	const days = Array.from({ length: MANY_SLOTS }, (_, i) => 2 + i);
	const manyRounds = [];
	for (let round = 1; round <= ROUNDS; round++) {
		const slots = (slug: string) =>
			benchPackage(database.db, `${slug}-${round}`, days, MANY_CAPACITY);
		manyRounds.push({
			app: await slots('bench-banyak-slot'),
			booking: await slots('bench-sql-pesan'),
			write: await slots('bench-sql-tulis')
		});
	}
	const appWarmUp = await benchPackage(database.db, 'bench-pemanasan-app', days, MANY_CAPACITY);
	const warm = await benchPackage(
		database.db,
		'bench-pemanasan',
		Array.from({ length: WARM_UP_SLOTS }, (_, i) => 2 + i),
		1000
	);

	for (const port of PORTS) {
		apps.push(
			await startApp(port, { DATABASE_URL: database.url, ADDRESS_HEADER: 'x-forwarded-for' })
		);
	}
	// Let each instance's start-up work (the slot horizon) finish before measuring.
	await new Promise((resolve) => setTimeout(resolve, 3_000));
	// Warm-up: a round like the measured ones on slots of its own, not reported (connections,
	// the app secret, the JIT on every path a round takes, refusals and parties of two
	// included, and the outbox worker sending the confirmations).
	await runApp(database.db, apps, appWarmUp);

	console.log(`# bench:contention (${machine()})`);
	console.log(`two instances on ports ${PORTS.join(', ')}, one PostgreSQL database\n`);

	// ---- One slot, all at once ---------------------------------------------------------------
	const singleStarted = performance.now();
	const singleOutcomes = await attemptEverywhere(apps, SINGLE_ATTEMPTS, SINGLE_ATTEMPTS, () => ({
		slotId: single.slotIds[0],
		seats: 1
	}));
	const singleSeconds = (lastAnswer(singleOutcomes) - singleStarted) / 1000;
	const singleTally = tally(singleOutcomes);
	const singleSeats = await seatBook(database.db, single.packageId);
	const singleSold = (
		await database.db
			.selectFrom('slot')
			.select(['seats_taken', 'capacity'])
			.where('id', '=', single.slotIds[0])
			.executeTakeFirstOrThrow()
	).seats_taken;
	console.log(`## ${SINGLE_ATTEMPTS} concurrent attempts on one ${SINGLE_CAPACITY}-seat slot`);
	console.log(
		`sold ${singleSold}/${SINGLE_CAPACITY} seats (bookings hold ${singleSeats.booked}), oversold ${singleSeats.oversold}`
	);
	console.log(
		`201: ${singleTally.created}, 409: ${singleTally.refused}, 5xx: ${singleTally.serverErrors}, no answer: ${singleTally.unanswered}, other: ${singleTally.other}`
	);
	console.log(
		`all answered in ${singleSeconds.toFixed(2)} s; ${latencySummary(singleOutcomes.map((o) => o.ms))}`
	);
	const singleMet =
		singleSold === SINGLE_CAPACITY &&
		singleSeats.booked === SINGLE_CAPACITY &&
		singleTally.serverErrors === 0 &&
		singleTally.unanswered === 0 &&
		singleSeconds <= 2;
	if (singleTally.unusual) console.log(`unusual answers: ${singleTally.unusual}`);
	console.log(`goal (exactly ${SINGLE_CAPACITY} sold, 0 5xx, within 2 s): ${verdict(singleMet)}\n`);
	await outboxSent(database.db);

	// ---- Many slots: the app and the bare SQL, in turn ---------------------------------------
	// The machine's speed drifts over a minute (other work on the host): each round measures the
	// app and both baselines one after the other, and the goal is judged on the median round.
	const pool = new pg.Pool({ connectionString: database.url, max: BASELINE_POOL });
	const warmLine = await adultLine(database.db, warm.packageId);
	await runPool(WARM_UP_ATTEMPTS, CONCURRENCY, async (i) => {
		const slotId = warm.slotIds[i % WARM_UP_SLOTS];
		await bareBooking(pool, slotId, 1);
		await bareWrite(pool, { id: slotId, packageId: warm.packageId }, warmLine, 1);
	});
	const rounds: { app: Awaited<ReturnType<typeof runApp>>; booking: Run; write: Run }[] = [];
	for (const round of manyRounds) {
		const app = await runApp(database.db, apps, round.app);
		const booking = await runBare(database.db, round.booking, (slotId, seats) =>
			bareBooking(pool, slotId, seats)
		);
		const line = await adultLine(database.db, round.write.packageId);
		const write = await runBare(database.db, round.write, (slotId, seats) =>
			bareWrite(pool, { id: slotId, packageId: round.write.packageId }, line, seats)
		);
		rounds.push({ app, booking, write });
	}
	await pool.end();

	console.log(
		`## ${MANY_ATTEMPTS} attempts over ${MANY_SLOTS} slots of ${MANY_CAPACITY} seats, ${CONCURRENCY} at a time, ${ROUNDS} rounds`
	);
	console.log(
		'| round | | attempts/s | latency | booked | refused (full) | errors | sold / capacity of slots used | oversold |'
	);
	console.log('|---|---|---|---|---|---|---|---|---|');
	const row = (round: number, name: string, run: Run) =>
		`| ${round} | ${name} | ${run.rate.toFixed(0)} | ${latencySummary(run.ms)} | ${run.created} | ${run.refused} | ${run.errors} | ${run.seats.booked} / ${run.seats.capacity} | ${run.seats.oversold} |`;
	rounds.forEach(({ app, booking, write }, i) => {
		console.log(row(i + 1, 'app, POST /api/v1/bookings', app.run));
		console.log(row(i + 1, `baseline: the booking's SQL with pg (pool ${BASELINE_POOL})`, booking));
		console.log(row(i + 1, "the booking's write alone with pg", write));
	});
	const unusual = rounds.map(({ app }) => app.counts.unusual).filter(Boolean);
	if (unusual.length > 0) console.log(`\nunusual answers from the app: ${unusual.join('; ')}`);

	const attempts = ROUNDS * MANY_ATTEMPTS;
	const total = (pick: (round: (typeof rounds)[number]) => number) =>
		rounds.reduce((sum, round) => sum + pick(round), 0);
	const perAttempt = (ms: number) => `${(ms / attempts).toFixed(2)} ms`;
	console.log(
		`\napp CPU per attempt: ${perAttempt(total((r) => r.app.appMs))} answering, ${perAttempt(total((r) => r.app.withMailMs))} with the confirmations sent (both instances)`
	);
	console.log(
		`CPU per attempt, app run: PostgreSQL ${perAttempt(total((r) => r.app.run.postgresMs))}, app ${perAttempt(total((r) => r.app.appMs))}, load generator ${perAttempt(total((r) => r.app.run.clientMs))}; booking's SQL: PostgreSQL ${perAttempt(total((r) => r.booking.postgresMs))}, pg client ${perAttempt(total((r) => r.booking.clientMs))}; write alone: PostgreSQL ${perAttempt(total((r) => r.write.postgresMs))}, pg client ${perAttempt(total((r) => r.write.clientMs))}`
	);
	const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
	const shares = rounds.map(({ app, booking }) => app.run.rate / booking.rate);
	const writeShares = rounds.map(({ app, write }) => app.run.rate / write.rate);
	console.log(
		`app rate against the booking's SQL, by round: ${shares.map(percent).join(', ')}; median ${percent(percentile(shares, 50))}`
	);
	console.log(
		`app rate against the write alone, by round: ${writeShares.map(percent).join(', ')}; median ${percent(percentile(writeShares, 50))}`
	);
	const manyMet =
		percentile(shares, 50) >= 0.4 &&
		rounds.every(
			({ app }) =>
				app.run.seats.oversold === 0 &&
				app.run.errors === 0 &&
				app.run.seats.seats_taken === app.run.seats.booked
		);
	console.log(
		`goal (median round ≥ 40% of the booking's SQL, 0 oversold, 0 5xx): ${verdict(manyMet)}`
	);
	process.exitCode = singleMet && manyMet ? 0 : 1;
} finally {
	await Promise.all(apps.map((app) => app.stop()));
	await database.drop();
}
