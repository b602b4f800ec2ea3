import { fail } from '@sveltejs/kit';
import { isWithin, searchableDates, todayInJakarta } from '$lib/dates';
import { requireHost } from '$lib/server/auth/guards';
import { readDayManifest } from '$lib/server/bookings/manifest';
import * as checkins from '$lib/server/visits/check-in';
import * as shop from '$lib/server/shop';
import * as walkIns from '$lib/server/visits/walk-ins';
import { parse } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const now = new Date();
	const today = todayInJakarta(now);
	const asked = url.searchParams.get('tanggal') ?? '';
	const date = isWithin(asked, searchableDates(now)) ? asked : today;
	const [slots, walkInPeople, pickups] = await Promise.all([
		readDayManifest(params.village, date, locals.locale),
		walkIns.countPeopleOfDay(params.village, date),
		shop.listPickupsOfDay(params.village, date, locals.locale)
	]);
	return { date, today, slots, walkInPeople, pickups };
};

export const actions: Actions = {
	markNoShows: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const slotId = Number((await request.formData()).get('slotId'));
		const result = Number.isSafeInteger(slotId)
			? await checkins.markNoShows(user.id, params.village, slotId)
			: undefined;
		if (!result?.ok) return fail(409, { slotId, message: result?.message });
		return { slotId, marked: result.marked };
	},
	collect: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const data = await request.formData();
		const code = String(data.get('code') ?? '').slice(0, 20);
		const result = await shop.markCollected(params.village, user.id, {
			code,
			paymentMethod: data.get('paymentMethod') || undefined
		});
		if (!result.ok) return fail(422, { collectCode: code, fields: result.fields });
		return { collected: code };
	},
	undoNoShow: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const parsed = parse(checkins.codeForm, { code: (await request.formData()).get('code') });
		if (!parsed.ok) return fail(422, { code: '', message: parsed.fields.code });
		const { code } = parsed.data;
		const result = await checkins.undoNoShow(user.id, params.village, code);
		if (!result.ok) return fail(409, { code, message: result.message });
		return { code, undone: true };
	}
};
