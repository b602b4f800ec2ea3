import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { PageCache, createPageCacheHandle } from './page-cache';

function event(
	path: string,
	{ method = 'GET', routeId = '/paket/[slug]', cookie = '', dataRequest = false } = {}
): RequestEvent {
	const url = new URL(`http://localhost${path}`);
	const headers = new Headers(cookie ? { cookie } : {});
	return {
		request: new Request(url, { method, headers }),
		url,
		route: { id: routeId },
		isDataRequest: dataRequest
	} as unknown as RequestEvent;
}

/** A server that renders a page naming how many times it has rendered. */
function server(init: ResponseInit = {}) {
	let renders = 0;
	const resolve = async () => {
		renders += 1;
		return new Response(`render ${renders}`, {
			status: 200,
			headers: { 'content-type': 'text/html', etag: `"${renders}"` },
			...init
		});
	};
	return { resolve, renders: () => renders };
}

function setup(seconds = 5, maxEntries = 500) {
	let now = 1_000_000;
	const cache = new PageCache(seconds, maxEntries, () => now);
	const handle = createPageCacheHandle(cache);
	return {
		cache,
		advance: (ms: number) => (now += ms),
		get: async (path: string, options = {}, app = server()) => {
			const response = await handle({ event: event(path, options), resolve: app.resolve });
			return { state: response.headers.get('x-page-cache'), text: await response.text() };
		}
	};
}

describe('page cache', () => {
	it('keeps a page for the configured seconds, then renders it again', async () => {
		const { get, advance } = setup(5);
		const app = server();
		expect(await get('/paket/a', {}, app)).toEqual({ state: 'miss', text: 'render 1' });
		advance(4_999);
		expect(await get('/paket/a', {}, app)).toEqual({ state: 'hit', text: 'render 1' });
		advance(1);
		expect(await get('/paket/a', {}, app)).toEqual({ state: 'miss', text: 'render 2' });
		expect(app.renders()).toBe(2);
	});

	it('keeps each query string apart', async () => {
		const { get } = setup();
		const app = server();
		await get('/paket/a?bulan=2026-12', {}, app);
		expect((await get('/paket/a?bulan=2027-01', {}, app)).text).toBe('render 2');
		expect((await get('/paket/a?bulan=2026-12', {}, app)).text).toBe('render 1');
	});

	it('never keeps a page for a visitor with a cookie, another route or a data request', async () => {
		const { get } = setup();
		const app = server();
		await get('/paket/a', { cookie: 'session=abc' }, app);
		await get('/paket/a', { cookie: 'session=abc' }, app);
		await get('/host', { routeId: '/host' }, app);
		await get('/host', { routeId: '/host' }, app);
		await get('/paket/a/__data.json', { dataRequest: true }, app);
		await get('/paket/a/__data.json', { dataRequest: true }, app);
		expect(app.renders()).toBe(6);
	});

	it('never keeps an answer that sets a cookie, failed or is not HTML', async () => {
		const answers: ResponseInit[] = [
			{ headers: { 'content-type': 'text/html', 'set-cookie': 'a=b' } },
			{ status: 404, headers: { 'content-type': 'text/html' } },
			{ headers: { 'content-type': 'application/json' } },
			{ headers: { 'content-type': 'text/html', 'cache-control': 'private' } }
		];
		for (const init of answers) {
			const { get } = setup();
			const app = server(init);
			await get('/paket/a', {}, app);
			expect((await get('/paket/a', {}, app)).state).toBeNull();
			expect(app.renders()).toBe(2);
		}
	});

	it('is emptied by a write that succeeded, not by one that was refused', async () => {
		const { get } = setup();
		const app = server();
		await get('/paket/a', {}, app);
		await get('/paket/a', { method: 'POST' }, server({ status: 400 }));
		expect((await get('/paket/a', {}, app)).state).toBe('hit');
		await get('/api/v1/bookings', { method: 'POST', routeId: '/api/v1/bookings' }, server());
		expect(await get('/paket/a', {}, app)).toEqual({ state: 'miss', text: 'render 2' });
	});

	it('does not keep a page whose render began before a write', async () => {
		const cache = new PageCache(5);
		const handle = createPageCacheHandle(cache);
		let finishRender: () => void = () => {};
		const slow = () =>
			new Promise<Response>((resolve) => {
				finishRender = () =>
					resolve(new Response('before the write', { headers: { 'content-type': 'text/html' } }));
			});
		const pending = handle({ event: event('/paket/a'), resolve: slow });
		await handle({ event: event('/paket/a', { method: 'POST' }), resolve: server().resolve });
		finishRender();
		expect(await (await pending).text()).toBe('before the write');
		expect(cache.size).toBe(0);
	});

	it('lets requests that arrive during a render wait for it instead of rendering again', async () => {
		const handle = createPageCacheHandle(new PageCache(5));
		let renders = 0;
		let finish: (status: number) => void = () => {};
		const slow = () =>
			new Promise<Response>((resolve) => {
				renders += 1;
				const n = renders;
				finish = (status) =>
					resolve(
						new Response(`render ${n}`, { status, headers: { 'content-type': 'text/html' } })
					);
			});
		const crowd = Array.from({ length: 5 }, () =>
			handle({ event: event('/paket/a'), resolve: slow })
		);
		finish(200);
		const answers = await Promise.all(crowd);
		expect(renders).toBe(1);
		expect(await Promise.all(answers.map((answer) => answer.text()))).toEqual(
			Array(5).fill('render 1')
		);
		expect(answers.map((answer) => answer.headers.get('x-page-cache'))).toEqual([
			'miss',
			'hit',
			'hit',
			'hit',
			'hit'
		]);
	});

	it('lets the waiting requests render for themselves when the render is not kept', async () => {
		const handle = createPageCacheHandle(new PageCache(5));
		let renders = 0;
		const finishes: ((status: number) => void)[] = [];
		const slow = () =>
			new Promise<Response>((resolve) => {
				renders += 1;
				finishes.push((status) =>
					resolve(new Response('', { status, headers: { 'content-type': 'text/html' } }))
				);
			});
		const first = handle({ event: event('/paket/a'), resolve: slow });
		const second = handle({ event: event('/paket/a'), resolve: slow });
		finishes[0](503);
		expect((await first).status).toBe(503);
		await expect.poll(() => renders).toBe(2);
		finishes[1](200);
		expect((await second).status).toBe(200);
	});

	it('holds at most its number of pages, dropping the least recently stored', async () => {
		const { get, cache } = setup(5, 2);
		const app = server();
		await get('/paket/a', {}, app);
		await get('/paket/b', {}, app);
		await get('/paket/c', {}, app);
		expect(cache.size).toBe(2);
		expect((await get('/paket/a', {}, app)).state).toBe('miss');
		expect((await get('/paket/c', {}, app)).state).toBe('hit');
	});

	it('is off when its seconds are 0', async () => {
		const { get } = setup(0);
		const app = server();
		await get('/paket/a', {}, app);
		expect(await get('/paket/a', {}, app)).toEqual({ state: null, text: 'render 2' });
	});
});
