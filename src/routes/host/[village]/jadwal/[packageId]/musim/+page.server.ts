import { error, fail, redirect } from '@sveltejs/kit';
import { isMonth } from '$lib/dates';
import { requireHost } from '$lib/server/auth/guards';
import * as hostSeasons from '$lib/server/seasons/host';
import { m } from '$lib/paraglide/messages';
import { parse } from '$lib/validation';
import { packageIdOf } from '../../../paket/package-id';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const season = await hostSeasons.findSeason(params.village, packageIdOf(params));
	if (!season) error(404, m.not_found_title());
	const notified = Number(url.searchParams.get('dikabari'));
	return {
		...season,
		saved: url.searchParams.has('tersimpan'),
		notified: Number.isSafeInteger(notified) && notified > 0 ? notified : 0
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const packageId = packageIdOf(params);
		const form = await request.formData();
		const open = form.getAll('open').filter(isMonth).slice(0, hostSeasons.MONTHS_SHOWN);
		const parsed = parse(hostSeasons.seasonInput, {
			shown: form.getAll('month'),
			open: form.getAll('open')
		});
		if (!parsed.ok) {
			return fail(422, { open, fields: { months: m.season_host_months_invalid() } });
		}
		const result = await hostSeasons.saveSeason(user.id, params.village, packageId, parsed.data);
		if (!result) error(404, m.not_found_title());
		if (!result.ok) {
			if ('conflicts' in result) return fail(409, { open, conflicts: result.conflicts });
			return fail(422, { open, fields: result.fields });
		}
		const notified = result.notified > 0 ? `&dikabari=${result.notified}` : '';
		redirect(303, `${url.pathname}?tersimpan=1${notified}`);
	}
};
