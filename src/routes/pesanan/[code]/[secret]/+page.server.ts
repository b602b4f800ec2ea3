import { error, fail } from '@sveltejs/kit';
import * as bookings from '$lib/server/bookings';
import { drawQrSvg } from '$lib/server/qr';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	const booking = await bookings.findForManage(params.code, params.secret, locals.locale);
	if (!booking) error(404, m.booking_not_found());
	// A private page: never cached by a shared proxy, never indexed.
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	return { booking, qr: await drawQrSvg(booking.code) };
};

export const actions: Actions = {
	cancel: async ({ params }) => {
		const result = await bookings.cancelByTourist(params.code, params.secret);
		if (!result.ok) {
			if (result.error === 'not_found') error(404, m.booking_not_found());
			return fail(409, { cancelError: result.message });
		}
		return { cancelled: true };
	}
};
