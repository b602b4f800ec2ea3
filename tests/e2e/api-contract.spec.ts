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
