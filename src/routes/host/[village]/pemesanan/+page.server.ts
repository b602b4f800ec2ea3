import { isMonth, isWithin, monthInJakarta, searchableDates } from '$lib/dates';
import { requireHost } from '$lib/server/auth/guards';
import * as hostBookings from '$lib/server/bookings/host';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const now = new Date();
	// A filter that cannot be read is left out and explained beside its field, never an error.
	const { filters, ignored } = hostBookings.readFilters(url.searchParams, now);
	const askedMonth = url.searchParams.get('bulan') ?? '';
	const month =
		isMonth(askedMonth) && isWithin(`${askedMonth}-01`, searchableDates(now))
			? askedMonth
			: monthInJakarta(now);
	const [packages, listed, days] = await Promise.all([
		hostBookings.listVillagePackages(params.village, locals.locale),
		hostBookings.list(params.village, filters, locals.locale),
		hostBookings.summarizeMonth(params.village, month)
	]);
	return { packages, filters, ignored, month, days, ...listed };
};
