// Helpers for the JSON API: answers typed by the schemas the OpenAPI document is generated
// from, one shape for errors, one way to read a body and the manage secret.
import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import type { FieldErrors } from '$lib/validation';
import * as schemas from './api-schemas';

/** A JSON answer that the compiler holds to the schema the document publishes for it. */
export function reply<S extends z.ZodType>(_schema: S, body: z.input<S>, init?: ResponseInit) {
	return json(body, init);
}

export function invalid(
	fields: FieldErrors,
	error: 'invalid' | 'idempotency_key_reused' = 'invalid'
) {
	const message =
		error === 'invalid'
			? 'A field breaks a rule: see fields.'
			: 'This Idempotency-Key was used for another request.';
	return reply(schemas.invalid, { error, message, fields }, { status: 422 });
}

export function notFound() {
	return reply(
		schemas.notFound,
		{ error: 'not_found', message: 'Nothing answers to this address.' },
		{ status: 404 }
	);
}

export function badJson() {
	return reply(
		schemas.badJson,
		{ error: 'bad_json', message: 'The request body is not valid JSON.' },
		{ status: 400 }
	);
}

/** Reads a JSON body, or the answer to give instead. */
export async function readJson(
	request: Request
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	try {
		return { ok: true, body: await request.json() };
	} catch {
		return { ok: false, response: badJson() };
	}
}

// RFC 9110 §11.1: the auth scheme is case-insensitive and one or more spaces may follow it.
const BEARER = /^bearer +([A-Za-z0-9_-]{16,128})$/i;

/** The manage secret from `Authorization: Bearer <secret>`. */
export function bearer(request: Request): string | undefined {
	return BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
}
