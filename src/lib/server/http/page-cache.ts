// The public catalogue pages (home, village, package) as a visitor who is not signed in sees
// them, kept for a few seconds. Those pages are most of the traffic and the same for every such
// visitor: rendering them once per few seconds instead of once per request is what lets one
// server take a crowd from a festival poster's QR code.
//
// What keeps it correct:
// - Only GET requests without cookies (anyone signed in, or holding any cookie, is rendered
//   afresh), and only complete 200 HTML answers that set no cookie.
// - The Content Security Policy uses hashes, not nonces (svelte.config.js), so a kept page is
//   exactly what a fresh render would send, header for header.
// - Any write that succeeds on this instance (a form action or API call answering below 400)
//   empties the cache, and a render that was under way during a write is not kept: on one
//   instance, seats left are never stale. Another instance sees that write when its own copy
//   expires, after at most PAGE_CACHE_SECONDS; the booking itself always counts seats in the
//   database, so a stale count can only make a full slot refuse politely.
import type { Handle } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { config } from '../config';

/** Route ids whose pages are the same for every visitor who is not signed in. */
const CACHED_ROUTES = new Set(['/', '/desa/[slug]', '/paket/[slug]']);
/** Query strings are the visitor's to choose: the oldest pages make room for new ones. */
const MAX_ENTRIES = 500;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Entry {
	body: ArrayBuffer;
	headers: Headers;
	storedAt: number;
}

export class PageCache {
	readonly #entries = new Map<string, Entry>();
	#generation = 0;

	constructor(
		readonly seconds: number,
		readonly maxEntries = MAX_ENTRIES,
		readonly clock: () => number = Date.now
	) {}

	get enabled(): boolean {
		return this.seconds > 0;
	}

	/** Changes whenever the cache is emptied: a render that saw another value is not kept. */
	get generation(): number {
		return this.#generation;
	}

	get size(): number {
		return this.#entries.size;
	}

	get(key: string): (Entry & { age: number }) | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		const age = this.clock() - entry.storedAt;
		if (age >= this.seconds * 1000) {
			this.#entries.delete(key);
			return undefined;
		}
		return { ...entry, age };
	}

	/** Keeps a page unless the cache was emptied since its render began. */
	set(key: string, body: ArrayBuffer, headers: Headers, generation: number): boolean {
		if (generation !== this.#generation) return false;
		this.#entries.delete(key);
		this.#entries.set(key, { body, headers, storedAt: this.clock() });
		if (this.#entries.size > this.maxEntries) {
			const oldest = this.#entries.keys().next().value;
			if (oldest !== undefined) this.#entries.delete(oldest);
		}
		return true;
	}

	clear(): void {
		this.#entries.clear();
		this.#generation += 1;
	}
}

function isCacheableResponse(response: Response): boolean {
	return (
		response.status === 200 &&
		!response.headers.has('set-cookie') &&
		(response.headers.get('content-type') ?? '').startsWith('text/html') &&
		!/no-store|private/.test(response.headers.get('cache-control') ?? '')
	);
}

function answer(body: ArrayBuffer, headers: Headers, state: 'hit' | 'miss', age = 0): Response {
	const copy = new Headers(headers);
	copy.set('x-page-cache', state);
	copy.set('age', String(Math.floor(age / 1000)));
	return new Response(body, { status: 200, headers: copy });
}

type Kept = Pick<Entry, 'body' | 'headers'>;

export function createPageCacheHandle(cache: PageCache): Handle {
	/**
	 * Renders under way, by key: when a kept page expires under a crowd, the requests that
	 * arrive meanwhile wait for the one render instead of each making their own.
	 */
	const rendering = new Map<string, Promise<Kept | undefined>>();

	return async ({ event, resolve }) => {
		const { request } = event;
		if (!cache.enabled) return resolve(event);

		if (WRITES.has(request.method)) {
			const response = await resolve(event);
			if (response.status < 400) cache.clear();
			return response;
		}

		const cacheable =
			request.method === 'GET' &&
			!event.isDataRequest &&
			CACHED_ROUTES.has(event.route.id ?? '') &&
			!request.headers.has('cookie') &&
			!request.headers.has('authorization');
		if (!cacheable) return resolve(event);

		const key = event.url.pathname + event.url.search;
		const kept = cache.get(key);
		if (kept) return answer(kept.body, kept.headers, 'hit', kept.age);

		const underWay = rendering.get(key);
		if (underWay) {
			const shared = await underWay;
			// Not kept (an error page, or a write came during the render): render afresh.
			return shared ? answer(shared.body, shared.headers, 'hit') : resolve(event);
		}

		let settle: (kept: Kept | undefined) => void = () => {};
		rendering.set(key, new Promise((done) => (settle = done)));
		let shared: Kept | undefined;
		try {
			const generation = cache.generation;
			const response = await resolve(event);
			if (!isCacheableResponse(response)) return response;
			const body = await response.arrayBuffer();
			if (cache.set(key, body, response.headers, generation)) {
				shared = { body, headers: response.headers };
			}
			return answer(body, response.headers, 'miss');
		} finally {
			rendering.delete(key);
			settle(shared);
		}
	};
}

// Under `vite dev` a changed component must show on the next reload: off unless asked for.
export const handlePageCache = createPageCacheHandle(
	new PageCache(config.pageCacheSeconds ?? (dev ? 0 : 5))
);
