// The shape of a booking request, shared by the JSON API and the booking form.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { text, wholeCount } from '$lib/validation';
import { isCountry, isProvince } from '../origin';

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
	})
	.meta({ description: '08…, 62… or +62… in Indonesia; +<country code>… elsewhere' });

const email = z
	.string()
	.max(254)
	.nullish()
	.transform((value) => value?.trim() || null)
	.pipe(z.union([z.null(), z.email({ error: () => m.booking_email_invalid() })]))
	.meta({ description: 'An e-mail address; the confirmation is sent there' });

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
	)
	.meta({
		description: 'Kemendagri province code (16 for South Sumatra); required when country is ID'
	});

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
	.max(50)
	.meta({ description: 'Village-shop products by id, with how many of each' });

export const bookingInput = z
	.object({
		slotId: z
			.number()
			.int()
			.positive()
			.max(2_147_483_647)
			.meta({ description: 'A slot id from /packages/{slug}/availability' }),
		party: z
			.array(
				z.object({
					category: text(32).min(1).meta({ description: 'A price category code of the package' }),
					quantity: wholeCount(0, 500)
				})
			)
			.min(1)
			.max(20)
			.meta({
				description:
					"How many people of each price category: at least one who takes a seat; a category's originRule must fit origin.country (a 422 names party.N.category)"
			}),
		contact: contactSchema,
		/** Products to collect and pay at the visit. */
		products: productLines.default([]),
		origin: z.object({
			country: z
				.string()
				.trim()
				.toUpperCase()
				.refine(isCountry, { error: () => m.booking_country_unknown() })
				.meta({ description: 'ISO 3166-1 alpha-2, in any letter case', examples: ['ID', 'MY'] }),
			province
		}),
		language: z.enum(['id', 'en']).meta({ description: 'The language of the e-mails' })
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
	}))
	.meta({ id: 'BookingRequest' });

export type BookingInput = z.output<typeof bookingInput>;
