// npm run bench:pages — autocannon against the home page, a village page and a package page of
// the built server on seeded PostgreSQL (a database of its own, dropped at the end), beside a
// page of the same build that loads no data (/bench-empty), measured in the same run.
import autocannon from 'autocannon';
import { createDatabase, machine, startApp, verdict, type AppInstance } from './bench-lib';

const PORT = 4263;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const PAGES = [
	{ name: 'empty page (baseline)', path: '/bench-empty' },
	{ name: 'home (map and list)', path: '/' },
	{ name: 'village', path: '/desa/talang-bulang' },
	{ name: 'package', path: '/paket/petik-nanas-talang-bulang' }
];

interface Figures {
	name: string;
	path: string;
	rate: number;
	p99: number;
	errors: number;
	/** The app's own CPU time per answered request: steadier than req/s on a busy machine. */
	cpuMs: number;
}

async function measure(app: AppInstance, path: string, seconds: number) {
	const cpuBefore = app.cpuSeconds();
	const result = await autocannon({
		url: `${app.url}${path}`,
		connections: CONNECTIONS,
		duration: seconds
	});
	const cpuMs = ((app.cpuSeconds() - cpuBefore) * 1000) / Math.max(1, result.requests.total);
	return {
		rate: result.requests.average,
		p99: result.latency.p99,
		errors: result.errors + result.timeouts + result.non2xx,
		cpuMs
	};
}

const database = await createDatabase({ demo: true });
let app: AppInstance | undefined;
try {
	app = await startApp(PORT, { DATABASE_URL: database.url });
	for (const page of PAGES) {
		const response = await fetch(`${app.url}${page.path}`);
		if (!response.ok) throw new Error(`${page.path} answered ${response.status}`);
		await measure(app, page.path, 2); // warm-up
	}
	const figures: Figures[] = [];
	for (const page of PAGES) figures.push({ ...page, ...(await measure(app, page.path, SECONDS)) });

	const baseline = figures[0];
	console.log(`# bench:pages (${machine()})`);
	console.log(`autocannon, ${CONNECTIONS} connections, ${SECONDS} s per page, PostgreSQL\n`);
	console.log('| page | req/s | share of empty page | p99 | errors | app CPU per request | goal |');
	console.log('|---|---|---|---|---|---|---|');
	let allMet = true;
	for (const page of figures) {
		const share = page.rate / baseline.rate;
		const met = page === baseline || (share >= 0.5 && page.p99 < 100 && page.errors === 0);
		if (page !== baseline) allMet &&= met;
		console.log(
			`| ${page.name} \`${page.path}\` | ${page.rate.toFixed(0)} | ${(share * 100).toFixed(0)}% | ${page.p99} ms | ${page.errors} | ${page.cpuMs.toFixed(2)} ms | ${page === baseline ? 'baseline' : verdict(met)} |`
		);
	}
	console.log('\ngoals: each page ≥ 50% of the empty page, p99 < 100 ms, no errors');
	process.exitCode = allMet ? 0 : 1;
} finally {
	await app?.stop();
	await database.drop();
}
