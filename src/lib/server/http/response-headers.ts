// The hardening headers the README promises on every answer the app makes. This handle runs
// first and wraps everything after it, so the headers reach the answers SvelteKit would
// otherwise make at its top level, where no handle sees them: a redirect or an error thrown by
// a later handle, and the 304 of an ETag revalidation. (Static files are served by adapter-node
// before any handle runs: the proxy adds the headers to those, README "Production".)
import { isHttpError, isRedirect, json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { renderErrorPage, handleOutageError } from './outage';
import { isApi } from './request-guards';

// kit.csp sets the Content Security Policy on pages; these cover the rest.
const HARDENING: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
	'Permissions-Policy': 'camera=(self), geolocation=(), microphone=()'
};

/** Host and office answers hold tourists' names and phone numbers: no cache may keep them. */
const PRIVATE_AREA = /^(?:\/en)?\/(?:host|office)(?:\/|$)/;

function wantsJson(request: Request): boolean {
	const accept = request.headers.get('accept') ?? '';
	return accept.includes('application/json') && !accept.startsWith('text/html');
}

/** What SvelteKit answers for a redirect thrown outside `resolve`, in the shape each client reads. */
function redirectAnswer(event: RequestEvent, status: number, location: string): Response {
	if (event.isDataRequest) return json({ type: 'redirect', location });
	if (event.request.method === 'POST' && wantsJson(event.request) && !isApi(event)) {
		return json({ type: 'redirect', status, location });
	}
	return new Response(null, { status, headers: { location } });
}

/**
 * What SvelteKit answers for an error thrown outside `resolve`, after the same handleError; a
 * page in the language of the address, since the language handle may not have run.
 */
async function errorAnswer(event: RequestEvent, thrown: unknown): Promise<Response> {
	const status = isHttpError(thrown) ? thrown.status : 500;
	const fallback = isHttpError(thrown) ? thrown.body.message : 'Internal Error';
	const reported = await handleOutageError({ error: thrown, event, status, message: fallback });
	const message = reported?.message ?? fallback;
	if (event.isDataRequest || isApi(event) || wantsJson(event.request)) {
		return json({ message }, { status });
	}
	const locale = extractLocaleFromRequest(event.request);
	return renderErrorPage(
		status,
		status >= 500 ? m.error_body({}, { locale }) : message,
		{},
		locale
	);
}

/**
 * The 304 SvelteKit would make for a matching If-None-Match, made here so that it carries the
 * headers: SvelteKit's own keeps only the validators (RFC 9110 15.4.5) and is made after every
 * handle has returned.
 */
function notModified(request: Request, response: Response): Response {
	const etag = response.headers.get('etag');
	if (response.status !== 200 || !etag) return response;
	const asked = request.headers.get('if-none-match')?.replace(/^W\//, '');
	if (asked !== etag) return response;
	void response.body?.cancel();
	const headers = new Headers({ etag });
	for (const name of ['cache-control', 'content-location', 'date', 'expires', 'vary']) {
		const value = response.headers.get(name);
		if (value) headers.set(name, value);
	}
	for (const cookie of response.headers.getSetCookie()) headers.append('set-cookie', cookie);
	return new Response(null, { status: 304, headers });
}

export const handleResponseHeaders: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = notModified(event.request, await resolve(event));
	} catch (thrown) {
		response = isRedirect(thrown)
			? redirectAnswer(event, thrown.status, thrown.location)
			: await errorAnswer(event, thrown);
	}
	for (const [name, value] of Object.entries(HARDENING)) response.headers.set(name, value);
	if (PRIVATE_AREA.test(event.url.pathname)) {
		response.headers.set('cache-control', 'private, no-store');
	}
	return response;
};
