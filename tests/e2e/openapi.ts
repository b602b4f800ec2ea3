// The OpenAPI document the server publishes, as the end-to-end tests read it: every answer a
// test gets is checked against it with ajv, the way a client generated from it reads answers.
import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Node = Record<string, unknown>;
export interface ApiDocument {
	openapi: string;
	paths: Record<
		string,
		Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>
	>;
	components: { schemas: Record<string, object> };
}

/**
 * The document with every object schema closed to properties it does not list. The published
 * one leaves them open so that a field can be added without breaking clients; here, a field
 * an endpoint sends but the document does not name fails the test.
 */
function closed(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(closed);
	if (typeof node !== 'object' || node === null) return node;
	const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closed(value)]));
	if (copy.type === 'object' && copy.properties && !('additionalProperties' in copy)) {
		copy.additionalProperties = false;
	}
	return copy;
}

const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** Status, media type and JSON body of a Playwright or a fetch response. */
async function read(response: APIResponse | Response) {
	if (response instanceof Response) {
		return {
			status: response.status,
			type: response.headers.get('content-type') ?? '',
			body: await response.json()
		};
	}
	return {
		status: response.status(),
		type: response.headers()['content-type'] ?? '',
		body: await response.json()
	};
}

export async function loadContract(request: APIRequestContext) {
	const response = await request.get('/api/v1/openapi.json');
	expect(response.status()).toBe(200);
	const document = (await response.json()) as ApiDocument;
	expect(document).toMatchObject({ openapi: '3.1.0' });

	const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
	ajv.addSchema(closed(document) as Node, 'openapi.json');
	const compiled = new Map<string, ValidateFunction>();
	function validator(pointer: string): ValidateFunction {
		let validate = compiled.get(pointer);
		if (!validate) {
			validate = ajv.compile({ $ref: `openapi.json#${pointer}` });
			compiled.set(pointer, validate);
		}
		return validate;
	}
	function expectValid(pointer: string, body: unknown) {
		const validate = validator(pointer);
		const valid = validate(body);
		// The first few errors say what is wrong; a list of 71 villages would repeat one 71 times.
		expect(valid, `${pointer}: ${ajv.errorsText(validate.errors?.slice(0, 3))}`).toBe(true);
	}

	return {
		document,
		/** Checks an answer against what the document says `method path` answers with its status. */
		async conforms(path: string, method: string, response: APIResponse | Response) {
			const { status, type, body } = await read(response);
			const spec = document.paths[path]?.[method]?.responses[String(status)];
			expect(spec, `${method.toUpperCase()} ${path} ${status} is documented`).toBeTruthy();
			const [mediaType] = Object.keys(spec.content);
			expect(type).toContain(mediaType);
			const pointer = ['', 'paths', path, method, 'responses', String(status), 'content', mediaType]
				.map(escape)
				.join('/');
			expectValid(`${pointer}/schema`, body);
			return body;
		},
		/** Checks a JSON answer against one of the document's named schemas. */
		async conformsTo(schema: string, response: APIResponse | Response) {
			const { type, body } = await read(response);
			expect(type).toContain('application/json');
			expect(document.components.schemas, `schema ${schema} is published`).toHaveProperty(schema);
			expectValid(`/components/schemas/${escape(schema)}`, body);
			return body;
		}
	};
}

export type Contract = Awaited<ReturnType<typeof loadContract>>;
