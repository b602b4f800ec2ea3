// npm run bench:weight — what a phone downloads per route, gzipped: the JavaScript and CSS the
// built HTML links (modulepreload and stylesheets: the initial load), and all JavaScript the
// page fetches until the network is idle (the map's chunks arrive after hydration). Then
// Lighthouse 12.2.3 mobile performance, when the `lighthouse` package is installed.
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { machine, requireBenchBuild, startApp, verdict, type AppInstance } from './bench-lib';

const PORT = 4264;
const DEBUG_PORT = 4269;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const KB = 1024;
const ROUTES = [
	{ name: 'home (with the map)', path: '/' },
	{ name: 'village', path: '/desa/talang-bulang' },
	{ name: 'package', path: '/paket/petik-nanas-talang-bulang' },
	{ name: 'empty page', path: '/bench-empty' }
];

const gzipCache = new Map<string, { gz: number; leaflet: boolean }>();

async function gzipped(url: string) {
	let entry = gzipCache.get(url);
	if (!entry) {
		const body = Buffer.from(await (await fetch(url)).arrayBuffer());
		// Leaflet's own source names its site in the attribution prefix and version banner.
		const leaflet = /leafletjs\.com|_leaflet_id/.test(body.toString('utf8'));
		entry = { gz: gzipSync(body, { level: 9 }).length, leaflet };
		gzipCache.set(url, entry);
	}
	return entry;
}

/** The JS and CSS the HTML asks for before any script runs. */
async function initialAssets(app: AppInstance, path: string) {
	const response = await fetch(`${app.url}${path}`);
	const html = await response.text();
	const page = new URL(path, app.url);
	// SvelteKit announces the modulepreloads in the Link header and the stylesheets in the HTML.
	const header = (response.headers.get('link') ?? '')
		.split(/,\s*(?=<)/)
		.map((entry) => entry.replace(/^<([^>]+)>/, 'href="$1"'));
	const links = [...header, ...[...html.matchAll(/<link\b[^>]*>/g)].map((match) => match[0])];
	const href = (tag: string) => new URL(/href="([^"]+)"/.exec(tag)?.[1] ?? '', page).href;
	const js = links.filter((tag) => /rel="?modulepreload/.test(tag)).map(href);
	for (const match of html.matchAll(/import\("([^"]+\.js)"\)/g))
		js.push(new URL(match[1], page).href);
	const css = links.filter((tag) => /rel="stylesheet"|as="style"/.test(tag)).map(href);
	return { js: [...new Set(js)], css: [...new Set(css)] };
}

async function sum(urls: string[]) {
	let total = 0;
	let leaflet = 0;
	for (const url of urls) {
		const { gz, leaflet: isLeaflet } = await gzipped(url);
		total += gz;
		if (isLeaflet) leaflet += gz;
	}
	return { total, leaflet };
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

async function lighthouseScores(app: AppInstance): Promise<string[]> {
	const lighthouseModule = 'lighthouse';
	let lighthouse: (
		url: string,
		flags: Record<string, unknown>
	) => Promise<{ lhr: { categories: { performance: { score: number | null } } } } | undefined>;
	try {
		lighthouse = (await import(/* @vite-ignore */ lighthouseModule)).default;
	} catch {
		return [
			'Lighthouse: SKIPPED, the `lighthouse` package (12.2.3) is not installed; add it as a devDependency to measure.'
		];
	}
	const browser = spawn(
		CHROMIUM,
		[
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			`--remote-debugging-port=${DEBUG_PORT}`,
			'about:blank'
		],
		{ stdio: 'ignore' }
	);
	try {
		for (let waited = 0; waited < 20_000; waited += 250) {
			const up = await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`).then(
				(response) => response.ok,
				() => false
			);
			if (up) break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const lines = [];
		for (const route of ROUTES.slice(0, 3)) {
			// The default configuration is Lighthouse's mobile one (Moto G Power, slow 4G).
			const result = await lighthouse(`${app.url}${route.path}`, {
				port: DEBUG_PORT,
				onlyCategories: ['performance'],
				output: 'json',
				logLevel: 'error'
			});
			const score = Math.round((result?.lhr.categories.performance.score ?? 0) * 100);
			lines.push(`| ${route.name} \`${route.path}\` | ${score} | ${verdict(score >= 95)} |`);
		}
		return ['| page | Lighthouse mobile performance | goal ≥ 95 |', '|---|---|---|', ...lines];
	} finally {
		browser.kill('SIGKILL');
	}
}

const app = await startApp(PORT);
await requireBenchBuild(app);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
	console.log(`# bench:weight (${machine()})`);
	console.log('gzip level 9 of each file, as a phone downloads it\n');
	console.log(
		'| route | initial JS | of it Leaflet | initial CSS | all JS by network idle | of it Leaflet | goal |'
	);
	console.log('|---|---|---|---|---|---|---|');
	const context = await browser.newContext();
	let allMet = true;
	for (const route of ROUTES) {
		const initial = await initialAssets(app, route.path);
		const initialJs = await sum(initial.js);
		const initialCss = await sum(initial.css);
		const page = await context.newPage();
		const scripts = new Set<string>();
		page.on('response', (response) => {
			if (response.request().resourceType() === 'script') scripts.add(response.url());
		});
		await page.goto(`${app.url}${route.path}`, { waitUntil: 'networkidle' });
		await page.close();
		const loaded = await sum([...scripts]);
		if (process.env.BENCH_VERBOSE) {
			for (const url of scripts) {
				const { gz, leaflet } = await gzipped(url);
				console.log(`    ${kb(gz)}${leaflet ? ' (Leaflet)' : ''} ${new URL(url).pathname}`);
			}
		}
		let goal = '';
		if (route.path === '/') {
			// Home without the map chunk, and the map page as a whole against Leaflet + 50 KB.
			const withoutMap = loaded.total - loaded.leaflet;
			const met = withoutMap <= 50 * KB && loaded.total <= loaded.leaflet + 50 * KB;
			allMet &&= met;
			goal = `${verdict(met)}: ${kb(withoutMap)} without Leaflet (≤ 50 KB), ${kb(loaded.total)} with it (≤ Leaflet + 50 KB = ${kb(loaded.leaflet + 50 * KB)})`;
		}
		console.log(
			`| ${route.name} \`${route.path}\` | ${kb(initialJs.total)} | ${kb(initialJs.leaflet)} | ${kb(initialCss.total)} | ${kb(loaded.total)} | ${kb(loaded.leaflet)} | ${goal} |`
		);
	}
	await context.close();
	console.log('');
	for (const line of await lighthouseScores(app)) console.log(line);
	process.exitCode = allMet ? 0 : 1;
} finally {
	await browser.close();
	await app.stop();
}
