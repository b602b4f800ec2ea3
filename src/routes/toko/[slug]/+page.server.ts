import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { addDays, todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { IDEMPOTENCY_KEY } from '$lib/server/bookings/input';
import { spendFormWrite } from '$lib/server/http/request-guards';
import * as shop from '$lib/server/shop';
import * as villages from '$lib/server/villages';
import type { FieldErrors } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

async function findVillage(locale: Locale, slug: string) {
	const village = await villages.findBySlug(locale, slug);
	if (!village) error(404, m.not_found_title());
	return village;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const village = await findVillage(locals.locale, params.slug);
	const today = todayInJakarta();
	return {
		village: { slug: village.slug, name: village.name, product: village.product },
		products: await shop.listVillageProducts(village.code, locals.locale),
		firstPickup: today,
		lastPickup: addDays(today, shop.PICKUP_DAYS_AHEAD),
		// One key per form: a double click or a resent form orders once.
		idempotencyKey: randomUUID()
	};
};

function field(data: FormData, name: string, max = 300): string {
	const value = data.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

export const actions: Actions = {
	order: async (event) => {
		const refused = await spendFormWrite(event);
		if (refused) return refused;
		const { request, params, locals } = event;
		const village = await findVillage(locals.locale, params.slug);
		const products = await shop.listVillageProducts(village.code, locals.locale);
		const data = await request.formData();
		const values = {
			quantities: Object.fromEntries(
				products.map((p) => [String(p.id), field(data, `product.${p.id}`, 10)])
			),
			pickupDate: field(data, 'pickupDate', 20),
			name: field(data, 'contact.name'),
			phone: field(data, 'contact.phone'),
			email: field(data, 'contact.email'),
			idempotencyKey: field(data, 'idempotencyKey', 200)
		};
		// An empty box is none of that product; anything else is read as a whole count.
		const lines = products
			.map((p) => ({ product: p.id, quantity: values.quantities[String(p.id)] }))
			.filter((line) => line.quantity.trim() !== '' && line.quantity !== '0');
		if (!IDEMPOTENCY_KEY.test(values.idempotencyKey)) values.idempotencyKey = '';
		const result = await shop.placeOrder(
			{
				village: village.slug,
				pickupDate: values.pickupDate,
				products: lines,
				contact: { name: values.name, phone: values.phone, email: values.email },
				language: locals.locale
			},
			{ idempotencyKey: values.idempotencyKey || undefined }
		);
		if (!result.ok) {
			const fields: FieldErrors = {};
			for (const [path, message] of Object.entries(result.fields)) {
				fields[shop.nameProductField(path, lines) ?? path] ??= message;
			}
			return fail(422, { values, fields });
		}
		const { code, secret } = result.order;
		redirect(303, `${shop.buildOrderPath(code, secret ?? '', locals.locale)}?baru=1`);
	}
};
