import { error, fail, redirect } from '@sveltejs/kit';
import { todayInJakarta } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireOffice } from '$lib/server/auth/guards';
import * as packageReview from '$lib/server/packages/review';
import { parse } from '$lib/validation';
import type { Actions, PageServerLoad } from './$types';

function packageId(param: string): number {
	const id = Number(param);
	if (!/^\d{1,15}$/.test(param) || !Number.isSafeInteger(id)) error(404, m.not_found_title());
	return id;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireOffice(locals);
	const pkg = await packageReview.find(packageId(params.id), todayInJakarta());
	if (!pkg) error(404, m.not_found_title());
	return {
		pkg,
		statusLabel: packageReview.labelStatus(pkg.status),
		decided: url.searchParams.get('keputusan')
	};
};

export const actions: Actions = {
	approve: async ({ locals, params, request }) => {
		const user = requireOffice(locals);
		const id = packageId(params.id);
		const version = String((await request.formData()).get('version') ?? '').slice(0, 100);
		const result = await packageReview.approve(user, id, version);
		if (!result.ok) {
			return fail(409, { form: 'approve', message: packageReview.refusalMessage(result) });
		}
		redirect(
			303,
			localizeHref(`/office/tinjauan/${id}?keputusan=terbit`, { locale: locals.locale })
		);
	},
	sendBack: async ({ locals, params, request }) => {
		const user = requireOffice(locals);
		const id = packageId(params.id);
		const note = String((await request.formData()).get('note') ?? '').slice(0, 5000);
		const parsed = parse(packageReview.sendBackSchema, { note });
		if (!parsed.ok) return fail(400, { form: 'sendBack', values: { note }, fields: parsed.fields });
		const result = await packageReview.sendBack(user, id, parsed.data.note);
		if (!result.ok) {
			return fail(409, {
				form: 'sendBack',
				values: { note },
				fields: { _: packageReview.refusalMessage(result) }
			});
		}
		redirect(
			303,
			localizeHref(`/office/tinjauan/${id}?keputusan=kembali`, { locale: locals.locale })
		);
	}
};
