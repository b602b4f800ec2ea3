import { invalid, readJson, reply } from '$lib/server/http/api';
import * as schemas from '$lib/server/http/api-schemas';
import { bookingInput, IDEMPOTENCY_KEY } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import { m } from '$lib/paraglide/messages';
import { parse } from '$lib/validation';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	const read = await readJson(request);
	if (!read.ok) return read.response;
	const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
	if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
		return invalid({ idempotencyKey: m.validation_invalid() });
	}
	const parsed = parse(bookingInput, read.body);
	if (!parsed.ok) return invalid(parsed.fields);

	const result = await bookings.create(parsed.data, { idempotencyKey });
	if (result.ok) {
		const { code, status, seats, totalIdr, manageUrl, order } = result.booking;
		return reply(
			schemas.bookingCreated,
			{ code, status, seats, totalIdr, manageUrl, order },
			{ status: 201, headers: result.replayed ? { 'idempotent-replayed': 'true' } : {} }
		);
	}
	if (result.error === 'not_enough_seats') {
		return reply(
			schemas.notEnoughSeats,
			{
				error: 'not_enough_seats',
				message: 'Not enough seats are left in this slot.',
				seatsLeft: result.seatsLeft
			},
			{ status: 409 }
		);
	}
	return invalid(result.fields, result.error);
};
