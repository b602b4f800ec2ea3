import { describe, expect, it } from 'vitest';
import { readBearer, JSON_BODY_LIMIT, readJson } from './api';

const SECRET = 'abcdefghijklmnopqrstuvwxyz_-0123';

function withAuthorization(value: string) {
	return new Request('http://localhost/api/v1/bookings/TB-7KX4Q2', {
		headers: { authorization: value }
	});
}

/** A body that arrives in pieces with no Content-Length, as a chunked upload does. */
function chunked(pieces: string[], failWith?: unknown) {
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const piece of pieces) controller.enqueue(encoder.encode(piece));
			if (failWith) controller.error(failWith);
			else controller.close();
		}
	});
	return new Request('http://localhost/api/v1/bookings', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body,
		duplex: 'half'
	} as RequestInit);
}

async function answer(read: Awaited<ReturnType<typeof readJson>>) {
	if (read.ok) throw new Error('expected a refusal');
	return { status: read.response.status, body: await read.response.json() };
}

describe('bearer', () => {
	it('reads the scheme in any letter case, as RFC 9110 says it is', () => {
		for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
			expect(readBearer(withAuthorization(`${scheme} ${SECRET}`)), scheme).toBe(SECRET);
		}
		expect(readBearer(withAuthorization(`Bearer   ${SECRET}`))).toBe(SECRET);
	});

	it('takes nothing from another scheme or a malformed secret', () => {
		expect(readBearer(withAuthorization(`Basic ${SECRET}`))).toBeUndefined();
		expect(readBearer(withAuthorization(`Bearer${SECRET}`))).toBeUndefined();
		expect(readBearer(withAuthorization('Bearer short'))).toBeUndefined();
		expect(readBearer(withAuthorization(`Bearer ${SECRET}!`))).toBeUndefined();
		expect(readBearer(new Request('http://localhost/'))).toBeUndefined();
	});
});

describe('readJson', () => {
	it('parses a body within the limit', async () => {
		expect(await readJson(chunked(['{"slotId":', '1}']))).toEqual({
			ok: true,
			body: { slotId: 1 }
		});
	});

	it('answers 400 bad_json to a body that is not JSON', async () => {
		expect(await answer(await readJson(chunked(['{"slotId":'])))).toMatchObject({
			status: 400,
			body: { error: 'bad_json', message: expect.any(String) }
		});
	});

	it('answers 413 to a body over the limit, announced or not', async () => {
		const tooLarge = {
			status: 413,
			body: { error: 'payload_too_large', message: expect.any(String) }
		};
		const announced = new Request('http://localhost/api/v1/bookings', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: `"${'x'.repeat(JSON_BODY_LIMIT)}"`
		});
		expect(await answer(await readJson(announced))).toMatchObject(tooLarge);
		const pieces = Array(5).fill(`"${'x'.repeat(JSON_BODY_LIMIT / 4)}"`);
		expect(await answer(await readJson(chunked(pieces)))).toMatchObject(tooLarge);
	});

	it('answers 413, not 400, when the server stops the body at its own limit', async () => {
		// What adapter-node does past BODY_SIZE_LIMIT: it errors the stream with a 413.
		const stopped = chunked(
			['{"a":"'],
			Object.assign(new Error('Payload Too Large'), { status: 413 })
		);
		expect(await answer(await readJson(stopped))).toMatchObject({
			status: 413,
			body: { error: 'payload_too_large' }
		});
		const broken = chunked(['{"a":"'], new Error('socket hang up'));
		expect((await answer(await readJson(broken))).status).toBe(400);
	});
});
