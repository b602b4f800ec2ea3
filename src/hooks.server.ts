import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { AsyncLocalStorage } from 'node:async_hooks';
import { baseLocale, overwriteServerAsyncLocalStorage, type Locale } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { handleActivity } from '$lib/server/http/activity';
import * as sessions from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { prepareDatabase } from '$lib/server/db/prepare';
import { startBackgroundJobs } from '$lib/server/jobs';
import { handleDatabaseOutage, handleOutageError } from '$lib/server/http/outage';
import { handlePageCache } from '$lib/server/http/page-cache';
import { handleResponseHeaders } from '$lib/server/http/response-headers';
import {
	handleApiMisses,
	handleApiRateLimit,
	handleCrossOriginWrites,
	handleMalformedUrl
} from '$lib/server/http/request-guards';

export const init: ServerInit = async () => {
	const problem = await prepareDatabase();
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
	const stopJobs = startBackgroundJobs();
	// adapter-node emits this once the server has stopped taking requests (SIGTERM, SIGINT):
	// stop the timers and close the pool so that the process can end.
	process.once('sveltekit:shutdown', () => {
		stopJobs();
		void getDb().destroy();
	});
};

// The store Paraglide's getLocale reads on the server, made here so the API can enter it too.
const localeStorage = new AsyncLocalStorage<{
	locale?: Locale;
	origin?: string;
	messageCalls?: Set<string>;
}>();
overwriteServerAsyncLocalStorage(localeStorage);

const handleLocale: Handle = ({ event, resolve }) => {
	// The API has no localized URLs: its messages are in the base language. Paraglide's
	// middleware would copy the request (and tee its body) to de-localize a URL that needs none.
	if (event.url.pathname.startsWith('/api/')) {
		event.locals.locale = baseLocale;
		return localeStorage.run(
			{ locale: baseLocale, origin: event.url.origin, messageCalls: new Set() },
			// No API answer is a page, but should one ever be, its <html lang> is filled in too.
			() => resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', baseLocale) })
		);
	}
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});
};

// Validates the session cookie on every request; guards in loads and actions read the result.
const handleAuth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(sessions.SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (!token) return resolve(event);
	const { session, user, fresh } = await sessions.validateSessionToken(token);
	if (!session) sessions.deleteSessionTokenCookie(event.cookies);
	else if (fresh) sessions.setSessionTokenCookie(event.cookies, token, session.expiresAt);
	event.locals.session = session;
	event.locals.user = user;
	return resolve(event);
};

export const handleError = handleOutageError;

export const handle = sequence(
	handleResponseHeaders,
	handleActivity,
	handlePageCache,
	handleLocale,
	handleMalformedUrl,
	handleApiMisses,
	handleDatabaseOutage,
	handleCrossOriginWrites,
	handleApiRateLimit,
	handleAuth
);
