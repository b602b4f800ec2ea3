// Proves invariant 7 of the design against the built server: every protected route and action
// under src/routes/host and src/routes/office refuses nobody, the host of another village and a
// disabled account, and changes nothing when it refuses. The routes come from the tables in
// tests/e2e/protected-routes/ (see host-operations.ts for their shape); a route file on disk
// that no table mentions fails the last test, so a new route cannot go untested.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext
} from '@playwright/test';
import { unflatten } from 'devalue';
import { baseURL } from '../../playwright.config';
import type { ProtectedRoute } from './protected-routes/host-operations';

const TALANG_BULANG = '16.12.01.2001';
const BHAYANGKARA = '16.12.01.1017';
const PASSWORD = 'agrowisata-demo';

/** Every table in the folder, read from disk so that a new file needs no import here. */
async function allRoutes(): Promise<ProtectedRoute[]> {
	const dir = path.resolve('tests/e2e/protected-routes');
	const loaded = await Promise.all(
		readdirSync(dir)
			.filter((file) => file.endsWith('.ts'))
			.map(
				(file) =>
					import(pathToFileURL(path.join(dir, file)).href) as Promise<{ routes?: ProtectedRoute[] }>
			)
	);
	return loaded.flatMap((table) => table.routes ?? []);
}

function jakartaDate(offsetDays = 0): string {
	return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function context(): Promise<APIRequestContext> {
	// SvelteKit refuses cross-site form posts; the Origin makes each post a real same-site one,
	// so a refusal below is the guard's and not the CSRF check's.
	// Accept: text/html makes SvelteKit answer a form post as a browser without JavaScript gets it
	// (a real 303 or 403), not as the JSON that use:enhance reads.
	return playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' }
	});
}

async function signIn(email: string, password = PASSWORD): Promise<APIRequestContext> {
	const ctx = await context();
	const response = await ctx.post('/login', { form: { email, password }, maxRedirects: 0 });
	expect(response.status(), `signing in as ${email}`).toBe(303);
	return ctx;
}

/** The data a page's load returned, read through SvelteKit's __data.json. */
async function pageData(ctx: APIRequestContext, pathAndQuery: string): Promise<unknown> {
	const [pathname, query] = pathAndQuery.split('?');
	const response = await ctx.get(`${pathname}/__data.json${query ? `?${query}` : ''}`);
	expect(response.status(), `reading ${pathAndQuery}`).toBe(200);
	const body = (await response.json()) as { nodes: ({ type: string; data?: unknown[] } | null)[] };
	const nodes = body.nodes.filter((node) => node?.type === 'data' && node.data);
	return unflatten(nodes.at(-1)?.data as unknown[]);
}

/** Runs a form action the way `use:enhance` does and returns its JSON answer. */
async function runAction(
	ctx: APIRequestContext,
	pathAndAction: string,
	form: Record<string, string>
): Promise<{ type: string; status?: number; data?: unknown }> {
	const response = await ctx.post(pathAndAction, {
		form,
		headers: { 'x-sveltekit-action': 'true', accept: 'application/json' }
	});
	const body = (await response.json()) as { type: string; status?: number; data?: string };
	return { ...body, data: body.data ? unflatten(JSON.parse(body.data)) : undefined };
}

interface Fixtures {
	[name: string]: string;
}

async function openSlot(ctx: APIRequestContext, slug: string, fromDays: number) {
	const response = await ctx.get(
		`/api/v1/packages/${slug}/availability?from=${jakartaDate(fromDays)}&to=${jakartaDate(fromDays + 30)}`
	);
	const { slots } = (await response.json()) as {
		slots: { id: number; startsAt: string; status: string; seatsLeft: number }[];
	};
	const slot = slots.find((each) => each.status === 'open' && each.seatsLeft >= 5);
	if (!slot) throw new Error(`no open slot of ${slug}`);
	return slot;
}

async function bookViaApi(ctx: APIRequestContext, slotId: number, category: string) {
	const response = await ctx.post('/api/v1/bookings', {
		data: {
			slotId,
			party: [{ category, quantity: 2 }],
			contact: { name: 'Penguji Akses', phone: '081234567890', email: 'akses@example.test' },
			origin: { country: 'ID', province: '16' },
			language: 'id'
		}
	});
	expect(response.status(), await response.text()).toBe(201);
	return ((await response.json()) as { code: string }).code;
}

function fill(template: string, fixtures: Fixtures, params: Record<string, string> = {}): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = params[name] ?? fixtures[name];
		if (value === undefined) throw new Error(`no value for ${whole} in ${template}`);
		return value;
	});
}

async function send(ctx: APIRequestContext, route: ProtectedRoute, fixtures: Fixtures) {
	const url = fill(route.path, fixtures, route.params) + (route.action ?? '');
	const form = Object.fromEntries(
		Object.entries(route.form ?? {}).map(([key, value]) => [
			key,
			fill(value, fixtures, route.params)
		])
	);
	const response = await ctx.fetch(url, {
		method: route.method,
		form: route.method === 'GET' ? undefined : form,
		maxRedirects: 0
	});
	return { url, status: response.status(), location: response.headers().location ?? '' };
}

function describeRoute(route: ProtectedRoute): string {
	return `${route.method} ${route.path}${route.action ?? ''}`;
}

let routes: ProtectedRoute[];
let fixtures: Fixtures;
let office: APIRequestContext;

/** What a refused request must not have changed, as the office sees it through the app. */
async function snapshot(): Promise<string> {
	const pages = [
		`/host/${TALANG_BULANG}/pemesanan`,
		`/host/${TALANG_BULANG}/walk-in`,
		`/host/${TALANG_BULANG}/hari-ini?tanggal=${fixtures.date}`,
		`/host/${TALANG_BULANG}/pemesanan/${fixtures.code}`,
		`/host/${TALANG_BULANG}/pemesanan/${fixtures.requestCode}`,
		`/host/${TALANG_BULANG}/produk`,
		`/host/${TALANG_BULANG}/toko`
	];
	const data = [];
	for (const page of pages) data.push(await pageData(office, page));
	const audit = await office.get('/office/audit/__data.json');
	data.push(audit.status() === 200 ? await audit.text() : 'no audit page');
	return JSON.stringify(data);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(120_000);
	routes = await allRoutes();
	office = await signIn('dinas@agrowisata.test');
	const host = await signIn('talangbulang@agrowisata.test');
	const anyone = await context();
	// Far ahead, so the other specs' slots (the nearest ones) are left alone.
	const slot = await openSlot(anyone, 'petik-nanas-talang-bulang', 14);
	const requestSlot = await openSlot(anyone, 'kelas-olahan-nanas-talang-bulang', 14);
	const walkIn = await runAction(host, `/host/${TALANG_BULANG}/walk-in?/record`, {
		visitDate: jakartaDate(),
		adults: '2',
		children: '0',
		infants: '0',
		originCountry: 'ID',
		originProvince: '16',
		note: 'uji akses'
	});
	expect(walkIn.type).toBe('success');
	const walkIns = (await pageData(host, `/host/${TALANG_BULANG}/walk-in`)) as {
		walkIns: { id: number; note: string | null }[];
	};
	fixtures = {
		village: TALANG_BULANG,
		today: jakartaDate(),
		code: await bookViaApi(anyone, slot.id, 'dewasa'),
		requestCode: await bookViaApi(anyone, requestSlot.id, 'dewasa'),
		slot: String(slot.id),
		date: slot.startsAt.slice(0, 10),
		walkIn: String(walkIns.walkIns.find((each) => each.note === 'uji akses')?.id)
	};
	await Promise.all([host.dispose(), anyone.dispose()]);
});

test.afterAll(async () => {
	await office?.dispose();
});

async function expectAllRefused(
	ctx: APIRequestContext,
	who: string,
	scopes: ProtectedRoute['scope'][],
	refused: (answer: { status: number; location: string }) => boolean
) {
	const before = await snapshot();
	const wrong: string[] = [];
	for (const route of routes.filter((each) => scopes.includes(each.scope ?? 'village'))) {
		const answer = await send(ctx, route, fixtures);
		if (!refused(answer))
			wrong.push(`${describeRoute(route)} → ${answer.status} ${answer.location}`);
	}
	expect(wrong, `${who} was let through`).toEqual([]);
	expect(await snapshot(), `${who} changed something`).toBe(before);
}

const toLogin = ({ status, location }: { status: number; location: string }) =>
	(status >= 300 && status < 400 && /\/login(\?|$)/.test(location)) || status === 401;

test('nobody signed in is sent to sign in, everywhere, and changes nothing', async () => {
	const anonymous = await context();
	await expectAllRefused(anonymous, 'nobody', ['village', 'signed-in'], toLogin);
	await anonymous.dispose();
});

test("the host of another village is refused on Talang Bulang's routes and the office's", async () => {
	const other = await signIn('bhayangkara@agrowisata.test');
	await expectAllRefused(other, 'the Bhayangkara host', ['village'], ({ status }) =>
		[403, 404].includes(status)
	);
	await other.dispose();
});

test('a disabled account is refused with the session it still holds', async () => {
	test.setTimeout(120_000);
	// The office invites a host of Pasar Bhayangkara, who signs up; then the office disables them.
	const people = await office.get('/office/orang');
	expect(people.status()).toBe(200);
	const email = `nonaktif-${Date.now()}@example.test`;
	const invited = await runAction(office, '/office/orang?/invite', {
		email,
		kind: 'owner',
		villageCode: BHAYANGKARA
	});
	const token = JSON.stringify(invited.data).match(/\/undangan\/([A-Za-z0-9_-]+)/)?.[1];
	expect(token, JSON.stringify(invited)).toBeTruthy();
	const disabled = await context();
	// The invitation page asks for a new password, filed under the invited address.
	const page = await (await disabled.get(`/undangan/${token}`)).text();
	expect(page).toContain(`name="username" autocomplete="username" value="${email}"`);
	expect(page).toMatch(/<input[^>]*id="password"[^>]*autocomplete="new-password"/);
	const accepted = await disabled.post(`/undangan/${token}`, {
		form: { name: 'Akun nonaktif', password: 'kebun nanas hujan deras' },
		maxRedirects: 0
	});
	expect(accepted.status()).toBe(303);
	expect((await disabled.get(`/host/${BHAYANGKARA}/hari-ini`, { maxRedirects: 0 })).status()).toBe(
		200
	);
	const listed = (await pageData(office, '/office/orang')) as {
		people: { id: number; email: string }[];
	};
	const userId = listed.people.find((person) => person.email === email)?.id;
	expect(userId).toBeDefined();
	const disabling = await runAction(office, '/office/orang?/disable', { userId: String(userId) });
	expect(disabling.type).toBe('success');

	await expectAllRefused(disabled, 'the disabled account', ['village', 'signed-in'], toLogin);
	expect((await disabled.get(`/host/${BHAYANGKARA}/hari-ini`, { maxRedirects: 0 })).status()).toBe(
		303
	);
	await disabled.dispose();
});

// ---- Every route file on disk has an entry -------------------------------------------------

function walk(dir: string): string[] {
	let files: string[] = [];
	for (const name of readdirSync(dir)) {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) files = files.concat(walk(full));
		else files.push(full);
	}
	return files;
}

/** 'src/routes/host/[village]/hari-ini/+page.server.ts' → '/host/[village]/hari-ini'. */
function routeOf(file: string): string {
	const dir = path.dirname(path.relative(path.resolve('src/routes'), file)).split(path.sep);
	return '/' + dir.filter((segment) => !/^\(.*\)$/.test(segment)).join('/');
}

/** Parameter names do not matter: '/x/{requestCode}' covers 'src/routes/x/[code]'. */
function entryRoute(route: ProtectedRoute): string {
	return route.path.split('?')[0].replace(/\{\w+\}/g, '[]');
}

function fileRoute(file: string): string {
	return routeOf(file).replace(/\[[^\]]+\]/g, '[]');
}

/** The named form actions of a +page.server.ts: the keys of its `actions` object. */
function actionsOf(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const end = source.indexOf('\n};', start);
	const block = source.slice(start, end < 0 ? undefined : end);
	return [...block.matchAll(/^\t(?:async\s+)?([A-Za-z_$][\w$]*)\s*(?::|\(|,|$)/gm)].map(
		(match) => match[1]
	);
}

function methodsOf(source: string): string[] {
	return [
		...source.matchAll(
			/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g
		)
	].map((match) => match[1]);
}

test('every host and office route file on disk has an entry in the tables', async () => {
	const files = ['src/routes/host', 'src/routes/office']
		.map((dir) => path.resolve(dir))
		.flatMap((dir) => {
			try {
				return walk(dir);
			} catch {
				return [];
			}
		})
		.filter((file) => /[/\\]\+(page\.server|server)\.ts$/.test(file));
	expect(files.length).toBeGreaterThan(0);
	const known = routes.map((route) => ({ ...route, route: entryRoute(route) }));
	const missing: string[] = [];
	for (const file of files) {
		const route = fileRoute(file);
		const source = readFileSync(file, 'utf8');
		const needed = file.endsWith('+server.ts')
			? methodsOf(source).map((method) => ({ method, action: undefined as string | undefined }))
			: [
					{ method: 'GET', action: undefined as string | undefined },
					...actionsOf(source).map((name) => ({
						method: 'POST',
						action: name === 'default' ? undefined : `?/${name}`
					}))
				];
		for (const need of needed) {
			const covered = known.some(
				(entry) =>
					entry.route === route && entry.method === need.method && entry.action === need.action
			);
			if (!covered) missing.push(`${need.method} ${routeOf(file)}${need.action ?? ''}`);
		}
	}
	expect(missing, 'routes with no entry in tests/e2e/protected-routes/').toEqual([]);
});
