import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from '$lib/validation';
import { bookingInput } from '../bookings/input';
import { openapi } from './openapi';

type Node = Record<string, unknown>;
const document = JSON.parse(JSON.stringify(openapi)) as Node & {
	paths: Record<string, Record<string, Node & { responses: Record<string, Node> }>>;
	components: { schemas: Record<string, Node> };
};
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every [JSON pointer, value] under a node, depth first. */
function* walk(node: unknown, pointer = ''): Generator<[string, unknown]> {
	yield [pointer, node];
	if (typeof node !== 'object' || node === null) return;
	for (const [key, value] of Object.entries(node)) {
		yield* walk(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
	}
}

function resolvePointer(pointer: string): unknown {
	return pointer
		.split('/')
		.slice(1)
		.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
		.reduce<unknown>((node, key) => (node as Node | undefined)?.[key], document);
}

const operations = Object.entries(document.paths).flatMap(([path, item]) =>
	Object.entries(item)
		.filter(([method]) => METHODS.includes(method))
		.map(([method, operation]) => ({ path, method, operation }))
);

describe('the OpenAPI document', () => {
	it('is OpenAPI 3.1 with a title, a version and the API base path', () => {
		expect(document.openapi).toBe('3.1.0');
		expect(document.info).toMatchObject({ title: expect.any(String), version: '1.0.0' });
		expect(document.servers).toEqual([{ url: '/api/v1' }]);
		expect(Object.keys(document.paths).every((path) => path.startsWith('/'))).toBe(true);
	});

	it('resolves every $ref inside itself', () => {
		const refs = [...walk(document)]
			.filter(([pointer]) => pointer.endsWith('/$ref'))
			.map(([, value]) => value as string);
		expect(refs.length).toBeGreaterThan(20);
		for (const ref of refs) {
			expect(ref, ref).toMatch(/^#\//);
			expect(resolvePointer(ref.slice(1)), ref).toBeTypeOf('object');
		}
	});

	it('holds only schemas that are valid JSON Schema 2020-12, the dialect of OpenAPI 3.1', () => {
		// Strict: a keyword JSON Schema does not know (a typo, an OpenAPI 3.0 `nullable`) fails.
		const ajv = addFormats(new Ajv2020({ strict: true, allowUnionTypes: true }));
		for (const keyword of ['openapi', 'info', 'servers', 'paths', 'components']) {
			ajv.addKeyword(keyword);
		}
		ajv.addSchema(document, 'openapi.json');
		const schemas = [...walk(document)].filter(
			([pointer]) =>
				/^\/components\/schemas\/[^/]+$/.test(pointer) ||
				/\/(content\/[^/]+|parameters\/\d+)\/schema$/.test(pointer)
		);
		expect(schemas.length).toBeGreaterThan(30);
		for (const [pointer] of schemas) {
			expect(() => ajv.compile({ $ref: `openapi.json#${pointer}` }), pointer).not.toThrow();
		}
	});

	it('declares every path parameter its template names, and no other', () => {
		for (const { path, operation } of operations) {
			const named = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
			const declared = ((operation.parameters ?? []) as Node[])
				.filter((parameter) => parameter.in === 'path')
				.map((parameter) => parameter.name)
				.sort();
			expect(declared, path).toEqual(named);
		}
	});

	it('gives every operation a unique id and every answer a description', () => {
		const ids = operations.map(({ operation }) => operation.operationId);
		expect(new Set(ids).size).toBe(operations.length);
		for (const { path, method, operation } of operations) {
			for (const [status, response] of Object.entries(operation.responses)) {
				expect(response.description, `${method} ${path} ${status}`).toBeTruthy();
			}
		}
	});

	it('answers every error in the shape { error, message }', () => {
		for (const { path, method, operation } of operations) {
			for (const [status, response] of Object.entries(operation.responses)) {
				if (!/^[45]|default/.test(status)) continue;
				const { $ref } = (response.content as Record<string, { schema: Node }>)['application/json']
					.schema as { $ref: string };
				const schema = resolvePointer($ref.slice(1)) as { required: string[] };
				expect(schema.required, `${method} ${path} ${status}`).toEqual(
					expect.arrayContaining(['error', 'message'])
				);
			}
		}
	});

	it('lists the monthly statistics and documents the refusals of the write endpoints', () => {
		expect(document.paths['/statistics/monthly'].get.responses).toHaveProperty('200');
		expect(Object.keys(document.paths['/bookings'].post.responses)).toEqual(
			expect.arrayContaining(['201', '400', '403', '409', '413', '422', '429'])
		);
		expect(Object.keys(document.paths['/bookings/{code}/cancel'].post.responses)).toEqual(
			expect.arrayContaining(['200', '403', '404', '409', '429'])
		);
	});

	it('describes the booking body with the schema that validates it', () => {
		const body = document.paths['/bookings'].post.requestBody as {
			content: Record<string, { schema: { $ref: string }; example: unknown }>;
		};
		const { schema, example } = body.content['application/json'];
		expect(schema.$ref).toBe('#/components/schemas/BookingRequest');
		expect(parse(bookingInput, example)).toMatchObject({ ok: true });
		const ajv = addFormats(new Ajv2020({ strict: false }));
		ajv.addSchema(document, 'openapi.json');
		const validate = ajv.compile({ $ref: 'openapi.json#/components/schemas/BookingRequest' });
		expect(validate(example)).toBe(true);
		// The limits the validator enforces are the ones published.
		const tooMany = {
			...(example as Node),
			party: Array(21).fill({ category: 'dewasa', quantity: 1 })
		};
		expect(validate(tooMany)).toBe(false);
		expect(parse(bookingInput, tooMany)).toMatchObject({ ok: false });
	});
});
