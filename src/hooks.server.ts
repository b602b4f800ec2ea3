import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { prepareDatabase } from '$lib/server/db/prepare';

export const init: ServerInit = async () => {
	const problem = await prepareDatabase();
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});

// kit.csp sets the Content Security Policy; these cover the rest of the usual hardening.
const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	response.headers.set('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()');
	return response;
};

export const handle = sequence(handleSecurityHeaders, handleLocale);
