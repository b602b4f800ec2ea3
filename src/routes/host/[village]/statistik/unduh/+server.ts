import { todayInJakarta } from '$lib/dates';
import { requireHost } from '$lib/server/auth/guards';
import * as statistics from '$lib/server/statistics';
import { csvResponse, readCsvRequest } from '../../../../office/statistik/csv-request';
import type { RequestHandler } from './$types';

/** The same CSVs as the office's, for the host's own village only. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const request = readCsvRequest(url.searchParams, todayInJakarta(), false);
	if (!request.ok) return request.response;
	return csvResponse(await statistics.exportCsv([params.village], request.csv, locals.locale));
};
