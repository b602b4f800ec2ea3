import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { handleResponseHeaders } from './response-headers';

function eventFor(
	path: string,
	headers: Record<string, string> = {},
	routeId: string | null = null
) {
	const url = new URL(path, 'http://localhost');
	return {
		url,
		request: new Request(url, { headers }),
		isDataRequest: url.pathname.endsWith('/__data.json'),
		route: { id: routeId }
	} as unknown as RequestEvent;
}

async function answer(event: RequestEvent, resolve: () => Response | Promise<Response>) {
	return handleResponseHeaders({ event, resolve: async () => resolve() });
}

function expectHardening(response: Response) {
	expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
	expect(response.headers.get('permissions-policy')).toContain('geolocation=()');
}

describe('handleResponseHeaders', () => {
	it('answers a redirect thrown by a later handle, with the headers, in each client shape', async () => {
		const thrown = () => redirect(303, '/login?next=%2Fhost');
		const page = await answer(eventFor('/host'), thrown);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/login?next=%2Fhost');
		expectHardening(page);
		expect(page.headers.get('cache-control')).toBe('private, no-store');

		const data = await answer(eventFor('/host/__data.json'), thrown);
		expect(await data.json()).toEqual({ type: 'redirect', location: '/login?next=%2Fhost' });
		expectHardening(data);

		const action = await answer(
			eventFor('/desa/talang-bulang', { accept: 'application/json' }),
			thrown
		);
		expectHardening(action);
	});

	it('answers an error thrown by a later handle with the headers, never bare', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const page = await answer(eventFor('/en/desa/talang-bulang'), () => {
				throw new Error('a handle failed');
			});
			expect(page.status).toBe(500);
			expect(page.headers.get('content-type')).toContain('text/html');
			expect(await page.text()).toContain('lang="en"');
			expectHardening(page);
			expect(log).toHaveBeenCalled();

			const api = await answer(eventFor('/api/v1/packages', {}, '/api/v1/packages'), () =>
				error(404, 'Not found')
			);
			expect(api.status).toBe(404);
			expect(await api.json()).toEqual({ message: 'Not found' });
			expectHardening(api);
		} finally {
			log.mockRestore();
		}
	});

	it('makes the 304 of an ETag revalidation itself, so that it carries the headers', async () => {
		const page = () =>
			new Response('<!doctype html>', {
				headers: { etag: '"abc"', 'content-type': 'text/html', vary: 'accept-encoding' }
			});
		const revalidated = await answer(eventFor('/', { 'if-none-match': 'W/"abc"' }), page);
		expect(revalidated.status).toBe(304);
		expect(revalidated.headers.get('etag')).toBe('"abc"');
		expect(revalidated.headers.get('vary')).toBe('accept-encoding');
		expect(await revalidated.text()).toBe('');
		expectHardening(revalidated);

		const changed = await answer(eventFor('/', { 'if-none-match': '"old"' }), page);
		expect(changed.status).toBe(200);
		expectHardening(changed);
		expect(changed.headers.get('cache-control')).toBeNull();
	});

	it('keeps host and office answers out of every cache, in both languages', async () => {
		for (const path of [
			'/host',
			'/host/16.12.01.2001/hari-ini',
			'/host/16.12.01.2001/hari-ini/__data.json',
			'/en/office/statistik/unduh',
			'/office'
		]) {
			const response = await answer(
				eventFor(path),
				() => new Response('', { headers: { 'cache-control': 'public, max-age=60' } })
			);
			expect(response.headers.get('cache-control'), path).toBe('private, no-store');
		}
		const hostel = await answer(eventFor('/hostel'), () => new Response(''));
		expect(hostel.headers.get('cache-control')).toBeNull();
	});
});
