// The unsubscribe link of "tell me when it is in season". Opening it changes nothing (mail
// scanners open links); the one button posts to the default action, which deletes the address.
import * as seasonSubscriptions from '$lib/server/seasons/subscriptions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => ({
	subscription: (await seasonSubscriptions.findByToken(params.token, locals.locale)) ?? null
});

export const actions: Actions = {
	default: async ({ params }) => {
		await seasonSubscriptions.unsubscribe(params.token);
		// The same answer whether it was there or not: the link only ever ends a subscription.
		return { unsubscribed: true };
	}
};
