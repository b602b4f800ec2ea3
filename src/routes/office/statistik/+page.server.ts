import { todayInJakarta } from '$lib/dates';
import { requireOffice } from '$lib/server/auth/guards';
import * as shopStatistics from '$lib/server/statistics/products';
import * as statistics from '$lib/server/statistics';
import type { PageServerLoad } from './$types';

// Server-rendered only: the charts are drawn on the server and nothing here needs a script,
// so the page ships no JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOffice(locals);
	const period = statistics.readPeriod(url.searchParams, todayInJakarta());
	const typedVillage = url.searchParams.get('desa')?.trim() ?? '';
	const villages = await statistics.listVillages('all');
	const known = villages.some((village) => village.code === typedVillage);
	const scope = known ? [typedVillage] : 'all';
	return {
		period,
		dashboard: await statistics.readDashboard(scope, period.month, locals.locale),
		productSales: await shopStatistics.readProductSales(
			scope,
			period.from,
			period.to,
			locals.locale
		),
		villageFilter: {
			options: villages.map(({ code, name }) => ({ code, name })),
			selected: known ? typedVillage : '',
			typed: typedVillage,
			unknown: typedVillage !== '' && !known
		}
	};
};
