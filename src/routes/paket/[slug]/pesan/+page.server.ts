import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { bookingInput, IDEMPOTENCY_KEY } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import { listCountryOptions, provinces } from '$lib/server/origin';
import * as packages from '$lib/server/packages';
import { spendFormWrite } from '$lib/server/http/request-guards';
import * as shop from '$lib/server/shop';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { parse } from '$lib/validation';
import { readBookingForm } from './booking-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const pkg = await packages.findPublishedBySlug(locals.locale, params.slug);
	if (!pkg) error(404, m.not_found_title());
	const slotId = Number(url.searchParams.get('slot'));
	const slot =
		Number.isSafeInteger(slotId) && slotId > 0
			? await bookings.slotOfPackage(pkg.id, slotId)
			: undefined;
	// The village shop's products in season on the day of the visit, to collect there.
	const products = slot
		? (await shop.listVillageProducts(pkg.village.code, locals.locale)).filter((product) =>
				shop.isInSeasonOn(product.seasonMonths, slot.localDate)
			)
		: [];
	return {
		pkg,
		slot,
		// Booked inside the cancellation window, the visit cannot be cancelled online: said before.
		cancelClosed: slot
			? bookings.cancelDeadline(slot.startsAt, pkg.cancelHours) <= new Date()
			: false,
		products,
		countries: listCountryOptions(locals.locale),
		provinces,
		// One key per form: a double click or a resent form books once.
		idempotencyKey: randomUUID()
	};
};

async function readRequest(request: Request, slug: string, locale: Locale) {
	const pkg = await packages.findPublishedBySlug(locale, slug);
	if (!pkg) error(404, m.not_found_title());
	const products = await shop.listVillageProducts(pkg.village.code, locale);
	return {
		pkg,
		form: readBookingForm(await request.formData(), pkg.categories, products, locale)
	};
}

export const actions: Actions = {
	/** Shows the total without booking: the no-JavaScript way to see the price first. */
	quote: async (event) => {
		const refused = await spendFormWrite(event);
		if (refused) return refused;
		const { request, params, locals } = event;
		const { form } = await readRequest(request, params.slug, locals.locale);
		return { values: form.values, quoted: true };
	},
	book: async (event) => {
		const refused = await spendFormWrite(event);
		if (refused) return refused;
		const { request, params, locals } = event;
		const { pkg, form } = await readRequest(request, params.slug, locals.locale);
		const parsed = parse(bookingInput, form.raw);
		const fields = parsed.ok ? {} : form.fieldsByName(parsed.fields);
		// The form is for one package: a slot of another one is not this form's to book.
		if (parsed.ok && !(await bookings.slotOfPackage(pkg.id, parsed.data.slotId))) {
			fields.slot = m.booking_slot_unknown();
		}
		if (form.values.idempotencyKey && !IDEMPOTENCY_KEY.test(form.values.idempotencyKey)) {
			form.values.idempotencyKey = '';
		}
		if (!form.values.acceptPolicy) fields.acceptPolicy = m.booking_policy_required();
		if (!parsed.ok || Object.keys(fields).length > 0)
			return fail(422, { values: form.values, fields });

		const result = await bookings.create(parsed.data, {
			idempotencyKey: form.values.idempotencyKey || undefined
		});
		if (!result.ok) {
			return fail(result.error === 'not_enough_seats' ? 409 : 422, {
				values: form.values,
				fields: form.fieldsByName(result.fields)
			});
		}
		const { code, secret } = result.booking;
		redirect(303, `${bookings.buildManagePath(code, secret, locals.locale)}?baru=1`);
	}
};
