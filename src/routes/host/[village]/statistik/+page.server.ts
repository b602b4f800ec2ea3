import { todayInJakarta } from '$lib/dates';
import { requireHost } from '$lib/server/auth/guards';
import * as shopStatistics from '$lib/server/statistics/products';
import * as statistics from '$lib/server/statistics';
import type { PageServerLoad } from './$types';

// Server-rendered only: the charts are drawn on the server and nothing here needs a script,
// so the page ships no JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const period = statistics.readPeriod(url.searchParams, todayInJakarta());
	return {
		period,
		dashboard: await statistics.readDashboard([params.village], period.month, locals.locale),
		productSales: await shopStatistics.readProductSales(
			[params.village],
			period.from,
			period.to,
			locals.locale
		)
	};
};
