// Holes an outside test found in signing in and in the answers' headers, each closed: `next`
// after signing in never leads off the site, the session cookie is Secure under an https
// ORIGIN, a NUL in a cookie or a code is answered like any bad input, and every answer the app
// makes (redirects, 304s, errors) carries the hardening headers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext,
	type APIResponse
} from '@playwright/test';
import { baseURL } from '../../playwright.config';

const PASSWORD = 'agrowisata-demo';
const HOST = 'talangbulang@agrowisata.test';
const OFFICE = 'dinas@agrowisata.test';
const VILLAGE = '16.12.01.2001';
const INVALID = 'Isian ini tidak valid.';
/** A session cookie of the right shape whose id holds a NUL. */
const NUL_SESSION = `%00.${'A'.repeat(43)}`;

function expectHardening(response: APIResponse, what: string) {
	const headers = response.headers();
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
	expect(headers['strict-transport-security'], what).toMatch(/max-age=\d{7,}/);
	expect(headers['permissions-policy'], what).toContain('geolocation=()');
}

/** A context of its own, signed in through the form, so that its cookie is its alone. */
async function signedIn(email: string): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({ baseURL });
	const response = await context.post('/login', {
		form: { email, password: PASSWORD },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `sign-in of ${email}`).toBe(303);
	return context;
}

test.describe('a NUL where the app expects text', () => {
	test('a session cookie holding one is no session: every route answers as usual, hardened', async () => {
		const anonymous = await playwrightRequest.newContext({ baseURL });
		try {
			for (const cookie of [NUL_SESSION, '%00', `abc%00def.${'A'.repeat(43)}`]) {
				const headers = { cookie: `session=${cookie}` };
				const home = await anonymous.get('/', { headers });
				expect(home.status(), `home with ${cookie}`).toBe(200);
				expectHardening(home, `home with ${cookie}`);
				const host = await anonymous.get('/host', { headers, maxRedirects: 0 });
				expect(host.status(), `host with ${cookie}`).toBe(303);
				expect(host.headers()['location']).toMatch(/^\/login\?next=/);
				expectHardening(host, `host with ${cookie}`);
				const api = await anonymous.get('/api/v1/packages', { headers });
				expect(api.status(), `API with ${cookie}`).toBe(200);
				expectHardening(api, `API with ${cookie}`);
			}
		} finally {
			await anonymous.dispose();
		}
	});

	test('a check-in or undo code, or an invitation village code, gets the field message', async () => {
		const host = await signedIn(HOST);
		const office = await signedIn(OFFICE);
		try {
			const post = (context: APIRequestContext, action: string, form: Record<string, string>) =>
				context.post(action, {
					form,
					headers: { origin: baseURL, accept: 'text/html' },
					maxRedirects: 0
				});
			const checkIn = await post(host, `/host/${VILLAGE}/check-in?/checkIn`, {
				code: 'TB-\u0000K7Q2X9',
				'line.1': '1'
			});
			expect(checkIn.status()).toBe(422);
			expect(await checkIn.text()).toContain(INVALID);

			const undo = await post(host, `/host/${VILLAGE}/hari-ini?/undoNoShow`, {
				code: '\u0000'
			});
			expect(undo.status()).toBe(422);
			expect(await undo.text()).toContain(INVALID);

			const invite = await post(office, '/office/orang?/invite', {
				email: 'pengelola-baru@desa.example',
				kind: 'owner',
				villageCode: `${VILLAGE}\u0000`
			});
			expect(invite.status()).toBe(400);
			expect(await invite.text()).toContain(INVALID);
			const people = await office.get('/office/orang');
			expect(await people.text()).not.toContain('pengelola-baru@desa.example');
		} finally {
			await Promise.all([host.dispose(), office.dispose()]);
		}
	});
});

test.describe('headers on every answer the app makes', () => {
	test('a redirect, a 304, a 404 page, an API 404 and a malformed address carry them', async () => {
		const anonymous = await playwrightRequest.newContext({ baseURL });
		try {
			const redirect = await anonymous.get('/host', { maxRedirects: 0 });
			expect(redirect.status()).toBe(303);
			expectHardening(redirect, 'redirect to sign in');
			expect(redirect.headers()['cache-control']).toBe('private, no-store');

			// The public page as kept by the page cache, revalidated by its ETag.
			const page = await anonymous.get('/desa/talang-bulang');
			const etag = page.headers()['etag'];
			expect(etag).toBeTruthy();
			const revalidated = await anonymous.get('/desa/talang-bulang', {
				headers: { 'if-none-match': etag }
			});
			expect(revalidated.status()).toBe(304);
			expect(revalidated.headers()['etag']).toBe(etag);
			expectHardening(revalidated, '304');
			const weak = await anonymous.get('/desa/talang-bulang', {
				headers: { 'if-none-match': `W/${etag}` }
			});
			expect(weak.status()).toBe(304);
			expectHardening(weak, 'weak 304');

			const missing = await anonymous.get('/desa/tidak-ada');
			expect(missing.status()).toBe(404);
			expectHardening(missing, '404 page');
			const missingApi = await anonymous.get('/api/v1/tidak-ada');
			expect(missingApi.status()).toBe(404);
			expectHardening(missingApi, 'API 404');
			const malformed = await anonymous.get('/desa/%E0%A4%A');
			expect(malformed.status()).toBe(400);
			expectHardening(malformed, 'malformed address');
		} finally {
			await anonymous.dispose();
		}
	});

	test('host and office pages, their data and CSV downloads are never kept by a cache', async () => {
		const host = await signedIn(HOST);
		const office = await signedIn(OFFICE);
		try {
			const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
			for (const [context, url] of [
				[host, `/host/${VILLAGE}/hari-ini`],
				[host, `/en/host/${VILLAGE}/hari-ini`],
				[host, `/host/${VILLAGE}/hari-ini/__data.json`],
				[host, `/host/${VILLAGE}/statistik/unduh?tabel=bulanan&bulan=${month}`],
				[office, '/office/orang'],
				[office, '/office/orang/__data.json'],
				[office, `/office/statistik/unduh?tabel=bulanan&bulan=${month}`]
			] as const) {
				const response = await context.get(url, { maxRedirects: 0 });
				expect(response.status(), url).toBe(200);
				expect(response.headers()['cache-control'], url).toBe('private, no-store');
				expectHardening(response, url);
			}
		} finally {
			await Promise.all([host.dispose(), office.dispose()]);
		}
	});
});

// The README's production command: `ORIGIN=https://… node build`, NODE_ENV unset. A second
// instance of the build with its own embedded database, behind a "proxy" that names each
// client's address, so that its sign-ins leave the shared server's address budget alone.
test.describe('under an https ORIGIN', () => {
	const origin = 'https://agrowisata.example';
	let server: ChildProcess | undefined;
	let url = '';
	let clients = 0;

	test.beforeAll(async () => {
		test.setTimeout(180_000);
		const port = await new Promise<number>((resolve) => {
			const probe = createServer().listen(0, '127.0.0.1', () => {
				const { port } = probe.address() as { port: number };
				probe.close(() => resolve(port));
			});
		});
		url = `http://127.0.0.1:${port}`;
		const env: Record<string, string | undefined> = {
			...process.env,
			NODE_ENV: undefined,
			DATABASE_URL: undefined,
			DATA_DIR: mkdtempSync(path.join(tmpdir(), 'agrowisata-https-')),
			SMTP_URL: undefined,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		};
		server = spawn(process.execPath, [process.env.BUILD_DIR || 'build-e2e'], {
			env,
			stdio: 'ignore'
		});
		for (let waited = 0; waited < 170_000; waited += 500) {
			const up = await fetch(`${url}/api/v1/villages`).then(
				(response) => response.ok,
				() => false
			);
			if (up) return;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error('the https-ORIGIN instance did not start');
	});

	test.afterAll(() => {
		server?.kill('SIGKILL');
	});

	/** Signs in from an address of its own; returns the answer and the session cookie. */
	async function signIn(email: string, next?: string) {
		clients += 1;
		const query = next === undefined ? '' : `?next=${next}`;
		const response = await fetch(`${url}/login${query}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				'x-forwarded-for': `198.51.100.${clients}`
			},
			body: new URLSearchParams({ email, password: PASSWORD })
		});
		const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
		return { response, setCookie, session: setCookie?.split(';', 1)[0] ?? '' };
	}

	/** Where a Location leads, read as a browser on the site would read it. */
	function expectOnSite(location: string | null, what: string) {
		expect(location, what).toBeTruthy();
		expect(new URL(location!, origin).origin, `${what} → ${location}`).toBe(origin);
		expect(location!, what).not.toMatch(/^[/\\]{2}|^\/\\/);
		expect(location!, what).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
	}

	test('the session cookie is Secure, HttpOnly and SameSite=Lax', async () => {
		const { response, setCookie } = await signIn(OFFICE);
		expect(response.status).toBe(303);
		expect(setCookie).toBeDefined();
		const attributes = setCookie!.split(';').map((part) => part.trim().toLowerCase());
		expect(attributes).toContain('secure');
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=lax');
	});

	// Every form the outside test used, then backslashes and encodings. Sent encoded (the
	// value `next` holds is the variant itself) and, for those of the report, as typed.
	const variants = [
		'/..//evil.example/phish',
		'/%2e%2e//evil.example/phish',
		'/%2E%2E//evil.example/phish',
		'/.//evil.example/phish',
		'/%2e//evil.example/phish',
		'/a/..//evil.example/phish',
		'/a/%2e%2e//evil.example/phish',
		'/a/b/../..//evil.example/phish',
		'//evil.example/phish',
		'/\\evil.example/phish',
		'/..\\evil.example/phish',
		'/.\\/evil.example/phish',
		'\\\\evil.example/phish',
		'/%5c%5cevil.example/phish',
		'/%2f%2fevil.example/phish',
		'https://evil.example/phish',
		'javascript:alert(1)'
	];
	const asTyped = [
		'/..//evil.example/phish',
		'/%2e%2e//evil.example/phish',
		'/.//evil.example/phish',
		'/a/..//evil.example/phish'
	];
	const queries = [...variants.map(encodeURIComponent), ...asTyped];

	test('next never leads off the site after signing in', async () => {
		for (const next of queries) {
			const { response } = await signIn(HOST, next);
			expect(response.status, next).toBe(303);
			expectOnSite(response.headers.get('location'), `after sign-in, next=${next}`);
		}
		// A path of the site is kept.
		const kept = await signIn(HOST, encodeURIComponent(`/host/${VILLAGE}/hari-ini?tanggal=x`));
		expect(kept.response.headers.get('location')).toBe(`/host/${VILLAGE}/hari-ini?tanggal=x`);
	});

	test('next never leads off the site when already signed in', async () => {
		const { session } = await signIn(HOST);
		expect(session).toMatch(/^session=/);
		for (const next of queries) {
			const response = await fetch(`${url}/login?next=${next}`, {
				redirect: 'manual',
				headers: { cookie: session }
			});
			expect(response.status, next).toBe(303);
			expectOnSite(response.headers.get('location'), `signed in, next=${next}`);
		}
		// A control character (a browser drops a tab) makes the address name nothing here.
		const tab = await fetch(`${url}/login?next=${encodeURIComponent('/\t/evil.example')}`, {
			redirect: 'manual',
			headers: { cookie: session }
		});
		expect(tab.status).toBe(404);
		expect(tab.headers.get('location')).toBeNull();
		const kept = await fetch(`${url}/login?next=${encodeURIComponent('/host')}`, {
			redirect: 'manual',
			headers: { cookie: session }
		});
		expect(kept.headers.get('location')).toBe('/host');
	});
});
