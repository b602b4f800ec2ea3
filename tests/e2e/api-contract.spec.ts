// The contract of /api/v1 against the built server: the document lists exactly the routes on
// disk, every answer (errors included) is one it documents, an unknown path answers JSON, the
// bearer scheme is read in any case, and a body over either limit is a 413.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadContract, type Contract } from './openapi';

let contract: Contract;

test.beforeAll(async ({ request }) => {
	contract = await loadContract(request);
});

function jakartaDate(offsetDays: number): string {
	return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
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
