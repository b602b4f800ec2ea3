import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireHost } from '$lib/server/auth/guards';
import * as hostBookings from '$lib/server/bookings/host';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireHost(locals, params.village);
	const booking = await hostBookings.find(params.village, params.code, locals.locale);
	if (!booking) error(404, m.not_found_title());
	return { booking };
};

/** Decline and cancel share this: a reason is required, then one verb runs. */
async function withReason(
	request: Request,
	change: (reason: string) => Promise<hostBookings.ChangeResult>,
	action: 'decline' | 'cancel'
) {
	const reason = String((await request.formData()).get('reason') ?? '').slice(0, 600);
	const read = hostBookings.readReason(reason);
	if (!read.ok) return fail(422, { action, reason, fields: read.fields });
	const result = await change(read.reason);
	if (!result.ok) return fail(409, { action, reason, message: result.message });
	return { action, done: true };
}

export const actions: Actions = {
	accept: async ({ locals, params }) => {
		const { user } = await requireHost(locals, params.village);
		const result = await hostBookings.accept(user.id, params.village, params.code);
		if (!result.ok) return fail(409, { action: 'accept', message: result.message });
		return { action: 'accept', done: true };
	},
	decline: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		return withReason(
			request,
			(reason) => hostBookings.decline(user.id, params.village, params.code, reason),
			'decline'
		);
	},
	cancel: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		return withReason(
			request,
			(reason) => hostBookings.cancel(user.id, params.village, params.code, reason),
			'cancel'
		);
	}
};
