// Checks every request passes before it reaches a page or an endpoint.
import { fail, type Handle, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { notFound, reply } from './api';
import * as schemas from './api-schemas';
import * as rateLimit from './rate-limit';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Read once at start: a bad RATE_LIMIT_WRITES_PER_MINUTE stops the server with its name. */
const writesPerMinute = rateLimit.readWritesPerMinute();

export function isApi(event: RequestEvent): boolean {
	return event.route.id?.startsWith('/api/') ?? /^(?:\/en)?\/api\//.test(event.url.pathname);
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function isForm(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	return FORM_TYPES.includes(type);
}

// RFC 8058 one-click unsubscribe: a mail program posts 'List-Unsubscribe=One-Click' to the link
// from its own servers, with no Origin. The link's 256-bit token is the only authority it needs,
// and deleting an address is all it can do, so it is the one form that may come from elsewhere.
const ONE_CLICK_UNSUBSCRIBE = /^(?:\/en)?\/kabar-musim\/[A-Za-z0-9_-]{16,100}$/;

// The check SvelteKit's csrf.checkOrigin makes (turned off in svelte.config.js so that the
// exception above can exist): a form post must carry this site's Origin. A JSON body is not a
// form: browsers send Origin with every cross-site write, while partners' servers send none, so
// a JSON write whose Origin names another site is refused.
export const handleCrossOriginWrites: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	if (!WRITE_METHODS.has(request.method)) return resolve(event);
	const origin = request.headers.get('origin');
	if (isForm(request)) {
		if (origin !== url.origin && !ONE_CLICK_UNSUBSCRIBE.test(url.pathname)) {
			const message = 'Cross-site form submissions are refused.';
			return request.headers.get('accept') === 'application/json' || isApi(event)
				? reply(schemas.crossOrigin, { error: 'cross_origin', message }, { status: 403 })
				: new Response(message, {
						status: 403,
						headers: { 'content-type': 'text/plain; charset=utf-8' }
					});
		}
	} else if (origin !== null && origin !== url.origin) {
		return reply(
			schemas.crossOrigin,
			{ error: 'cross_origin', message: 'Writes from another site are refused.' },
			{ status: 403 }
		);
	}
	return resolve(event);
};

// The budget is per client address as getClientAddress() sees it: behind a proxy, adapter-node
// needs ADDRESS_HEADER (and XFF_DEPTH) or every visitor shares the proxy's address.
export const handleApiRateLimit: Handle = async ({ event, resolve }) => {
	if (!WRITE_METHODS.has(event.request.method) || !isApi(event)) return resolve(event);
	const check = await rateLimit.consumeWrite(event.getClientAddress(), { limit: writesPerMinute });
	// An occasional sweep keeps the table to the addresses of the last two minutes.
	if (Math.random() < 0.01) {
		rateLimit.forgetIdle().catch((error) => console.error('rate limit sweep failed:', error));
	}
	if (!check.allowed) {
		return reply(
			schemas.rateLimited,
			{
				error: 'rate_limited',
				message: 'Too many writes from this address; try again later.',
				retryAfterSeconds: check.retryAfterSeconds
			},
			{ status: 429, headers: { 'retry-after': String(check.retryAfterSeconds) } }
		);
	}
	return resolve(event);
};

/**
 * Counts a post of a public form that writes (a booking, a price quote, a shop order, season
 * news) against the same budget per address as the API's writes, before the form is read: the
 * site's forms are no way around the API's limit. Past it, the answer is a 429 whose `form`
 * carries the message, so that the page shows it (after a plain post, the whole page comes
 * back with status 429; after an enhanced one, the form shows it).
 */
export async function spendFormWrite(event: RequestEvent) {
	const check = await rateLimit.consumeWrite(event.getClientAddress(), { limit: writesPerMinute });
	if (check.allowed) return undefined;
	const seconds = check.retryAfterSeconds;
	event.setHeaders({ 'retry-after': String(seconds) });
	return fail(429, { rateLimited: m.rate_limited_form({ seconds }) });
}

// PostgreSQL cannot hold a NUL in text, and no real name, code or slug holds a control
// character: such a URL names nothing here, so it is answered before it reaches a query.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
export const handleMalformedUrl: Handle = ({ event, resolve }) => {
	const values = [...Object.values(event.params), ...event.url.searchParams.values()];
	if (!values.some((value) => CONTROL_CHARACTER.test(value))) return resolve(event);
	const message = m.not_found_title();
	if (isApi(event)) return notFound();
	return new Response(message, {
		status: 404,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};

// An API client reads JSON whatever went wrong. A path no route serves would otherwise get the
// site's HTML error page, and a method its route lacks SvelteKit's plain-text 405.
export const handleApiMisses: Handle = async ({ event, resolve }) => {
	if (!isApi(event)) return resolve(event);
	if (event.route.id === null) return notFound();
	const response = await resolve(event);
	if (response.status !== 405 || response.headers.get('content-type')?.includes('json')) {
		return response;
	}
	const allow = response.headers.get('allow') ?? '';
	return reply(
		schemas.methodNotAllowed,
		{
			error: 'method_not_allowed',
			message: `${event.request.method} is not served here; this path takes ${allow}.`
		},
		{ status: 405, headers: { allow } }
	);
};
