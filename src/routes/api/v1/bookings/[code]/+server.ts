import { json } from '@sveltejs/kit';
import { bearer, notFound } from '$lib/server/api';
import * as bookings from '$lib/server/bookings';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, request, locals }) => {
	const secret = bearer(request);
	const booking = secret && (await bookings.findForManage(params.code, secret, locals.locale));
	if (!booking) return notFound();
	return json(bookings.toApi(booking), { headers: { 'cache-control': 'no-store' } });
};
