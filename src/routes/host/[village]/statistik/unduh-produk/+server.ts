import { todayInJakarta } from '$lib/dates';
import { requireHost } from '$lib/server/auth/guards';
import * as shopStatistics from '$lib/server/statistics/products';
import { csvResponse } from '../../../../office/statistik/csv-request';
import { readProductCsvRequest } from '../../../../office/statistik/product-csv';
import type { RequestHandler } from './$types';

/** The office's product sales CSVs, for the host's own village only. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const request = readProductCsvRequest(url.searchParams, todayInJakarta(), false);
	if (!request.ok) return request.response;
	return csvResponse(
		await shopStatistics.exportCsv(
			[params.village],
			request.table,
			request.from,
			request.to,
			locals.locale
		)
	);
};
