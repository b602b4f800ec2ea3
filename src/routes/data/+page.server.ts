import { todayInJakarta } from '$lib/dates';
import * as statistics from '$lib/server/statistics';
import type { PageServerLoad } from './$types';

// Server-rendered only: the charts are drawn on the server and nothing here needs a script,
// so the page ships no JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ url }) => {
	const period = statistics.readPeriod(url.searchParams, todayInJakarta());
	const rows = await statistics.readOpenData(period.from, period.to);
	return { period, rows };
};
