// Helpers for the JSON API: answers typed by the schemas the OpenAPI document is generated
// from, one shape for errors, one way to read a body and the manage secret.
import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import type { FieldErrors } from '$lib/validation';
import * as schemas from './api-schemas';

/**
 * The most bytes a JSON body may have. A booking is a few hundred; adapter-node's own
 * BODY_SIZE_LIMIT is set far higher in production so that photos reach the host forms.
 */
export const JSON_BODY_LIMIT = 64 * 1024;

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

export function payloadTooLarge() {
	return reply(
		schemas.payloadTooLarge,
		{ error: 'payload_too_large', message: 'The request body is too large.' },
		{ status: 413 }
	);
}

// adapter-node errors the body stream with a 413 SvelteKitError past its BODY_SIZE_LIMIT.
function isTooLarge(error: unknown): boolean {
	return typeof error === 'object' && error !== null && 'status' in error && error.status === 413;
}

/** The body as text, or undefined when it is over `limit` bytes. */
async function readText(request: Request, limit: number): Promise<string | undefined> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	// Past the limit the rest is read and dropped, not cancelled: cancelling makes adapter-node
	// destroy the socket before the 413 is sent.
	for (let read = await reader.read(); !read.done; read = await reader.read()) {
		size += read.value.byteLength;
		if (size <= limit) chunks.push(read.value);
	}
	return size > limit ? undefined : new TextDecoder().decode(Buffer.concat(chunks));
}

/** Reads a JSON body of at most JSON_BODY_LIMIT bytes, or the answer to give instead. */
export async function readJson(
	request: Request
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	if (Number(request.headers.get('content-length')) > JSON_BODY_LIMIT) {
		return { ok: false, response: payloadTooLarge() };
	}
	let text: string | undefined;
	try {
		text = await readText(request, JSON_BODY_LIMIT);
	} catch (error) {
		return { ok: false, response: isTooLarge(error) ? payloadTooLarge() : badJson() };
	}
	if (text === undefined) return { ok: false, response: payloadTooLarge() };
	try {
		return { ok: true, body: JSON.parse(text) };
	} catch {
		return { ok: false, response: badJson() };
	}
}

// RFC 9110 §11.1: the auth scheme is case-insensitive and one or more spaces may follow it.
const BEARER = /^bearer +([A-Za-z0-9_-]{16,128})$/i;

/** The manage secret from `Authorization: Bearer <secret>`. */
export function readBearer(request: Request): string | undefined {
	return BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
}
