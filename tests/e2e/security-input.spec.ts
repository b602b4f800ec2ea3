// Input an outside test found holes with, against the built server: impossible dates answer at
// the field (never a 500) and write nothing, the public forms share the API's write budget per
// address, and check-in tells a host nothing about other villages' booking codes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext
} from '@playwright/test';
import { unflatten } from 'devalue';
import { baseURL } from '../../playwright.config';

const TALANG_BULANG = '16.12.01.2001';
const PACKAGE = 'petik-nanas-talang-bulang';
const OTHER_PACKAGE = 'petik-lengkeng-pasar-bhayangkara';
const PASSWORD = 'agrowisata-demo';

function jakartaDate(offsetDays = 0): string {
	return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A same-site client that gets form answers as a browser without JavaScript does. */
async function browserless(url = baseURL, headers: Record<string, string> = {}) {
	return playwrightRequest.newContext({
		baseURL: url,
		extraHTTPHeaders: { origin: url, accept: 'text/html', ...headers }
	});
}

async function signIn(email: string): Promise<APIRequestContext> {
	const ctx = await browserless();
	const response = await ctx.post('/login', {
		form: { email, password: PASSWORD },
		maxRedirects: 0
	});
	expect(response.status(), `signing in as ${email}`).toBe(303);
	return ctx;
}

/** The data a page's load returned, read through SvelteKit's __data.json. */
async function pageData<T>(ctx: APIRequestContext, pathname: string, query = ''): Promise<T> {
	const response = await ctx.get(`${pathname}/__data.json${query}`);
	expect(response.status(), `reading ${pathname}`).toBe(200);
	const body = (await response.json()) as { nodes: ({ type: string; data?: unknown[] } | null)[] };
	const nodes = body.nodes.filter((node) => node?.type === 'data' && node.data);
	return unflatten(nodes.at(-1)?.data as unknown[]) as T;
}

/** An open slot of a package with room for `seats`, read from the API (reads are not limited). */
async function openSlot(
	ctx: APIRequestContext,
	slug: string,
	seats: number
): Promise<{ id: number; seatsLeft: number }> {
	const response = await ctx.get(
		`/api/v1/packages/${slug}/availability?from=${jakartaDate(2)}&to=${jakartaDate(90)}`
	);
	const { slots } = (await response.json()) as {
		slots: { id: number; seatsLeft: number; status: string }[];
	};
	const slot = slots.find((each) => each.status === 'open' && each.seatsLeft >= seats);
	// Ninety days reach past the pineapple's two lean months.
	expect(slot, `an open slot of ${slug} in the next three months`).toBeDefined();
	return slot!;
}

async function seatsLeft(ctx: APIRequestContext, slug: string, slotId: number) {
	const response = await ctx.get(
		`/api/v1/packages/${slug}/availability?from=${jakartaDate(0)}&to=${jakartaDate(90)}`
	);
	const { slots } = (await response.json()) as { slots: { id: number; seatsLeft: number }[] };
	return slots.find((each) => each.id === slotId)!.seatsLeft;
}

function bookingForm(slotId: number): Record<string, string> {
	return {
		slot: String(slotId),
		'party.dewasa': '1',
		'contact.name': 'Uji Batas',
		'contact.phone': '0812-3456-7890',
		'origin.country': 'ID',
		'origin.province': '16',
		acceptPolicy: 'on',
		idempotencyKey: `input-${Date.now()}-${Math.random().toString(36).slice(2)}`
	};
}

type ShopPage = { products: { id: number; stock: number }[] };

test.describe('impossible dates', () => {
	test('a pickup on the 32nd of this month is refused at the field and takes nothing', async () => {
		const ctx = await browserless();
		const before = await pageData<ShopPage>(ctx, '/toko/talang-bulang');
		const product = before.products.find((each) => each.stock > 0);
		expect(product, 'a product on the shelf').toBeDefined();
		// Between today and the last pickup day as text: it would reach the database as a date.
		const pickupDate = `${jakartaDate().slice(0, 7)}-32`;
		const response = await ctx.post('/toko/talang-bulang?/order', {
			form: {
				[`product.${product!.id}`]: '1',
				pickupDate,
				'contact.name': 'Uji Tanggal',
				'contact.phone': '0812-3456-7890',
				'contact.email': '',
				idempotencyKey: `pickup-${Date.now()}-${Math.random().toString(36).slice(2)}`
			},
			maxRedirects: 0
		});
		expect(response.status()).toBe(422);
		expect(await response.text()).toContain('Tanggal ini tidak ada di kalender.');
		const after = await pageData<ShopPage>(ctx, '/toko/talang-bulang');
		expect(after.products.find((each) => each.id === product!.id)?.stock).toBe(product!.stock);
		await ctx.dispose();
	});

	test('a walk-in on 30 February is refused at the field and records nothing', async () => {
		const host = await signIn('talangbulang@agrowisata.test');
		const walkInPage = `/host/${TALANG_BULANG}/walk-in`;
		type WalkInPage = { walkIns: unknown[] };
		const before = await pageData<WalkInPage>(host, walkInPage);
		// The day after tomorrow: still in the future if the day turns during the test.
		for (const visitDate of ['2026-02-30', '0001-01-01', jakartaDate(2)]) {
			const response = await host.post(`${walkInPage}?/record`, {
				form: {
					visitDate,
					packageId: '',
					adults: '2',
					children: '0',
					infants: '0',
					originCountry: 'ID',
					originProvince: '16',
					note: ''
				},
				maxRedirects: 0
			});
			expect(response.status(), visitDate).toBe(422);
			expect(await response.text()).toMatch(
				/Tanggal ini tidak ada di kalender\.|Tanggal paling awal|tidak boleh di masa depan/
			);
		}
		// Counts that Number() would read as 100 and 16 are refused too.
		for (const adults of ['1e2', '0x10']) {
			const response = await host.post(`${walkInPage}?/record`, {
				form: { visitDate: jakartaDate(), adults, originCountry: 'ID', originProvince: '16' },
				maxRedirects: 0
			});
			expect(response.status(), adults).toBe(422);
			expect(await response.text()).toContain('Masukkan bilangan bulat.');
		}
		expect((await pageData<WalkInPage>(host, walkInPage)).walkIns).toEqual(before.walkIns);
		await host.dispose();
	});

	test("the host's bookings list from 30 February shows every date, with a notice", async () => {
		const host = await signIn('talangbulang@agrowisata.test');
		const list = `/host/${TALANG_BULANG}/pemesanan`;
		const response = await host.get(`${list}?from=2026-02-30`);
		expect(response.status()).toBe(200);
		const html = await response.text();
		expect(html).toContain('Filter yang tidak bisa dibaca tidak dipakai');
		expect(html).toContain('Tanggal ini tidak ada di kalender.');
		type ListPage = { filters: { from?: string }; bookings: { code: string }[] };
		const ignored = await pageData<ListPage>(host, list, '?from=2026-02-30');
		const unfiltered = await pageData<ListPage>(host, list);
		expect(ignored.filters.from).toBeUndefined();
		expect(ignored.bookings).toEqual(unfiltered.bookings);
		await host.dispose();
	});
});

test.describe('check-in', () => {
	test("another village's booking code is answered as a code that does not exist", async () => {
		const ctx = await browserless();
		const slot = await openSlot(ctx, OTHER_PACKAGE, 1);
		const booked = await ctx.post('/api/v1/bookings', {
			data: {
				slotId: slot.id,
				party: [{ category: 'pengunjung', quantity: 1 }],
				contact: { name: 'Tamu Bhayangkara', phone: '0812-3456-7890', email: null },
				origin: { country: 'ID', province: '16' },
				language: 'id'
			},
			headers: { accept: 'application/json' }
		});
		expect(booked.status()).toBe(201);
		const { code } = (await booked.json()) as { code: string };
		const missing = `${code.slice(0, 3)}${code.endsWith('ZZZZZZ') ? 'YYYYYY' : 'ZZZZZZ'}`;

		const host = await signIn('talangbulang@agrowisata.test');
		const checkIn = `/host/${TALANG_BULANG}/check-in`;
		const look = async (typed: string) => {
			const response = await host.get(`${checkIn}?kode=${typed}`);
			// The typed code is echoed in the form; everything else must be the same.
			return { status: response.status(), html: (await response.text()).replaceAll(typed, '…') };
		};
		const other = await look(code);
		const none = await look(missing);
		expect(other.status).toBe(200);
		expect(other).toEqual(none);
		expect(other.html).toContain('Kode pemesanan tidak ditemukan.');

		const post = async (typed: string) => {
			const response = await host.post(`${checkIn}?/checkIn`, {
				form: { code: typed, 'line.1': '1' },
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			const body = (await response.json()) as { type: string; status: number; data: string };
			const data = unflatten(JSON.parse(body.data)) as Record<string, unknown>;
			return { type: body.type, status: body.status, data: { ...data, code: '…' } };
		};
		const recordOther = await post(code);
		expect(recordOther).toEqual(await post(missing));
		expect(recordOther).toMatchObject({
			type: 'failure',
			status: 422,
			data: { message: 'Kode pemesanan tidak ditemukan. Periksa lagi hurufnya.' }
		});
		await host.dispose();
		await ctx.dispose();
	});
});

// A second instance of the same build with a budget of three writes a minute, reading the
// client's address from a proxy header, so the shared test server's budget is left alone.
test.describe('one write budget for the API and the public forms', () => {
	const LIMIT = 3;
	let server: ChildProcess | undefined;
	let url = '';

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		const port = await new Promise<number>((resolve) => {
			const probe = createServer().listen(0, '127.0.0.1', () => {
				const { port } = probe.address() as { port: number };
				probe.close(() => resolve(port));
			});
		});
		url = `http://127.0.0.1:${port}`;
		const env: Record<string, string | undefined> = {
			...process.env,
			DATABASE_URL: undefined,
			DATA_DIR: mkdtempSync(path.join(tmpdir(), 'agrowisata-form-budget-')),
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			SMTP_URL: undefined,
			RATE_LIMIT_WRITES_PER_MINUTE: String(LIMIT),
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		};
		server = spawn(process.execPath, [process.env.BUILD_DIR || 'build-e2e'], {
			env,
			stdio: 'ignore'
		});
		for (let waited = 0; waited < 100_000; waited += 500) {
			const up = await fetch(`${url}/api/v1/villages`).then(
				(response) => response.ok,
				() => false
			);
			if (up) return;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error('the rate-limited instance did not start');
	});

	test.afterAll(() => {
		server?.kill('SIGKILL');
	});

	test('three bookings through the form pass; then the form, the shop and the API get 429', async () => {
		const address = '198.51.100.23';
		const visitor = await browserless(url, { 'x-forwarded-for': address });
		const slot = await openSlot(visitor, PACKAGE, LIMIT + 2);
		const before = await seatsLeft(visitor, PACKAGE, slot.id);
		const action = `/paket/${PACKAGE}/pesan?slot=${slot.id}&/book`;

		for (let i = 0; i < LIMIT; i++) {
			const booked = await visitor.post(action, { form: bookingForm(slot.id), maxRedirects: 0 });
			expect(booked.status(), `booking ${i + 1} of ${LIMIT}`).toBe(303);
		}
		const limited = await visitor.post(action, { form: bookingForm(slot.id), maxRedirects: 0 });
		expect(limited.status()).toBe(429);
		expect(Number(limited.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
		const html = await limited.text();
		expect(html).toMatch(/<html lang="id"/);
		expect(html).toContain('Terlalu banyak kiriman dari alamat Anda');

		// A form sent with use:enhance gets the same answer as an ActionResult the form shows.
		const enhanced = await visitor.post(action.replace('/book', '/quote'), {
			form: bookingForm(slot.id),
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		const result = (await enhanced.json()) as { type: string; status: number; data: string };
		expect(result).toMatchObject({ type: 'failure', status: 429 });
		expect(unflatten(JSON.parse(result.data))).toEqual({
			rateLimited: expect.stringContaining('Terlalu banyak kiriman')
		});

		// In English on the English page.
		const english = await visitor.post(`/en${action}`, {
			form: bookingForm(slot.id),
			maxRedirects: 0
		});
		expect(english.status()).toBe(429);
		expect(await english.text()).toContain('Too many submissions from your address');

		// The shop and the API draw on the same budget.
		const shop = await pageData<ShopPage>(visitor, '/toko/talang-bulang');
		const product = shop.products.find((each) => each.stock > 0)!;
		const order = await visitor.post('/toko/talang-bulang?/order', {
			form: {
				[`product.${product.id}`]: '1',
				pickupDate: jakartaDate(3),
				'contact.name': 'Uji Batas',
				'contact.phone': '0812-3456-7890'
			},
			maxRedirects: 0
		});
		expect(order.status()).toBe(429);
		const api = await visitor.post('/api/v1/bookings', {
			data: {
				slotId: slot.id,
				party: [{ category: 'dewasa', quantity: 1 }],
				contact: { name: 'Mitra Uji', phone: '0812-3456-7890', email: null },
				origin: { country: 'ID', province: '16' },
				language: 'id'
			},
			headers: { accept: 'application/json' }
		});
		expect(api.status()).toBe(429);

		expect(await seatsLeft(visitor, PACKAGE, slot.id)).toBe(before - LIMIT);
		const after = await pageData<ShopPage>(visitor, '/toko/talang-bulang');
		expect(after.products.find((each) => each.id === product.id)?.stock).toBe(product.stock);

		// Another address has a budget of its own.
		const neighbour = await browserless(url, { 'x-forwarded-for': '198.51.100.24' });
		const own = await neighbour.post(action, { form: bookingForm(slot.id), maxRedirects: 0 });
		expect(own.status()).toBe(303);
		await neighbour.dispose();
		await visitor.dispose();
	});
});
