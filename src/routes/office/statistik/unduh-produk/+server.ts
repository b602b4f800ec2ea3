import { todayInJakarta } from '$lib/dates';
import { requireOffice } from '$lib/server/auth/guards';
import * as shopStatistics from '$lib/server/statistics/products';
import * as statistics from '$lib/server/statistics';
import { csvResponse } from '../csv-request';
import { readProductCsvRequest } from '../product-csv';
import type { RequestHandler } from './$types';

/** Product sales of every village, or of one (?desa=), as CSV; bad input gets 422. */
export const GET: RequestHandler = async ({ locals, url }) => {
	requireOffice(locals);
	const typedVillage = url.searchParams.get('desa')?.trim() ?? '';
	const unknown = typedVillage ? await statistics.findUnknownVillages([typedVillage]) : [];
	const request = readProductCsvRequest(url.searchParams, todayInJakarta(), unknown.length > 0);
	if (!request.ok) return request.response;
	const scope = typedVillage ? [typedVillage] : 'all';
	return csvResponse(
		await shopStatistics.exportCsv(scope, request.table, request.from, request.to, locals.locale)
	);
};
