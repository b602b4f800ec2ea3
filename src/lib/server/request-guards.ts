// Checks every request passes before it reaches a page or an endpoint.
import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as rateLimit from './rate-limit';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Read once at start: a bad RATE_LIMIT_WRITES_PER_MINUTE stops the server with its name. */
const writesPerMinute = rateLimit.writesPerMinute();

export function isApi(event: RequestEvent): boolean {
	return event.route.id?.startsWith('/api/') ?? /^(?:\/en)?\/api\//.test(event.url.pathname);
}

// SvelteKit refuses cross-site form posts itself (csrf.checkOrigin); a JSON body is not covered
// there. Browsers send Origin with every cross-site write, while partners' servers send none, so
// a write whose Origin names another site is refused whatever its content type.
export const handleCrossOriginWrites: Handle = ({ event, resolve }) => {
	const origin = event.request.headers.get('origin');
	if (origin !== null && WRITE_METHODS.has(event.request.method) && origin !== event.url.origin) {
		return json(
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
		return json(
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

// PostgreSQL cannot hold a NUL in text, and no real name, code or slug holds a control
// character: such a URL names nothing here, so it is answered before it reaches a query.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
export const handleMalformedUrl: Handle = ({ event, resolve }) => {
	const values = [...Object.values(event.params), ...event.url.searchParams.values()];
	if (!values.some((value) => CONTROL_CHARACTER.test(value))) return resolve(event);
	const message = m.not_found_title();
	if (isApi(event)) return json({ error: 'not_found' }, { status: 404 });
	return new Response(message, {
		status: 404,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};
