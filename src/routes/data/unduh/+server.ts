import { todayInJakarta } from '$lib/dates';
import * as statistics from '$lib/server/statistics';
import { csvResponse, readCsvRequest } from '../../office/statistik/csv-request';
import type { RequestHandler } from './$types';

/** The public monthly table by village: visitor counts only (the booking columns stay out). */
export const GET: RequestHandler = async ({ url }) => {
	const params = new URLSearchParams(url.searchParams);
	params.set('tabel', 'bulanan');
	const request = readCsvRequest(params, todayInJakarta(), false);
	if (!request.ok) return request.response;
	return csvResponse(await statistics.exportOpenDataCsv(request.csv.from, request.csv.to));
};
