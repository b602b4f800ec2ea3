import { fail, redirect } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as checkins from '$lib/server/visits/check-in';
import * as shop from '$lib/server/shop';
import { parse } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const code = (url.searchParams.get('kode') ?? '').slice(0, 200).trim();
	// A shop order's code leads to its day's pickups, where it is handed over and paid.
	const pickupDate = await shop.findPickupDate(params.village, code.replace(/\s+/g, ''));
	if (pickupDate) {
		const prefix = locals.locale === 'en' ? '/en' : '';
		redirect(303, `${prefix}/host/${params.village}/hari-ini?tanggal=${pickupDate}`);
	}
	const found = code ? await checkins.find(params.village, code, locals.locale) : undefined;
	const order =
		found?.ok && found.booking
			? await shop.findForBookingCode(params.village, found.booking.code, locals.locale)
			: undefined;
	return { code, found, order };
};

export const actions: Actions = {
	checkIn: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const data = await request.formData();
		const counts: Record<string, string> = {};
		for (const [name, value] of data) {
			if (name.startsWith('line.') && typeof value === 'string') {
				counts[name.slice('line.'.length)] = value.slice(0, 10);
			}
		}
		const parsed = parse(checkins.codeForm, { code: data.get('code') });
		if (!parsed.ok) {
			return fail(422, { code: '', counts, fields: parsed.fields, message: parsed.fields.code });
		}
		const { code } = parsed.data;
		const result = await checkins.record(user.id, params.village, code, counts);
		if (!result.ok) {
			return fail(422, { code, counts, fields: result.fields, message: result.message });
		}
		return { code, checkedInCount: result.checkedInCount };
	}
};
