// The contract of /api/v1 against the built server: the document lists exactly the routes on
// disk, every answer (errors included) is one it documents, an unknown path answers JSON, the
// bearer scheme is read in any case, and a body over either limit is a 413.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContract, type Contract } from './openapi';

const PACKAGE = 'petik-nanas-talang-bulang';

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
