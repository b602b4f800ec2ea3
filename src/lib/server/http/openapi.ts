// The OpenAPI 3.1 description of /api/v1: what partners build against and what the tests
// check real answers against. Its schemas are generated from the Zod schemas that validate the
// requests (bookings/input.ts) and type the answers (api-schemas.ts), so it cannot drift from
// the code; only the paths, parameters and prose are written here.
import { z } from 'zod';
import { MONTH } from '../../dates';
import { JSON_BODY_LIMIT } from './api';
import * as schemas from './api-schemas';
import { bookingInput, IDEMPOTENCY_KEY } from '../bookings/input';
import { MAX_RANGE_MONTHS } from '../statistics';

type Json = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';
// OpenAPI 3.1 schemas are JSON Schema 2020-12; a request is described as the client sends it.
const DIALECT = { target: 'draft-2020-12', io: 'input' } as const;

/** A reference to a schema that has `.meta({ id })`. */
function ref(schema: z.ZodType): Json {
	const id = z.globalRegistry.get(schema)?.id;
	if (!id) throw new Error('a schema the API document names needs .meta({ id })');
	return { $ref: COMPONENTS + id };
}

/** A small schema written out where it is used, as a parameter's. */
function inline(schema: z.ZodType): Json {
	const json: Json = z.toJSONSchema(schema, DIALECT);
	delete json.$schema;
	return json;
}

function answer(schema: z.ZodType, description: string, more: Json = {}) {
	return { description, content: { 'application/json': { schema: ref(schema) } }, ...more };
}

function parameter(
	name: string,
	where: 'path' | 'query' | 'header',
	schema: z.ZodType,
	more: Json
) {
	return { name, in: where, required: where === 'path', schema: inline(schema), ...more };
}

const retryAfter = {
	headers: {
		'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } }
	}
};
const otherwise = {
	default: answer(
		schemas.apiError,
		'Any other error: 405 for a method the path does not take, 503 while the database is away'
	)
};
const writeRefusals = {
	'403': answer(schemas.crossOrigin, 'A write from a browser on another site'),
	'429': answer(schemas.rateLimited, 'Too many writes from this address', retryAfter)
};
const manageSecret = [{ manageSecret: [] }];
const bookingCodeParameter = parameter('code', 'path', z.string(), {
	description: 'The booking code',
	example: 'TB-7KX4Q2'
});
const monthParameter = (name: string, description: string) =>
	parameter(name, 'query', z.string().regex(MONTH), { required: true, description });

const paths = {
	'/villages': {
		get: {
			operationId: 'listVillages',
			summary: 'All villages of PALI as GeoJSON',
			responses: {
				'200': {
					description: 'A FeatureCollection, coordinates [lng, lat]',
					content: { 'application/geo+json': { schema: ref(schemas.villageCollection) } }
				},
				...otherwise
			}
		}
	},
	'/packages': {
		get: {
			operationId: 'listPackages',
			summary: 'Published tour packages',
			parameters: [
				parameter('village', 'query', z.string().regex(schemas.VILLAGE_CODE), {
					description:
						'Only the packages of this village (Kemendagri code); one that names no village gives an empty list',
					example: '16.12.01.2001'
				})
			],
			responses: {
				'200': answer(schemas.packageList, 'Packages'),
				'422': answer(schemas.invalid, 'A malformed village code'),
				...otherwise
			}
		}
	},
	'/packages/{slug}/availability': {
		get: {
			operationId: 'listSlots',
			summary: 'Slots of a package with seats left',
			description: 'Local dates (WIB) from 2020-01-01 to one year after today.',
			parameters: [
				parameter('slug', 'path', z.string(), { example: 'petik-nanas-talang-bulang' }),
				parameter('from', 'query', z.iso.date(), {
					required: true,
					description: 'The first local date (WIB)'
				}),
				parameter('to', 'query', z.iso.date(), {
					required: true,
					description: `The last local date (WIB), fewer than ${schemas.MAX_AVAILABILITY_DAYS} days after from`
				})
			],
			responses: {
				'200': answer(schemas.slotList, 'Slots'),
				'404': answer(schemas.notFound, 'No published package has this slug'),
				'422': answer(
					schemas.invalid,
					`Bad dates, dates outside 2020-01-01 to a year ahead, or a range of ${schemas.MAX_AVAILABILITY_DAYS} days or more`
				),
				...otherwise
			}
		}
	},
	'/statistics/monthly': {
		get: {
			operationId: 'monthlyStatistics',
			summary: 'Open data: visitors per village and month',
			parameters: [
				monthParameter('from', 'The first month, YYYY-MM'),
				monthParameter('to', `The last month, YYYY-MM, at most ${MAX_RANGE_MONTHS} months on`)
			],
			responses: {
				'200': answer(schemas.monthlyStatistics, 'One row per village and month'),
				'422': answer(schemas.invalid, 'A malformed month, or a range backwards or too long'),
				...otherwise
			}
		}
	},
	'/bookings': {
		post: {
			operationId: 'createBooking',
			summary: 'Book a slot',
			parameters: [
				parameter('Idempotency-Key', 'header', z.string().regex(IDEMPOTENCY_KEY), {
					description:
						'A replay answers with the first booking; the same key with another body is refused.'
				})
			],
			requestBody: {
				required: true,
				description: `JSON of at most ${JSON_BODY_LIMIT} bytes`,
				content: {
					'application/json': {
						schema: ref(bookingInput),
						example: {
							slotId: 1234,
							party: [{ category: 'dewasa', quantity: 2 }],
							contact: { name: 'Siti Rahma', phone: '081234567890', email: null },
							origin: { country: 'ID', province: '16' },
							language: 'id'
						}
					}
				}
			},
			responses: {
				'201': answer(
					schemas.bookingCreated,
					'Booked, or the replay of an earlier request with the same key'
				),
				'400': answer(schemas.badJson, 'The body is not JSON'),
				...writeRefusals,
				'409': answer(schemas.notEnoughSeats, 'Not enough seats'),
				'413': answer(schemas.payloadTooLarge, `A body over ${JSON_BODY_LIMIT} bytes`),
				'422': answer(
					schemas.invalid,
					'A field breaks a rule, or the Idempotency-Key was used for another request'
				),
				...otherwise
			}
		}
	},
	'/bookings/{code}': {
		get: {
			operationId: 'readBooking',
			summary: 'A booking, for its holder',
			security: manageSecret,
			parameters: [bookingCodeParameter],
			responses: {
				'200': answer(schemas.booking, 'The booking'),
				'404': answer(schemas.notFound, 'Unknown code or wrong secret'),
				...otherwise
			}
		}
	},
	'/bookings/{code}/cancel': {
		post: {
			operationId: 'cancelBooking',
			summary: 'Cancel within the cancellation window; the seats go back at once',
			security: manageSecret,
			parameters: [bookingCodeParameter],
			responses: {
				'200': answer(schemas.booking, 'The cancelled booking'),
				...writeRefusals,
				'404': answer(schemas.notFound, 'Unknown code or wrong secret'),
				'409': answer(schemas.cancelRefused, 'Already cancelled or past the cancellation window'),
				...otherwise
			}
		}
	},
	'/openapi.json': {
		get: {
			operationId: 'describeApi',
			summary: 'This document',
			responses: { '200': answer(schemas.openapiDocument, 'OpenAPI 3.1') }
		}
	}
};

/** The generated schemas that the paths reach, directly or through one another. */
function reachableSchemas(from: unknown): Record<string, Json> {
	const { schemas: generated } = z.toJSONSchema(z.globalRegistry, {
		...DIALECT,
		uri: (id) => COMPONENTS + id
	});
	const reached: Record<string, Json> = {};
	const visit = (node: unknown) => {
		if (typeof node !== 'object' || node === null) return;
		const target = (node as Json).$ref;
		if (typeof target === 'string' && target.startsWith(COMPONENTS)) {
			const id = target.slice(COMPONENTS.length);
			if (!(id in reached) && generated[id]) {
				// Each was generated as a whole document; inside this one it is a plain schema.
				const schema: Json = { ...generated[id] };
				delete schema.$schema;
				delete schema.$id;
				reached[id] = schema;
				visit(schema);
			}
		}
		for (const value of Object.values(node)) visit(value);
	};
	visit(from);
	return Object.fromEntries(Object.entries(reached).sort(([a], [b]) => a.localeCompare(b)));
}

export const openapi = {
	openapi: '3.1.0' as const,
	info: {
		title: 'Agrowisata PALI API',
		version: '1.0.0',
		description: [
			'Villages, tour packages, availability and bookings of the OVOP villages of PALI, and open visitor statistics.',
			'Money is whole rupiah; times are WIB.',
			`Writes are rate limited per address (429 with Retry-After); a JSON body may hold at most ${JSON_BODY_LIMIT} bytes (413 beyond).`,
			'Every error is JSON { error, message, fields? }, an unknown path included (404).'
		].join(' ')
	},
	servers: [{ url: '/api/v1' }],
	paths,
	components: {
		securitySchemes: {
			manageSecret: {
				type: 'http',
				scheme: 'bearer',
				description:
					'The manage secret: the last part of a booking manageUrl. The scheme name is case-insensitive.'
			}
		},
		schemas: reachableSchemas(paths)
	}
};
