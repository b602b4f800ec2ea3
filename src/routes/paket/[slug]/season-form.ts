// The "tell me when it is in season" form of the package page (?/notifySeason).
import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as packages from '$lib/server/packages';
import { spendFormWrite } from '$lib/server/http/request-guards';
import * as seasonSubscriptions from '$lib/server/seasons/subscriptions';
import type { Action } from './$types';

export const notifySeason: Action = async (event) => {
	const refused = await spendFormWrite(event);
	if (refused) return fail(429, { season: { fields: { form: refused.data.rateLimited } } });
	const { params, request, locals, getClientAddress } = event;
	const pkg = await packages.findPublishedBySlug(locals.locale, params.slug);
	if (!pkg) error(404, m.not_found_title());
	const email = (await request.formData()).get('email');
	const result = await seasonSubscriptions.subscribe(pkg.id, { email }, locals.locale, {
		clientAddress: getClientAddress()
	});
	if (!result.ok) {
		const typed = typeof email === 'string' ? email.slice(0, 254) : '';
		return fail(result.status, { season: { email: typed, fields: result.fields } });
	}
	return { season: { subscribed: result.email } };
};
