import { todayInJakarta } from '$lib/format';
import { requireHost } from '$lib/server/auth/guards';
import * as hostBookings from '$lib/server/host-bookings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const filters = hostBookings.readFilters(url.searchParams);
	const askedMonth = url.searchParams.get('bulan') ?? '';
	const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(askedMonth)
		? askedMonth
		: todayInJakarta().slice(0, 7);
	const [packages, listed, days] = await Promise.all([
		hostBookings.villagePackages(params.village, locals.locale),
		hostBookings.list(params.village, filters, locals.locale),
		hostBookings.monthSummary(params.village, month)
	]);
	return { packages, filters, month, days, ...listed };
};
