// The contract of /api/v1 against the built server: the document lists exactly the routes on
// disk, every answer (errors included) is one it documents, an unknown path answers JSON, the
// bearer scheme is read in any case, and a body over either limit is a 413.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { baseURL } from '../../playwright.config';
import { loadContract, type Contract } from './openapi';

const PACKAGE = 'petik-nanas-talang-bulang';
const FOREIGN = 'https://evil.example';
const API_BODY_LIMIT = 64 * 1024;

let contract: Contract;

test.beforeAll(async ({ request }) => {
	contract = await loadContract(request);
});

function jakartaDate(offsetDays: number): string {
	return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function bookingBody(slotId: number) {
	return {
		slotId,
		party: [{ category: 'dewasa', quantity: 1 }],
		contact: { name: 'Kontrak API', phone: '+6281299990001', email: null },
		origin: { country: 'ID', province: '16' },
		language: 'id'
	};
}

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? walk(full) : [full];
	});
}

test('the document lists every route and method under /api/v1, and nothing else', async () => {
	const root = path.resolve('src/routes/api/v1');
	const onDisk = walk(root)
		.filter((file) => file.endsWith('+server.ts'))
		.flatMap((file) => {
			const route = path
				.dirname(path.relative(root, file))
				.split(path.sep)
				.map((segment) => segment.replace(/^\[(\w+)\]$/, '{$1}'))
				.join('/');
			const source = readFileSync(file, 'utf8');
			return [
				...source.matchAll(
					/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g
				)
			].map((match) => `${match[1]} /${route}`);
		})
		.sort();
	const documented = Object.entries(contract.document.paths)
		.flatMap(([route, item]) =>
			Object.keys(item).map((method) => `${method.toUpperCase()} ${route}`)
		)
		.sort();
	expect(onDisk).toContain('GET /statistics/monthly');
	expect(documented).toEqual(onDisk);
});

test('the monthly statistics answer as documented', async ({ request }) => {
	const to = jakartaDate(0).slice(0, 7);
	const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
	const months = await contract.conforms(
		'/statistics/monthly',
		'get',
		await request.get(`/api/v1/statistics/monthly?from=${from}&to=${to}`)
	);
	expect(months).toMatchObject({ from, to });
	const backwards = await contract.conforms(
		'/statistics/monthly',
		'get',
		await request.get(`/api/v1/statistics/monthly?from=${to}&to=${from}`)
	);
	expect(backwards).toMatchObject({ error: 'invalid', fields: { from: expect.any(String) } });
});

test('an unknown API path answers a JSON 404 whatever the method, never a page', async ({
	request
}) => {
	const paths = [
		'/api/v1/tidak-ada',
		'/api/v1/bookings/TB-7KX4Q2/ubah',
		'/api/v2/villages',
		'/api/'
	];
	for (const pathname of paths) {
		for (const method of ['GET', 'POST', 'DELETE']) {
			const response = await request.fetch(pathname, {
				method,
				headers: { accept: 'text/html', 'content-type': 'application/json' },
				data: method === 'GET' ? undefined : '{}'
			});
			expect(response.status(), `${method} ${pathname}`).toBe(404);
			expect(await response.text()).not.toContain('%lang%');
			expect(await contract.conformsTo('NotFound', response)).toMatchObject({ error: 'not_found' });
		}
	}
});

test('a method the path does not take answers a JSON 405 naming the ones it does', async ({
	request
}) => {
	const response = await request.get('/api/v1/bookings');
	expect(response.status()).toBe(405);
	expect(response.headers()['allow']).toBe('POST');
	expect(await contract.conformsTo('Error', response)).toMatchObject({
		error: 'method_not_allowed'
	});
});

test('HTML error pages name their language', async ({ request }) => {
	for (const [pathname, lang] of [
		['/desa/tidak-ada', 'id'],
		['/en/desa/tidak-ada', 'en']
	]) {
		const response = await request.get(pathname);
		expect(response.status()).toBe(404);
		const html = await response.text();
		expect(html).not.toContain('%lang%');
		expect(html).toContain(`<html lang="${lang}">`);
	}
});

test('the manage secret is read whatever the case of the Bearer scheme', async ({ request }) => {
	const { slots } = await (
		await request.get(
			`/api/v1/packages/${PACKAGE}/availability?from=${jakartaDate(70)}&to=${jakartaDate(90)}`
		)
	).json();
	const slot = slots.findLast((s: { status: string; seatsLeft: number }) => s.status === 'open');
	expect(slot, 'an open slot 70 to 90 days away').toBeTruthy();
	const booked = await contract.conforms(
		'/bookings',
		'post',
		await request.post('/api/v1/bookings', { data: bookingBody(slot.id) })
	);
	const secret = new URL(booked.manageUrl).pathname.split('/').pop();

	for (const scheme of ['bearer', 'BEARER', 'Bearer', 'bEaReR']) {
		const read = await request.get(`/api/v1/bookings/${booked.code}`, {
			headers: { authorization: `${scheme} ${secret}` }
		});
		expect(read.status(), scheme).toBe(200);
		expect(await contract.conforms('/bookings/{code}', 'get', read)).toMatchObject({
			code: booked.code
		});
	}
	const cancelled = await request.post(`/api/v1/bookings/${booked.code}/cancel`, {
		headers: { authorization: `bearer ${secret}` }
	});
	expect(cancelled.status()).toBe(200);
	expect(await contract.conforms('/bookings/{code}/cancel', 'post', cancelled)).toMatchObject({
		status: 'cancelled_by_tourist'
	});
});

test('a JSON body over the API limit answers 413, with or without a Content-Length', async ({
	request
}) => {
	const oversized = JSON.stringify({ ...bookingBody(1), note: 'x'.repeat(API_BODY_LIMIT) });
	const announced = await request.post('/api/v1/bookings', {
		data: oversized,
		headers: { 'content-type': 'application/json' }
	});
	expect(announced.status()).toBe(413);
	expect(await contract.conforms('/bookings', 'post', announced)).toMatchObject({
		error: 'payload_too_large'
	});

	// A chunked upload says nothing of its length up front.
	const encoded = new TextEncoder().encode(oversized);
	const chunked = await fetch(`${baseURL}/api/v1/bookings`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: new ReadableStream({
			start(controller) {
				for (let at = 0; at < encoded.length; at += 8192) {
					controller.enqueue(encoded.subarray(at, at + 8192));
				}
				controller.close();
			}
		}),
		duplex: 'half'
	} as RequestInit);
	expect(chunked.status).toBe(413);
	expect(await contract.conforms('/bookings', 'post', chunked)).toMatchObject({
		error: 'payload_too_large'
	});
});

test('cross-site writes answer the documented 403, JSON even when posted as a form', async ({
	request
}) => {
	const json = await request.post('/api/v1/bookings', {
		data: bookingBody(1),
		headers: { origin: FOREIGN }
	});
	expect(json.status()).toBe(403);
	expect((await contract.conforms('/bookings', 'post', json)).error).toBe('cross_origin');

	const form = await request.post('/api/v1/bookings/TB-7KX4Q2/cancel', {
		form: { anything: '1' },
		headers: { origin: FOREIGN, accept: 'text/html' }
	});
	expect(form.status()).toBe(403);
	expect((await contract.conforms('/bookings/{code}/cancel', 'post', form)).error).toBe(
		'cross_origin'
	);
});

// A second instance of the same build with a small body limit and write budget, behind a
// proxy's address header, so the shared test server's budget is left alone.
test.describe('an instance with small limits', () => {
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
			DATA_DIR: mkdtempSync(path.join(tmpdir(), 'agrowisata-api-limits-')),
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			BODY_SIZE_LIMIT: '2K',
			RATE_LIMIT_WRITES_PER_MINUTE: '2',
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
		throw new Error('the instance with small limits did not start');
	});

	test.afterAll(() => {
		server?.kill('SIGKILL');
	});

	const write = (address: string, body: string) =>
		fetch(`${url}/api/v1/bookings`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
			body
		});

	test('a body over the server-wide BODY_SIZE_LIMIT answers 413, not 400', async () => {
		const body = JSON.stringify({ ...bookingBody(1), note: 'x'.repeat(4096) });
		expect(body.length).toBeLessThan(API_BODY_LIMIT);
		const refused = await write('203.0.113.20', body);
		expect(refused.status).toBe(413);
		expect(await contract.conforms('/bookings', 'post', refused)).toMatchObject({
			error: 'payload_too_large'
		});
	});

	test('the write over the budget answers the documented 429 with Retry-After', async () => {
		for (let i = 0; i < 2; i++) expect((await write('203.0.113.21', '{}')).status).toBe(422);
		const limited = await write('203.0.113.21', '{}');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		const body = await contract.conforms('/bookings', 'post', limited);
		expect(body.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));

		const api = await playwrightRequest.newContext({
			baseURL: url,
			extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.21' }
		});
		const cancel = await api.post('/api/v1/bookings/TB-7KX4Q2/cancel');
		expect(cancel.status()).toBe(429);
		await contract.conforms('/bookings/{code}/cancel', 'post', cancel);
		await api.dispose();
	});
});
