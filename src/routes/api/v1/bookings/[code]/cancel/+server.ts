import { json } from '@sveltejs/kit';
import { bearer, notFound } from '$lib/server/api';
import * as bookings from '$lib/server/bookings';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals }) => {
	const secret = bearer(request);
	if (!secret) return notFound();
	const result = await bookings.cancelByTourist(params.code, secret);
	if (!result.ok) {
		if (result.error === 'not_found') return notFound();
		return json({ error: result.error, message: result.message }, { status: 409 });
	}
	const booking = await bookings.findForManage(params.code, secret, locals.locale);
	return json(
		booking ? bookings.toApi(booking) : { code: params.code, status: 'cancelled_by_tourist' }
	);
};
