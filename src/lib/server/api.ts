// Helpers for the JSON API: one shape for errors, one way to read the manage secret.
import { json } from '@sveltejs/kit';
import type { FieldErrors } from '$lib/validation';

export function invalid(fields: FieldErrors) {
	return json({ error: 'invalid', fields }, { status: 422 });
}

export function notFound() {
	return json({ error: 'not_found' }, { status: 404 });
}

/** Reads a JSON body; undefined when it is not JSON. */
export async function readJson(
	request: Request
): Promise<{ ok: true; body: unknown } | { ok: false }> {
	try {
		return { ok: true, body: await request.json() };
	} catch {
		return { ok: false };
	}
}

export function badJson() {
	return json(
		{ error: 'bad_json', message: 'The request body is not valid JSON.' },
		{ status: 400 }
	);
}

/** The manage secret from `Authorization: Bearer <secret>`. */
export function bearer(request: Request): string | undefined {
	const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(request.headers.get('authorization') ?? '');
	return match?.[1];
}
