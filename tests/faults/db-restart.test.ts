// PostgreSQL goes away while tourists book, and comes back. The built app (node $BUILD_DIR) must
// answer 503 with Retry-After while it is away, never hang, recover without a restart of its
// own, and lose or double nothing: every 201 is a booking, seats_taken is the sum of the active
// bookings' seats, and a retry with the same Idempotency-Key returns the booking already made.
// The cluster is a private one on its own port: the shared server on 5432 is never touched.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { connectPostgres, setDb, type Db } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { seedReference } from '$lib/server/db/seed';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const PG_PORT = Number(process.env.FAULT_PG_PORT || 55432);
const APP_PORT = Number(process.env.FAULT_APP_PORT || 4268);
const BUILD_DIR = process.env.BUILD_DIR || 'build-e2e';
const APP = `http://127.0.0.1:${APP_PORT}`;
const DATABASE_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;
/** No answer may take longer: the pool gives up connecting after 5 s. */
const ANSWER_WITHIN_MS = 8_000;

const canRun =
	process.getuid?.() === 0 &&
	existsSync(path.join(PG_BIN, 'pg_ctl')) &&
	existsSync(path.join(BUILD_DIR, 'index.js'));

let dataDir = '';
let app: ChildProcess | undefined;
let slug = '';
let slotIds: number[] = [];
/** The tail of the app's stderr, and how it ended if it did: shown when a check fails. */
let appLog = '';
let appExit: string | undefined;

function asPostgres(command: string, args: string[]) {
	return execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, command), ...args], {
		stdio: 'pipe',
		timeout: 60_000
	}).toString();
}

function startCluster() {
	asPostgres('pg_ctl', [
		'-D',
		dataDir,
		'-l',
		path.join(dataDir, 'server.log'),
		'-o',
		`-p ${PG_PORT} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`,
		'-w',
		'start'
	]);
}

function stopCluster() {
	asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
}

async function waitForApp() {
	for (let waited = 0; waited < 60_000; waited += 250) {
		const up = await fetch(`${APP}/api/v1/villages`).then(
			(response) => response.ok,
			() => false
		);
		if (up) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`the app on ${APP} did not start`);
}

beforeAll(async () => {
	if (!canRun) return;
	dataDir = mkdtempSync(path.join(tmpdir(), 'agrowisata-fault-pg-'));
	chownSync(dataDir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), -1);
	asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
	startCluster();

	const db = connectPostgres(DATABASE_URL, 2);
	await migrateToLatest(db);
	await seedReference(db);
	slug = `paket-gangguan-${Date.now().toString(36)}`;
	const pkg = await createPackage(db, {
		slug,
		// Room for every attempt and every retry: a full slot would answer a retry with 409.
		// Four slots filled up once the booking path got faster.
		starts: Array.from({ length: 16 }, (_, i) => daysFromNow(3 + i)),
		capacity: 1_000,
		maxParty: 20
	});
	slotIds = pkg.slotIds;
	// The app keeps slots in step with the package's rules when it starts: without a rule that
	// matches them it would remove these.
	await db
		.insertInto('availability_rule')
		.values({
			package_id: pkg.packageId,
			weekdays: [1, 2, 3, 4, 5, 6, 7],
			start_times: ['08:00'],
			capacity: 1_000,
			valid_from: new Date().toISOString().slice(0, 10)
		})
		.execute();
	await db.destroy();

	app = spawn(process.execPath, [BUILD_DIR], {
		env: {
			...process.env,
			DATABASE_URL,
			DATA_DIR: mkdtempSync(path.join(tmpdir(), 'agrowisata-fault-app-')),
			PORT: String(APP_PORT),
			HOST: '127.0.0.1',
			ORIGIN: APP,
			RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
			SMTP_URL: ''
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	app.stderr?.on('data', (chunk: Buffer) => {
		appLog = (appLog + chunk.toString()).slice(-4_000);
	});
	app.on('exit', (code, signal) => {
		appExit = `${code ?? signal}`;
	});
	await waitForApp();
});

afterAll(() => {
	app?.kill('SIGKILL');
	if (dataDir) {
		try {
			stopCluster();
		} catch {
			// Already stopped by a failed test.
		}
		rmSync(dataDir, { recursive: true, force: true });
	}
});

interface Attempt {
	key: string;
	body: ReturnType<typeof bookingRequest>;
	status: number | 'network';
	ms: number;
	retryAfter: string | null;
	error?: string;
	detail?: string;
	code?: string;
	phase: 'before' | 'away' | 'after';
}

async function book(key: string, body: unknown) {
	const started = performance.now();
	const response = await fetch(`${APP}/api/v1/bookings`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'idempotency-key': key },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(30_000)
	});
	const json = (await response.json().catch(() => ({}))) as {
		code?: string;
		error?: string;
		fields?: unknown;
	};
	return { response, json, ms: performance.now() - started };
}

describe.skipIf(!canRun)('PostgreSQL restarts while bookings are being made', () => {
	it('answers 503 while it is away, recovers on its own, and keeps every seat right', async () => {
		const attempts: Attempt[] = [];
		let phase: Attempt['phase'] = 'before';
		let firing = true;
		let serial = 0;

		async function worker(index: number) {
			while (firing) {
				const n = serial++;
				const key = `fault-${index}-${n}-${Math.random().toString(36).slice(2, 10)}`;
				const body = bookingRequest(slotIds[n % slotIds.length], {
					party: [{ category: 'dewasa', quantity: 1 + (n % 3) }]
				});
				const at = phase;
				try {
					const { response, json, ms } = await book(key, body);
					attempts.push({
						key,
						body,
						status: response.status,
						ms,
						retryAfter: response.headers.get('retry-after'),
						error: json.error,
						detail: json.fields ? JSON.stringify(json.fields) : undefined,
						code: json.code,
						phase: at
					});
				} catch (error) {
					attempts.push({
						key,
						body,
						status: 'network',
						ms: ANSWER_WITHIN_MS * 10,
						retryAfter: null,
						error: String(error),
						phase: at
					});
				}
				if (at === 'away') await new Promise((resolve) => setTimeout(resolve, 50));
			}
		}

		const workers = [0, 1, 2, 3].map(worker);
		onTestFinished(() => {
			firing = false;
		});
		const stillRunning = () => expect(appExit, `the app exited:\n${appLog}`).toBeUndefined();
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		stopCluster();
		phase = 'away';
		await new Promise((resolve) => setTimeout(resolve, 4_000));

		stillRunning();
		// Pages and reads explain the outage too.
		const page = await fetch(`${APP}/paket/${slug}`);
		expect(page.status).toBe(503);
		expect(page.headers.get('retry-after')).toBeTruthy();
		expect(await page.text()).toContain('Layanan sedang tidak tersedia');
		const read = await fetch(`${APP}/api/v1/packages`);
		expect(read.status).toBe(503);
		expect(await read.json()).toMatchObject({ error: 'database_unavailable' });

		startCluster();
		phase = 'after';
		await new Promise((resolve) => setTimeout(resolve, 4_000));
		firing = false;
		await Promise.all(workers);

		stillRunning();
		const summary = (which: Attempt['phase']) => {
			const counts: Record<string, number> = {};
			for (const a of attempts.filter((each) => each.phase === which)) {
				counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
			}
			return counts;
		};
		console.log('answers before/away/after:', summary('before'), summary('away'), summary('after'));

		// Clear answers, quickly: 201, or 503 with Retry-After and a JSON error; nothing hangs.
		for (const attempt of attempts) {
			expect(attempt.status === 201 || attempt.status === 503, JSON.stringify(attempt)).toBe(true);
			if (attempt.status === 503) {
				expect(attempt.retryAfter).toMatch(/^\d+$/);
				expect(attempt.error).toBe('database_unavailable');
			}
			expect(attempt.ms).toBeLessThan(ANSWER_WITHIN_MS);
		}
		expect(attempts.filter((a) => a.phase === 'before' && a.status === 201).length).toBeGreaterThan(
			0
		);
		expect(attempts.filter((a) => a.phase === 'away' && a.status === 503).length).toBeGreaterThan(
			0
		);
		// Recovered without a restart of its own.
		expect(attempts.filter((a) => a.phase === 'after' && a.status === 201).length).toBeGreaterThan(
			0
		);

		// Retries with the same key: the booking already made comes back, a missing one is made.
		for (const attempt of attempts) {
			const { response, json } = await book(attempt.key, attempt.body);
			expect(response.status).toBe(201);
			if (attempt.status === 201) {
				expect(json.code).toBe(attempt.code);
				expect(response.headers.get('idempotent-replayed')).toBe('true');
			}
		}

		const db: Db = connectPostgres(DATABASE_URL, 2);
		setDb(db);
		try {
			const made = await db
				.selectFrom('booking')
				.select(['code', 'idempotency_key'])
				.where('idempotency_key', 'is not', null)
				.execute();
			const codes = new Set(made.map((row) => row.code));
			for (const attempt of attempts.filter((a) => a.status === 201)) {
				expect(codes.has(attempt.code!)).toBe(true);
			}
			// One booking per key, whatever the outage did to the answers.
			expect(made.length).toBe(new Set(made.map((row) => row.idempotency_key)).size);
			expect(made.length).toBe(attempts.length);

			const { rows } = await sql<{ id: number; seats_taken: number; booked: number }>`
				SELECT s.id, s.seats_taken, coalesce(sum(b.seats) FILTER (
					WHERE b.status IN ('requested', 'confirmed')), 0)::int AS booked
				FROM slot s LEFT JOIN booking b ON b.slot_id = s.id
				GROUP BY s.id`.execute(db);
			for (const row of rows) expect(row.seats_taken).toBe(row.booked);
		} finally {
			await db.destroy();
		}
	});
});
