// While the database is away (stopped, restarting, unreachable), requests get a 503 with a
// retry hint in the shape their client reads, instead of a 500 or a hang.
import { json, type Handle, type HandleServerError, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref, type Locale } from '$lib/paraglide/runtime';
import { isApi } from './request-guards';

// Errors that mean the database is away (stopped, restarting, unreachable) rather than a bug:
// node-postgres socket errors, PostgreSQL's shutdown and connection SQLSTATEs, pool timeouts.
const UNAVAILABLE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'EPIPE',
	'57P01',
	'57P02',
	'57P03',
	'08000',
	'08001',
	'08003',
	'08004',
	'08006'
]);
const UNAVAILABLE_MESSAGES =
	/Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Connection ended unexpectedly/i;
const RETRY_AFTER_SECONDS = 5;

function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (depth > 3 || typeof error !== 'object' || error === null) return false;
	const { code, message, cause, errors } = error as {
		code?: unknown;
		message?: unknown;
		cause?: unknown;
		errors?: unknown;
	};
	if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
	if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
	if (Array.isArray(errors) && errors.some((each) => isDatabaseUnavailable(each, depth + 1))) {
		return true;
	}
	return isDatabaseUnavailable(cause, depth + 1);
}

/**
 * Requests that failed because the database was away; handleDatabaseOutage answers them. Keyed
 * by the Request: SvelteKit hands handleError a copy of the event, never the same object.
 */
const failedForOutage = new WeakSet<Request>();
let lastOutageLog = 0;
let outageFailures = 0;

/** One line every few seconds while the database is away, not one per request. */
function logOutage(error: unknown) {
	outageFailures++;
	if (Date.now() - lastOutageLog < 5_000) return;
	console.error(`database unavailable (${outageFailures} failed requests):`, describe(error));
	lastOutageLog = Date.now();
	outageFailures = 0;
}

export const handleOutageError: HandleServerError = ({ error, event, status, message }) => {
	if (isDatabaseUnavailable(error)) {
		failedForOutage.add(event.request);
		logOutage(error);
		return { message: m.error_unavailable() };
	}
	if (status !== 404) console.error(error);
	return { message };
};

function describe(error: unknown): string {
	return error instanceof Error ? `${error.message}` : String(error);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** 503 with Retry-After in the shape each kind of client reads. */
function unavailableResponse(event: RequestEvent): Response {
	const headers = { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' };
	const message = m.error_unavailable();
	if (isApi(event)) {
		return json({ error: 'database_unavailable', message }, { status: 503, headers });
	}
	// use:enhance reads an ActionResult; client-side navigation reads an App.Error.
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', error: { message } }, { status: 503, headers });
	}
	if (event.isDataRequest) return json({ message }, { status: 503, headers });
	return renderErrorPage(503, message, headers);
}

/**
 * A page that needs nothing but itself (no database, no layout): for answers made when the
 * app cannot render its own error page.
 */
export function renderErrorPage(
	status: number,
	message: string,
	headers: Record<string, string> = {},
	locale: Locale = getLocale()
): Response {
	const title = escapeHtml(m.error_title({}, { locale }));
	const page = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${escapeHtml(m.site_name({}, { locale }))}</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 40rem; padding: 0 1rem">
<main><h1>${title}</h1><p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(localizeHref('/', { locale }))}">${escapeHtml(m.village_back({}, { locale }))}</a></p></main>
</body></html>`;
	return new Response(page, {
		status,
		headers: {
			...headers,
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
		}
	});
}

// The page or endpoint rendered a 500 (or a handle threw) because the database was away: the
// client gets a 503 with Retry-After instead, and the app reconnects on its own once it is back.
export const handleDatabaseOutage: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		if (!isDatabaseUnavailable(error)) throw error;
		logOutage(error);
		return unavailableResponse(event);
	}
	return failedForOutage.has(event.request) ? unavailableResponse(event) : response;
};
