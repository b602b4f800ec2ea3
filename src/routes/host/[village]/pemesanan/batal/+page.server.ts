import { fail } from '@sveltejs/kit';
import { isCalendarDate, isWithin, searchableDates, todayInJakarta } from '$lib/dates';
import { requireHost } from '$lib/server/auth/guards';
import * as hostBookings from '$lib/server/bookings/host';
import { readDayManifest, cancelSlot, cancelDay } from '$lib/server/bookings/manifest';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const asked = url.searchParams.get('tanggal') ?? '';
	const now = new Date();
	const date = isWithin(asked, searchableDates(now)) ? asked : todayInJakarta(now);
	const slotId = Number(url.searchParams.get('slot'));
	const slots = await readDayManifest(params.village, date, locals.locale);
	const slot = slots.find((each) => each.id === slotId);
	return { date, slots, slot };
};

async function readCancel(request: Request) {
	const data = await request.formData();
	const reason = String(data.get('reason') ?? '').slice(0, 600);
	return { data, reason, read: hostBookings.readReason(reason) };
}

export const actions: Actions = {
	cancelSlot: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const { data, reason, read } = await readCancel(request);
		const slotId = Number(data.get('slotId'));
		if (!read.ok) return fail(422, { reason, fields: read.fields });
		if (!Number.isSafeInteger(slotId)) return fail(422, { reason, fields: {} });
		const result = await cancelSlot(user.id, params.village, slotId, read.reason);
		if (!result.ok) return fail(409, { reason, message: result.message });
		return { cancelled: result.cancelled, told: result.told };
	},
	cancelDay: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const { data, reason, read } = await readCancel(request);
		const date = String(data.get('date') ?? '');
		if (!read.ok) return fail(422, { reason, fields: read.fields });
		if (!isCalendarDate(date)) return fail(422, { reason, fields: {} });
		const result = await cancelDay(user.id, params.village, date, read.reason);
		if (!result.ok) return fail(409, { reason, message: result.message });
		return { cancelled: result.cancelled, told: result.told };
	}
};
