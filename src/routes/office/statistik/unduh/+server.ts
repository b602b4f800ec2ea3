import { todayInJakarta } from '$lib/dates';
import { requireOffice } from '$lib/server/auth/guards';
import * as statistics from '$lib/server/statistics';
import { csvResponse, readCsvRequest } from '../csv-request';
import type { RequestHandler } from './$types';

/** A CSV of every village, or of one (?desa=); bad input gets 422 with the reason. */
export const GET: RequestHandler = async ({ locals, url }) => {
	requireOffice(locals);
	const typedVillage = url.searchParams.get('desa')?.trim() ?? '';
	const unknown = typedVillage ? await statistics.findUnknownVillages([typedVillage]) : [];
	const request = readCsvRequest(url.searchParams, todayInJakarta(), unknown.length > 0);
	if (!request.ok) return request.response;
	const scope = typedVillage ? [typedVillage] : 'all';
	return csvResponse(await statistics.exportCsv(scope, request.csv, locals.locale));
};
