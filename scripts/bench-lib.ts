// Shared by the benchmarks: a database of their own, built app instances on 127.0.0.1, the
// machine they ran on, and percentiles. Every benchmark stops by itself (bounded counts and
// time) and talks only to 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connectPostgres, type Db } from '../src/lib/server/db/index';
import { seedDemo } from '../src/lib/server/db/demo';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { seedReference } from '../src/lib/server/db/seed';
import { folderMigrations } from './migrations';

export const BUILD_DIR = process.env.BUILD_DIR || 'build';
/** The PostgreSQL server the benchmarks create their database on. */
export const POSTGRES_URL =
	process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
	url: string;
	db: Db;
	drop(): Promise<void>;
}

/** A new database on POSTGRES_URL's server, migrated and seeded; dropped by `drop`. */
export async function createDatabase(options: { demo?: boolean; poolMax?: number } = {}) {
	const name = `agro_bench_${Date.now().toString(36)}_${process.pid}`;
	const admin = connectPostgres(POSTGRES_URL, 1);
	await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
	const url = new URL(POSTGRES_URL);
	url.pathname = `/${name}`;
	const db = connectPostgres(url.toString(), options.poolMax ?? 4);
	await migrateToLatest(db, folderMigrations);
	await seedReference(db);
	if (options.demo) await seedDemo(db);
	return {
		url: url.toString(),
		db,
		async drop() {
			await db.destroy();
			await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
			await admin.destroy();
		}
	} satisfies BenchDatabase;
}

export interface AppInstance {
	url: string;
	/** CPU time the instance has used so far (user + system), from /proc. */
	cpuSeconds(): number;
	stop(): Promise<void>;
}

/**
 * CPU seconds from a process's /proc stat line (100 clock ticks each): utime + stime, and with
 * `children` also cutime + cstime, the time of the children it has waited for.
 */
function cpuSecondsIn(stat: string, children = false): number {
	const fields = stat.split(') ')[1].split(' ');
	const ticks = fields.slice(11, children ? 15 : 13);
	return ticks.reduce((sum, value) => sum + Number(value), 0) / 100;
}

function cpuSecondsOf(pid: number | undefined): number {
	try {
		return cpuSecondsIn(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return NaN;
	}
}

/**
 * CPU time used so far by the PostgreSQL processes on this machine (NaN when the server runs
 * elsewhere). The time of a backend that has ended counts too: the server's main process
 * waits for its backends, which adds their time to its own children's.
 */
export function postgresCpuSeconds(): number {
	const stats = readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.map((pid) => {
			try {
				return readFileSync(`/proc/${pid}/stat`, 'utf8');
			} catch {
				return ''; // The process ended while the list was read.
			}
		})
		.filter((stat) => stat.includes(' (postgres) '));
	return stats.length === 0 ? NaN : stats.reduce((sum, stat) => sum + cpuSecondsIn(stat, true), 0);
}

/**
 * The baseline page the page benchmarks compare with exists only in a build made for them;
 * without it every baseline figure would be a 404's.
 */
export async function requireBenchBuild(app: AppInstance): Promise<void> {
	const response = await fetch(`${app.url}/bench-empty`);
	if (response.status !== 200) {
		await app.stop();
		throw new Error(`${BUILD_DIR} has no /bench-empty: build it with BENCH=1 npx vite build.`);
	}
}

/** Starts `node $BUILD_DIR` on 127.0.0.1:port and waits until it answers. */
export async function startApp(port: number, env: Record<string, string | undefined> = {}) {
	const url = `http://127.0.0.1:${port}`;
	// BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each instance when it stops.
	const profile = process.env.BENCH_CPU_PROF
		? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
		: [];
	const child: ChildProcess = spawn(process.execPath, [...profile, BUILD_DIR], {
		env: {
			...process.env,
			DATA_DIR: mkdtempSync(path.join(tmpdir(), 'agrowisata-bench-')),
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: url,
			// The benchmarks write from one address far faster than any visitor.
			RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
			TILE_URL: `${url}/no-tiles/{z}/{x}/{y}.png`,
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	let exited = false;
	child.on('exit', () => (exited = true));
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline && !exited) {
		const up = await fetch(`${url}/api/v1/villages`).then(
			(response) => response.ok,
			() => false
		);
		if (up) {
			return {
				url,
				cpuSeconds: () => cpuSecondsOf(child.pid),
				async stop() {
					if (exited) return;
					const gone = new Promise((resolve) => child.once('exit', resolve));
					if (process.env.BENCH_CPU_PROF) {
						// A profile is written only on a clean exit: ask, then insist.
						child.kill('SIGTERM');
						const insist = setTimeout(() => child.kill('SIGKILL'), 45_000);
						await gone;
						clearTimeout(insist);
						return;
					}
					child.kill('SIGKILL');
					await gone;
				}
			} satisfies AppInstance;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	child.kill('SIGKILL');
	throw new Error(`${BUILD_DIR} did not start on port ${port}; build it with BUILD_DIR set.`);
}

/** The p-th percentile (0–100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function latencySummary(ms: number[]): string {
	const f = (value: number) => value.toFixed(1);
	return `p50 ${f(percentile(ms, 50))} ms, p95 ${f(percentile(ms, 95))} ms, p99 ${f(percentile(ms, 99))} ms`;
}

/** One line describing the machine, for BENCHMARKS.md. */
export function machine(): string {
	const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
	const memory = (totalmem() / 2 ** 30).toFixed(1);
	const load = loadavg()
		.map((value) => value.toFixed(1))
		.join(' ');
	return `nproc ${availableParallelism()} (${model}), ${memory} GiB memory, Node ${process.version}, load average ${load}`;
}

/** Runs `task` for each index with at most `limit` running at once. */
export async function runPool(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>
) {
	let next = 0;
	const workers = Array.from({ length: Math.min(limit, count) }, async () => {
		while (next < count) await task(next++);
	});
	await Promise.all(workers);
}

export function verdict(met: boolean): string {
	return met ? 'MET' : 'NOT MET';
}
