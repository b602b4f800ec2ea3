// npm run bench:stats: times every statistics view and export on the database in DATABASE_URL
// (or the embedded one), best used after `npm run db:synth`. Each query runs several times and
// the median is printed beside a baseline measured in the same run: a plain count over booking,
// the cheapest full look at the table the views read.
import { addMonths, monthInJakarta, parseMonth } from '../src/lib/dates';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connect, setDb } from '../src/lib/server/db/index';
import * as statistics from '../src/lib/server/statistics';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		month: { type: 'string' },
		village: { type: 'string', default: '16.12.01.2001' }
	}
});
const runs = Math.max(1, Number(values.runs) || 5);

const db = connect();
setDb(db);

async function median(run: () => Promise<unknown>): Promise<number> {
	await run(); // warm-up: plans and caches, as on a server that has been up a while
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await run();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

try {
	const month = parseMonth(values.month) ?? monthInJakarta();
	const yearStart = addMonths(month, -11);
	const threeYears = addMonths(month, -(statistics.MAX_RANGE_MONTHS - 1));
	const village = [values.village];
	const counts = await sql<{ bookings: number; lines: number; walk_ins: number; slots: number }>`
		SELECT (SELECT count(*) FROM booking) AS bookings, (SELECT count(*) FROM booking_line) AS lines,
			(SELECT count(*) FROM walk_in) AS walk_ins, (SELECT count(*) FROM slot) AS slots`.execute(db);
	const { bookings, lines, walk_ins, slots } = counts.rows[0];
	console.log(
		`${bookings} bookings, ${lines} lines, ${walk_ins} walk-ins, ${slots} slots; month ${month}; median of ${runs} runs`
	);

	const baseline = await median(() => sql`SELECT count(*) FROM booking`.execute(db));
	const views: [string, () => Promise<unknown>][] = [
		[
			'office dashboard (month + 13-month series)',
			() => statistics.readDashboard('all', month, 'id')
		],
		['host dashboard (one village)', () => statistics.readDashboard(village, month, 'id')],
		['open data API, 12 months', () => statistics.readOpenData(yearStart, month)],
		['open data API, 36 months', () => statistics.readOpenData(threeYears, month)]
	];
	for (const table of statistics.csvTables) {
		views.push([
			`CSV ${table}${['bulanan', 'asal_bulanan', 'bulan'].includes(table) ? ', 12 months' : ''}`,
			() => statistics.exportCsv('all', { table, month, from: yearStart, to: month }, 'id')
		]);
	}
	views.push([
		'CSV bulanan, 36 months',
		() =>
			statistics.exportCsv('all', { table: 'bulanan', month, from: threeYears, to: month }, 'id')
	]);
	views.push([
		'CSV asal_bulanan, 36 months',
		() =>
			statistics.exportCsv(
				'all',
				{ table: 'asal_bulanan', month, from: threeYears, to: month },
				'id'
			)
	]);

	console.log(`${'baseline: SELECT count(*) FROM booking'.padEnd(48)} ${baseline.toFixed(1)} ms`);
	for (const [label, run] of views) {
		const time = await median(run);
		console.log(
			`${label.padEnd(48)} ${time.toFixed(1).padStart(8)} ms  (${(time / baseline).toFixed(1)}× baseline)`
		);
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
