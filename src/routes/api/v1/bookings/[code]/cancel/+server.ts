import { readBearer, notFound, reply } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import * as bookings from '$lib/server/bookings';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, locals }) => {
	const secret = readBearer(request);
	if (!secret) return notFound();
	const result = await bookings.cancelByTourist(params.code, secret);
	if (!result.ok) {
		if (result.error === 'not_found') return notFound();
		return reply(
			schemas.cancelRefused,
			{ error: result.error, message: result.message },
			{ status: 409 }
		);
	}
	// Only an erasure in the moment since the cancellation leaves nothing to read.
	const booking = await bookings.findForManage(params.code, secret, locals.locale);
	return booking ? reply(schemas.booking, bookings.describeForApi(booking)) : notFound();
};
