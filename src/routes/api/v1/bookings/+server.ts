import { json } from '@sveltejs/kit';
import { badJson, invalid, readJson } from '$lib/server/api';
import { bookingInput, IDEMPOTENCY_KEY } from '$lib/server/booking-input';
import * as bookings from '$lib/server/bookings';
import { m } from '$lib/paraglide/messages';
import { parse } from '$lib/validation';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	const read = await readJson(request);
	if (!read.ok) return badJson();
	const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
	if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
		return invalid({ idempotencyKey: m.validation_invalid() });
	}
	const parsed = parse(bookingInput, read.body);
	if (!parsed.ok) return invalid(parsed.fields);

	const result = await bookings.create(parsed.data, { idempotencyKey });
	if (result.ok) {
		const { code, status, seats, totalIdr, manageUrl, order } = result.booking;
		return json(
			{ code, status, seats, totalIdr, manageUrl, order },
			{ status: 201, headers: result.replayed ? { 'idempotent-replayed': 'true' } : {} }
		);
	}
	if (result.error === 'not_enough_seats') {
		return json({ error: 'not_enough_seats', seatsLeft: result.seatsLeft }, { status: 409 });
	}
	return json({ error: result.error, fields: result.fields }, { status: 422 });
};
