// What the JSON API answers, as Zod schemas. The OpenAPI document is generated from them
// (openapi.ts) and every endpoint's answer is typed by them (api.ts `reply`), so the document
// cannot promise one shape while an endpoint sends another. They describe answers only and
// hold no transforms, so their input and output are the same JSON.
import { z } from 'zod';
import { MONTH } from '../../dates';

/** A Kemendagri village code: 16.12.01.2001. */
export const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/** The longest range of days one availability request may ask for. */
export const MAX_AVAILABILITY_DAYS = 92;

const bookingCode = z
	.string()
	.regex(/^[A-Z]{2}-[2-9A-HJKMNP-Z]{6}$/)
	.meta({ examples: ['TB-7KX4Q2'] });
const orderCode = z
	.string()
	.regex(/^[A-Z]{2}P-[2-9A-HJKMNP-Z]{6}$/)
	.meta({ examples: ['TBP-7KX4Q2'] });
const villageCode = z
	.string()
	.regex(VILLAGE_CODE)
	.meta({ description: 'Kemendagri code', examples: ['16.12.01.2001'] });
const isoWib = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/)
	.meta({ description: 'ISO 8601 in WIB (+07:00)', examples: ['2026-07-04T08:00:00+07:00'] });
const month = z
	.string()
	.regex(MONTH)
	.meta({ examples: ['2026-07'] });
const rupiah = z.number().int().min(0).meta({ description: 'Whole rupiah' });
const count = z.number().int().min(0);
const id = z.number().int().positive();

const villageFeature = z.object({
	type: z.literal('Feature'),
	id: villageCode,
	geometry: z.object({
		type: z.literal('Point'),
		coordinates: z
			.tuple([z.number(), z.number()])
			.meta({ description: '[longitude, latitude] (RFC 7946)' })
	}),
	properties: z.object({
		code: villageCode,
		slug: z.string(),
		name: z.string(),
		district: z.string().meta({ description: 'Name of the kecamatan' }),
		districtCode: z.string(),
		type: z.enum(['desa', 'kelurahan']),
		ovop: z.boolean().meta({ description: 'One Village One Product village' }),
		product: z.string().nullable().meta({ description: 'The OVOP product' }),
		url: z.string().meta({ description: "The village's page on this site" })
	})
});

/** One village as the collection lists it: what an endpoint maps each row to. */
export type VillageFeature = z.input<typeof villageFeature>;

export const villageCollection = z
	.object({
		type: z.literal('FeatureCollection'),
		features: z.array(villageFeature)
	})
	.meta({ id: 'VillageCollection', description: 'All villages of PALI as GeoJSON' });

const priceCategory = z
	.object({
		code: z.string(),
		label: z.string(),
		priceIdr: rupiah,
		takesSeat: z.boolean().meta({ description: 'Whether a person of this category takes a seat' }),
		originRule: z.enum(['any', 'domestic', 'foreign']).meta({
			description:
				'Who may be booked at this price: anyone, visitors from Indonesia (origin.country ID) only, or foreign visitors only'
		})
	})
	.meta({
		id: 'PriceCategory',
		examples: [
			{ code: 'dewasa', label: 'Dewasa', priceIdr: 35000, takesSeat: true, originRule: 'any' }
		]
	});

export const packageList = z
	.object({
		packages: z.array(
			z
				.object({
					id,
					slug: z.string(),
					villageCode,
					title: z.string(),
					durationMinutes: z.number().int().positive(),
					minParty: z.number().int().positive(),
					maxParty: z.number().int().positive(),
					priceCategories: z.array(priceCategory)
				})
				.meta({ id: 'TourPackage' })
		)
	})
	.meta({ id: 'PackageList', description: 'Published tour packages' });

export const slotList = z
	.object({
		slots: z.array(
			z
				.object({
					id,
					startsAt: isoWib,
					endsAt: isoWib,
					capacity: count,
					seatsLeft: count,
					status: z.enum(['open', 'sold_out', 'closed', 'cutoff']).meta({
						description:
							'closed: closed by the host; cutoff: past the booking cut-off or started; sold_out: no seat left'
					})
				})
				.meta({ id: 'Slot' })
		)
	})
	.meta({ id: 'SlotList', description: 'Slots of a package with seats left' });

const bookingStatus = z.enum([
	'requested',
	'confirmed',
	'declined',
	'expired',
	'cancelled_by_tourist',
	'cancelled_by_host'
]);

export const bookingCreated = z
	.object({
		code: bookingCode,
		status: bookingStatus.meta({
			description: 'requested or confirmed; a replay answers with what the booking is now'
		}),
		seats: count,
		totalIdr: rupiah,
		manageUrl: z
			.url()
			.meta({ description: 'The page to read or cancel; its last part is the manage secret' }),
		order: z
			.object({ code: orderCode, totalIdr: rupiah })
			.nullable()
			.meta({ description: 'The village-shop products ordered with the visit' })
	})
	.meta({ id: 'BookingCreated' });

export const booking = z
	.object({
		code: bookingCode,
		status: bookingStatus,
		seats: count,
		people: z.number().int().positive(),
		totalIdr: rupiah,
		startsAt: isoWib,
		endsAt: isoWib,
		package: z.object({ slug: z.string(), title: z.string() }),
		village: z.object({ code: villageCode, name: z.string() }),
		party: z.array(
			z.object({
				category: z.string(),
				label: z.string(),
				quantity: z.number().int().positive(),
				unitPriceIdr: rupiah
			})
		),
		cancellableUntil: isoWib
			.nullable()
			.meta({ description: 'The last moment the booking may be cancelled here' }),
		products: z
			.object({
				code: orderCode,
				status: z.enum(['reserved', 'collected', 'cancelled', 'uncollected']),
				totalIdr: rupiah,
				lines: z.array(
					z.object({
						product: z.string(),
						unit: z.string(),
						quantity: z.number().int().positive(),
						unitPriceIdr: rupiah
					})
				)
			})
			.nullable()
			.meta({
				description: 'Village-shop products ordered with the visit, collected and paid there'
			})
	})
	.meta({ id: 'Booking' });

export const monthlyStatistics = z
	.object({
		from: month,
		to: month,
		rows: z.array(
			z.object({
				month,
				villageCode,
				villageName: z.string(),
				districtCode: z.string(),
				districtName: z.string(),
				domestic: count.meta({ description: 'Visitors from Indonesia (wisatawan nusantara)' }),
				foreign: count.meta({ description: 'Visitors from abroad (wisatawan mancanegara)' }),
				total: count.meta({ description: 'People who came: checked-in bookings plus walk-ins' }),
				booked: count.meta({ description: 'Of total, people who came with a booking' }),
				walkIn: count.meta({ description: 'Of total, people who came without one' })
			})
		)
	})
	.meta({
		id: 'MonthlyStatistics',
		description: 'Visitors per village and month: aggregates only, no persons, no money'
	});

/** The document describes itself no further than its version. */
export const openapiDocument = z
	.looseObject({ openapi: z.literal('3.1.0') })
	.meta({ id: 'OpenApiDocument', description: 'This document' });

// ---- Errors: every one is { error, message, fields? } ------------------------------------

function errorBody<const Code extends string>(codes: readonly [Code, ...Code[]]) {
	return z.object({
		error: z.enum(codes).meta({ description: 'Stable, for programs' }),
		message: z.string().meta({ description: 'For people; may change' })
	});
}

const fields = z.record(z.string(), z.string()).meta({
	description:
		"Message per field path (contact.phone, party.0.quantity), in the site's base language (Indonesian)"
});

/** The shape every error answer shares, for clients that read them all the same way. */
export const apiError = z
	.object({ error: z.string(), message: z.string(), fields: fields.optional() })
	.meta({ id: 'Error', description: 'Any error: a code for programs, a message for people' });

export const badJson = errorBody(['bad_json']).meta({
	id: 'BadJson',
	description: 'The body is not JSON'
});
export const crossOrigin = errorBody(['cross_origin']).meta({
	id: 'CrossOrigin',
	description: 'A write whose Origin header names another site (a browser on another site)'
});
export const notFound = errorBody(['not_found']).meta({
	id: 'NotFound',
	description: 'Nothing answers to this address'
});
export const methodNotAllowed = errorBody(['method_not_allowed']).meta({
	id: 'MethodNotAllowed',
	description: 'The path exists with other methods: the Allow header lists them'
});
export const notEnoughSeats = errorBody(['not_enough_seats'])
	.extend({ seatsLeft: count })
	.meta({ id: 'NotEnoughSeats', description: 'Not enough seats left in the slot' });
export const cancelRefused = errorBody(['not_active', 'too_late']).meta({
	id: 'CancelRefused',
	description: 'Already cancelled, or past the cancellation window'
});
export const payloadTooLarge = errorBody(['payload_too_large']).meta({
	id: 'PayloadTooLarge',
	description: 'The body is longer than the API takes'
});
export const invalid = errorBody(['invalid', 'idempotency_key_reused']).extend({ fields }).meta({
	id: 'Invalid',
	description:
		'A field breaks a rule (invalid), or an Idempotency-Key came back with another request (idempotency_key_reused)'
});
export const rateLimited = errorBody(['rate_limited'])
	.extend({ retryAfterSeconds: z.number().int().positive() })
	.meta({ id: 'RateLimited', description: 'Too many writes from this address in a minute' });
export const unavailable = errorBody(['database_unavailable']).meta({
	id: 'Unavailable',
	description: 'The database is away for a moment: retry after Retry-After seconds'
});
