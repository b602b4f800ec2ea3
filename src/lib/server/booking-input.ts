// The shape of a booking request, shared by the JSON API and the booking form.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { text, wholeCount } from '$lib/validation';
import { isCountry, isProvince } from './origin';

const phone = text(32)
	.min(1)
	.transform((value, ctx) => {
		// Indonesian numbers may be written 08…, 62… or +62…; other countries need their code.
		const parsed = parsePhoneNumberFromString(value.replace(/^62/, '+62'), 'ID');
		if (!parsed || !parsed.isValid()) {
			ctx.addIssue({ code: 'custom', message: m.booking_phone_invalid() });
			return z.NEVER;
		}
		return parsed.number;
	});

const email = z
	.string()
	.max(254)
	.nullish()
	.transform((value) => value?.trim() || null)
	.pipe(z.union([z.null(), z.email({ error: () => m.booking_email_invalid() })]));

// A province only means something for Indonesian visitors; the check for them is below.
const province = z
	.string()
	.max(10)
	.nullish()
	.transform((value) => value?.trim() || null)
	.pipe(
		z.union([
			z.null(),
			z.string().refine(isProvince, { error: () => m.booking_province_unknown() })
		])
	);

/** A client's idempotency key: printable ASCII, long enough to be unique. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

/** Name, phone and an optional e-mail address: who to reach about a booking or an order. */
export const contactSchema = z.object({
	name: text(100).min(1),
	phone,
	email
});

/** The most of one product one order may hold. */
export const MAX_PRODUCT_QUANTITY = 99;

/** Products of the village shop by id, with how many of each. */
export const productLines = z
	.array(
		z.object({
			product: z.number().int().positive().max(2_147_483_647),
			quantity: wholeCount(0, MAX_PRODUCT_QUANTITY)
		})
	)
	.max(50);

export const bookingInput = z
	.object({
		slotId: z.number().int().positive().max(2_147_483_647),
		party: z
			.array(
				z.object({
					category: text(32).min(1),
					quantity: wholeCount(0, 500)
				})
			)
			.min(1)
			.max(20),
		contact: contactSchema,
		/** Products to collect and pay at the visit. */
		products: productLines.default([]),
		origin: z.object({
			country: z
				.string()
				.trim()
				.toUpperCase()
				.refine(isCountry, { error: () => m.booking_country_unknown() }),
			province
		}),
		language: z.enum(['id', 'en'])
	})
	// Runs even when other fields failed, so that every message shows at once.
	.refine(
		(input) =>
			String(input?.origin?.country ?? '').toUpperCase() !== 'ID' || Boolean(input.origin.province),
		{
			path: ['origin', 'province'],
			error: () => m.booking_province_required(),
			when: () => true
		}
	)
	.transform((input) => ({
		...input,
		origin: {
			country: input.origin.country,
			province: input.origin.country === 'ID' ? input.origin.province : null
		}
	}));

export type BookingInput = z.output<typeof bookingInput>;
