import * as statistics from '$lib/server/statistics';
import { todayInJakarta } from '$lib/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const period = statistics.readPeriod(url.searchParams, todayInJakarta());
	const rows = await statistics.openData(period.from, period.to);
	return { period, rows };
};
