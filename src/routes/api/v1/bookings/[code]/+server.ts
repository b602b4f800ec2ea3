import { readBearer, notFound, reply } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import * as bookings from '$lib/server/bookings';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, request, locals }) => {
	const secret = readBearer(request);
	const booking = secret && (await bookings.findForManage(params.code, secret, locals.locale));
	if (!booking) return notFound();
	return reply(schemas.booking, bookings.describeForApi(booking), {
		headers: { 'cache-control': 'no-store' }
	});
};
