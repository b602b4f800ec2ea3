import {
	json,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import * as auth from '$lib/server/auth/session';
import * as rateLimit from '$lib/server/rate-limit';
import { prepareDatabase } from '$lib/server/db/prepare';
import { startBackgroundJobs } from '$lib/server/jobs';

export const init: ServerInit = async () => {
	const problem = await prepareDatabase();
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
	startBackgroundJobs();
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});

// Validates the session cookie on every request; guards in loads and actions read the result.
const handleAuth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(auth.SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (!token) return resolve(event);
	const { session, user, fresh } = await auth.validateSessionToken(token);
	if (!session) auth.deleteSessionTokenCookie(event.cookies);
	else if (fresh) auth.setSessionTokenCookie(event.cookies, token, session.expiresAt);
	event.locals.session = session;
	event.locals.user = user;
	return resolve(event);
};

// kit.csp sets the Content Security Policy; these cover the rest of the usual hardening.
const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	response.headers.set('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()');
	return response;
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Read once at start: a bad RATE_LIMIT_WRITES_PER_MINUTE stops the server with its name. */
const writesPerMinute = rateLimit.writesPerMinute();

function isApi(event: RequestEvent): boolean {
	return event.route.id?.startsWith('/api/') ?? /^(?:\/en)?\/api\//.test(event.url.pathname);
}

// SvelteKit refuses cross-site form posts itself (csrf.checkOrigin); a JSON body is not covered
// there. Browsers send Origin with every cross-site write, while partners' servers send none, so
// a write whose Origin names another site is refused whatever its content type.
const handleCrossOriginWrites: Handle = ({ event, resolve }) => {
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
const handleApiRateLimit: Handle = async ({ event, resolve }) => {
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

export const handleError: HandleServerError = ({ error, event, status, message }) => {
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
	const title = escapeHtml(m.error_title());
	const page = `<!doctype html>
<html lang="${getLocale()}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${escapeHtml(m.site_name())}</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 40rem; padding: 0 1rem">
<main><h1>${title}</h1><p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(localizeHref('/'))}">${escapeHtml(m.village_back())}</a></p></main>
</body></html>`;
	return new Response(page, {
		status: 503,
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
const handleDatabaseOutage: Handle = async ({ event, resolve }) => {
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

// PostgreSQL cannot hold a NUL in text, and no real name, code or slug holds a control
// character: such a URL names nothing here, so it is answered before it reaches a query.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const handleMalformedUrl: Handle = ({ event, resolve }) => {
	const values = [...Object.values(event.params), ...event.url.searchParams.values()];
	if (!values.some((value) => CONTROL_CHARACTER.test(value))) return resolve(event);
	const message = m.not_found_title();
	if (isApi(event)) return json({ error: 'not_found' }, { status: 404 });
	return new Response(message, {
		status: 404,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};

export const handle = sequence(
	handleSecurityHeaders,
	handleLocale,
	handleMalformedUrl,
	handleDatabaseOutage,
	handleCrossOriginWrites,
	handleApiRateLimit,
	handleAuth
);
