import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { drawQrSvg } from '$lib/server/qr';
import * as shop from '$lib/server/shop';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	const order = await shop.findForManage(params.code, params.secret, locals.locale);
	if (!order) error(404, m.shop_order_not_found());
	// A private page: never cached by a shared proxy, never indexed.
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	return { order, qr: await drawQrSvg(order.code) };
};

export const actions: Actions = {
	cancel: async ({ params }) => {
		const result = await shop.cancelOrder(params.code, params.secret);
		if (!result.ok) return fail(409, { cancelError: result.message });
		return { cancelled: true };
	}
};
