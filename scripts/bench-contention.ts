// npm run bench:contention — booking under contention on two app instances sharing one
// PostgreSQL database (created and dropped here): 200 concurrent attempts on one 20-seat slot,
// then many attempts over many slots, beside the bare booking SQL run straight against
// PostgreSQL with pg in the same run as the baseline. Needs a build: BUILD_DIR=… npx vite build.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { sql } from 'kysely';
import type { Db } from '../src/lib/server/db/index';
import { createPackage, daysFromNow } from '../tests/helpers/fixtures';
import {
	createDatabase,
	latencySummary,
	machine,
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
/** Two instances with pg's default pool of 10 each: the baseline gets as many connections. */
const BASELINE_POOL = 20;
/**
 * Real bookings before measuring, through the app and through the bare SQL alike: V8 optimises
 * a function only after many calls, and a few dozen requests left the booking path to be
 * compiled while it was being measured.
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

interface Outcome {
	status: number;
	ms: number;
}

/**
 * The load generator shares the machine's CPUs with the app instances and PostgreSQL, so it
 * uses node:http with kept-alive connections: fetch costs several times as much CPU per request
 * and would take that from the app, never from the bare-SQL baseline.
 */
let agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Closes the kept-alive connections between phases: the server closes a connection idle for
 * 5 s, and a request sent on it at that moment would fail without an answer from the app.
 */
function freshConnections() {
	agent.destroy();
	agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
}

/** No HTTP answer at all (a connection refused, reset or timed out). */
const NO_ANSWER = 0;

function post(url: URL, headers: Record<string, string>, body: string): Promise<number> {
	return new Promise((resolve) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
				signal: AbortSignal.timeout(30_000)
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? NO_ANSWER));
				response.on('error', () => resolve(NO_ANSWER));
			}
		);
		request.on('error', () => resolve(NO_ANSWER));
		request.end(body);
	});
}

async function attemptBooking(app: AppInstance, slotId: number, seats: number): Promise<Outcome> {
	const started = performance.now();
	const status = await post(
		new URL('/api/v1/bookings', app.url),
		{
			'content-type': 'application/json',
			'idempotency-key': `bench-${randomBytes(12).toString('hex')}`,
			// Tourists book from many addresses: one address would make every request wait
			// on the one rate-limit row, a load no single visitor produces.
			'x-forwarded-for': `10.${randomBytes(3).join('.')}`
		},
		JSON.stringify({
			slotId,
			party: [{ category: 'dewasa', quantity: seats }],
			contact: { name: 'Uji Beban', phone: '0812-3456-7890', email: 'uji@example.com' },
			origin: { country: 'ID', province: '16' },
			language: 'id'
		})
	);
	return { status, ms: performance.now() - started };
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

/**
 * The booking without the app, as the app writes a booking without products: one statement
 * (the conditional UPDATE of the slot, then the booking, its lines and its outbox message
 * inserted from the row it returns), committed on its own.
 */
async function bareBooking(
	pool: pg.Pool,
	slot: { id: number; packageId: number },
	line: AdultLine,
	seats: number
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
			`bare-${randomBytes(12).toString('hex')}`,
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

/** CPU time of this process (the load generator, or the pg client of the baseline). */
function cpuMs(usage: NodeJS.CpuUsage): number {
	return (usage.user + usage.system) / 1000;
}

const database = await createDatabase();
const apps: AppInstance[] = [];
try {
	const single = await benchPackage(database.db, 'bench-satu-slot', [3], SINGLE_CAPACITY);
	const days = Array.from({ length: MANY_SLOTS }, (_, i) => 2 + i);
	const many = await benchPackage(database.db, 'bench-banyak-slot', days, MANY_CAPACITY);
	const bare = await benchPackage(database.db, 'bench-sql-murni', days, MANY_CAPACITY);
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
	// Warm-up on slots of its own: connections, the app secret, the JIT, and the outbox worker
	// sending the confirmations; measuring starts once they are all sent.
	await runPool(WARM_UP_ATTEMPTS, CONCURRENCY, async (i) => {
		await attemptBooking(apps[i % apps.length], warm.slotIds[i % WARM_UP_SLOTS], 1);
	});
	await outboxSent(database.db);
	freshConnections();

	console.log(`# bench:contention (${machine()})`);
	console.log(`two instances on ports ${PORTS.join(', ')}, one PostgreSQL database\n`);

	// ---- One slot, all at once ---------------------------------------------------------------
	const singleOutcomes: Outcome[] = [];
	const singleStarted = performance.now();
	await Promise.all(
		Array.from({ length: SINGLE_ATTEMPTS }, async (_, i) => {
			singleOutcomes.push(await attemptBooking(apps[i % apps.length], single.slotIds[0], 1));
		})
	);
	const singleSeconds = (performance.now() - singleStarted) / 1000;
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
	freshConnections();

	// ---- Many slots, through the app ---------------------------------------------------------
	const manyOutcomes: Outcome[] = [];
	const cpuBefore = apps.reduce((sum, app) => sum + app.cpuSeconds(), 0);
	const postgresBefore = postgresCpuSeconds();
	const loadBefore = process.cpuUsage();
	const manyStarted = performance.now();
	await runPool(MANY_ATTEMPTS, CONCURRENCY, async (i) => {
		const slotId = many.slotIds[Math.floor(Math.random() * many.slotIds.length)];
		manyOutcomes.push(await attemptBooking(apps[i % apps.length], slotId, 1 + (i % 2)));
	});
	const manySeconds = (performance.now() - manyStarted) / 1000;
	const appCpuMs = (apps.reduce((sum, app) => sum + app.cpuSeconds(), 0) - cpuBefore) * 1000;
	const appPostgresMs = (postgresCpuSeconds() - postgresBefore) * 1000;
	const loadMs = cpuMs(process.cpuUsage(loadBefore));
	// The instances send the confirmations once the burst is answered (the outbox worker lets
	// requests go first): wait for them, so that the baseline runs on a quiet machine too.
	await outboxSent(database.db);
	const mailSeconds = (performance.now() - manyStarted) / 1000 - manySeconds;
	const appCpuWithMailMs =
		(apps.reduce((sum, app) => sum + app.cpuSeconds(), 0) - cpuBefore) * 1000;
	const manyTally = tally(manyOutcomes);
	const manySeats = await seatBook(database.db, many.packageId);
	const appRate = MANY_ATTEMPTS / manySeconds;

	// ---- Many slots, the bare SQL ------------------------------------------------------------
	const pool = new pg.Pool({ connectionString: database.url, max: BASELINE_POOL });
	const line = await adultLine(database.db, bare.packageId);
	let bareCreated = 0;
	let bareErrors = 0;
	const bareMs: number[] = [];
	const warmLine = await adultLine(database.db, warm.packageId);
	await runPool(WARM_UP_ATTEMPTS, CONCURRENCY, async (i) => {
		const slotId = warm.slotIds[i % WARM_UP_SLOTS];
		await bareBooking(pool, { id: slotId, packageId: warm.packageId }, warmLine, 1);
	});
	const barePostgresBefore = postgresCpuSeconds();
	const bareClientBefore = process.cpuUsage();
	const bareStarted = performance.now();
	await runPool(MANY_ATTEMPTS, CONCURRENCY, async (i) => {
		const slotId = bare.slotIds[Math.floor(Math.random() * bare.slotIds.length)];
		const started = performance.now();
		try {
			if (await bareBooking(pool, { id: slotId, packageId: bare.packageId }, line, 1 + (i % 2))) {
				bareCreated++;
			}
		} catch {
			bareErrors++;
		}
		bareMs.push(performance.now() - started);
	});
	const bareSeconds = (performance.now() - bareStarted) / 1000;
	const barePostgresMs = (postgresCpuSeconds() - barePostgresBefore) * 1000;
	const bareClientMs = cpuMs(process.cpuUsage(bareClientBefore));
	await pool.end();
	const bareRate = MANY_ATTEMPTS / bareSeconds;
	const bareSeats = await seatBook(database.db, bare.packageId);

	console.log(
		`## ${MANY_ATTEMPTS} attempts over ${MANY_SLOTS} slots of ${MANY_CAPACITY} seats, ${CONCURRENCY} at a time`
	);
	console.log(
		'| | attempts/s | latency | booked | refused (full) | errors | sold / capacity of slots used | oversold |'
	);
	console.log('|---|---|---|---|---|---|---|---|');
	console.log(
		`| app, POST /api/v1/bookings | ${appRate.toFixed(0)} | ${latencySummary(manyOutcomes.map((o) => o.ms))} | ${manyTally.created} | ${manyTally.refused} | ${manyTally.serverErrors} 5xx, ${manyTally.unanswered} no answer, ${manyTally.other} other | ${manySeats.booked} / ${manySeats.capacity} | ${manySeats.oversold} |`
	);
	console.log(
		`| baseline, bare SQL with pg (pool ${BASELINE_POOL}) | ${bareRate.toFixed(0)} | ${latencySummary(bareMs)} | ${bareCreated} | ${MANY_ATTEMPTS - bareCreated - bareErrors} | ${bareErrors} | ${bareSeats.booked} / ${bareSeats.capacity} | ${bareSeats.oversold} |`
	);
	if (manyTally.unusual) console.log(`\nunusual answers from the app: ${manyTally.unusual}`);
	const share = appRate / bareRate;
	console.log(
		`\napp CPU per attempt: ${(appCpuMs / MANY_ATTEMPTS).toFixed(1)} ms answering, ${(appCpuWithMailMs / MANY_ATTEMPTS).toFixed(1)} ms with the ${manyTally.created} confirmations sent (both instances; the last sent ${mailSeconds.toFixed(1)} s after the last answer)`
	);
	const perAttempt = (ms: number) => `${(ms / MANY_ATTEMPTS).toFixed(2)} ms`;
	console.log(
		`CPU per attempt, app run: PostgreSQL ${perAttempt(appPostgresMs)}, app ${perAttempt(appCpuMs)}, load generator ${perAttempt(loadMs)}; bare SQL run: PostgreSQL ${perAttempt(barePostgresMs)}, pg client ${perAttempt(bareClientMs)}`
	);
	console.log(`app rate is ${(share * 100).toFixed(0)}% of the bare SQL rate`);
	const manyMet =
		share >= 0.4 &&
		manySeats.oversold === 0 &&
		manyTally.serverErrors === 0 &&
		manyTally.unanswered === 0 &&
		manySeats.seats_taken === manySeats.booked;
	console.log(`goal (≥ 40% of bare SQL, 0 oversold, 0 5xx): ${verdict(manyMet)}`);
	process.exitCode = singleMet && manyMet ? 0 : 1;
} finally {
	agent.destroy();
	await Promise.all(apps.map((app) => app.stop()));
	await database.drop();
}
