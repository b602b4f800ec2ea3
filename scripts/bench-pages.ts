// npm run bench:pages — autocannon against the home page, a village page and a package page of
// the built server on seeded PostgreSQL (a database of its own, dropped at the end), beside a
// page of the same build that loads no data (/bench-empty), measured in the same run: once as
// deployed (the public pages kept for a few seconds for visitors who are not signed in) and once
// with every request rendered.
import autocannon from 'autocannon';
import {
	createDatabase,
	machine,
	requireBenchBuild,
	startApp,
	verdict,
	type AppInstance
} from './bench-lib';

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

/** Every page once to warm up, then each for SECONDS, on a server started with `env`. */
async function measureAll(database: { url: string }, env: Record<string, string>) {
	const app = await startApp(PORT, { DATABASE_URL: database.url, ...env });
	await requireBenchBuild(app);
	try {
		for (const page of PAGES) {
			const response = await fetch(`${app.url}${page.path}`);
			if (!response.ok) throw new Error(`${page.path} answered ${response.status}`);
			await measure(app, page.path, 2); // warm-up
		}
		const figures: Figures[] = [];
		for (const page of PAGES)
			figures.push({ ...page, ...(await measure(app, page.path, SECONDS)) });
		return figures;
	} finally {
		await app.stop();
	}
}

/** Prints one table; returns whether every real page met the goals. */
function report(figures: Figures[], judged: boolean): boolean {
	const baseline = figures[0];
	console.log('| page | req/s | share of empty page | p99 | errors | app CPU per request | goal |');
	console.log('|---|---|---|---|---|---|---|');
	let allMet = true;
	for (const page of figures) {
		const share = page.rate / baseline.rate;
		const met = page === baseline || (share >= 0.5 && page.p99 < 100 && page.errors === 0);
		if (page !== baseline) allMet &&= met;
		const goal = page === baseline ? 'baseline' : judged ? verdict(met) : 'not judged';
		console.log(
			`| ${page.name} \`${page.path}\` | ${page.rate.toFixed(0)} | ${(share * 100).toFixed(0)}% | ${page.p99} ms | ${page.errors} | ${page.cpuMs.toFixed(2)} ms | ${goal} |`
		);
	}
	return allMet;
}

const database = await createDatabase({ demo: true });
try {
	// As deployed: the public pages are kept for PAGE_CACHE_SECONDS (5 by default) for visitors
	// who are not signed in, as autocannon's requests are. Then the same pages rendered for every
	// request, which is what a signed-in visitor, a new query string or the first visitor after
	// a write gets.
	const deployed = await measureAll(database, {});
	const rendered = await measureAll(database, { PAGE_CACHE_SECONDS: '0' });

	console.log(`# bench:pages (${machine()})`);
	console.log(`autocannon, ${CONNECTIONS} connections, ${SECONDS} s per page, PostgreSQL\n`);
	console.log('## As deployed (page cache on, PAGE_CACHE_SECONDS=5)');
	const met = report(deployed, true);
	console.log('\n## Every request rendered (PAGE_CACHE_SECONDS=0), for comparison');
	report(rendered, false);
	console.log('\ngoals: each page ≥ 50% of the empty page, p99 < 100 ms, no errors');
	process.exitCode = met ? 0 : 1;
} finally {
	await database.drop();
}
