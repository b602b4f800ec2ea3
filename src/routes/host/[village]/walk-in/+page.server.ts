import { fail } from '@sveltejs/kit';
import { todayInJakarta } from '$lib/dates';
import { requireHost } from '$lib/server/auth/guards';
import * as hostBookings from '$lib/server/bookings/host';
import { listCountryOptions, provinces } from '$lib/server/origin';
import * as walkIns from '$lib/server/visits/walk-ins';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireHost(locals, params.village);
	const today = todayInJakarta();
	const [packages, walkInsToday] = await Promise.all([
		hostBookings.listVillagePackages(params.village, locals.locale),
		walkIns.listOfDay(params.village, today, locals.locale)
	]);
	return {
		today,
		packages,
		walkIns: walkInsToday,
		countries: listCountryOptions(locals.locale),
		provinces
	};
};

export const actions: Actions = {
	record: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const values = walkIns.readForm(await request.formData());
		const result = await walkIns.record(user.id, params.village, values);
		if (!result.ok) return fail(422, { values, fields: result.fields });
		return { recorded: true };
	},
	remove: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const id = Number((await request.formData()).get('id'));
		const result = Number.isSafeInteger(id)
			? await walkIns.remove(user.id, params.village, id)
			: undefined;
		if (!result?.ok) return fail(409, { removeMessage: result?.message });
		return { removed: true };
	}
};
