import { error, fail, redirect } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as availability from '$lib/server/availability';
import * as seasonSubscriptions from '$lib/server/seasons/subscriptions';
import { m } from '$lib/paraglide/messages';
import { packageIdOf } from '../../paket/package-id';
import { readScheduleForm, valuesOf } from './schedule-form';
import type { Actions, PageServerLoad } from './$types';

async function findSchedule(villageCode: string, packageId: number) {
	const found = await availability.findSchedule(villageCode, packageId);
	if (!found) error(404, m.not_found_title());
	return found;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const packageId = packageIdOf(params);
	const found = await findSchedule(params.village, packageId);
	return {
		package: found.package,
		values: valuesOf(found.schedule),
		saved: url.searchParams.has('tersimpan')
	};
};

export const actions: Actions = {
	/** The slots of the next weeks as the typed schedule would give them; saves nothing. */
	preview: async ({ locals, params, request }) => {
		await requireHost(locals, params.village);
		const { package: pkg } = await findSchedule(params.village, packageIdOf(params));
		const form = readScheduleForm(await request.formData());
		if (!form.ok) return fail(422, { values: form.values, fields: form.fields });
		const preview = await availability.previewSchedule(pkg.id, pkg.durationMinutes, form.input);
		return { values: form.values, preview };
	},
	save: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const packageId = packageIdOf(params);
		const form = readScheduleForm(await request.formData());
		if (!form.ok) return fail(422, { values: form.values, fields: form.fields });
		const result = await availability.saveSchedule(user.id, params.village, packageId, form.input);
		if (!result) error(404, m.not_found_title());
		if (!result.ok) return fail(409, { values: form.values, conflicts: result.conflicts });
		// The new season months may have opened this month: those waiting for it are told now.
		await seasonSubscriptions.notifyIfInSeason(packageId);
		redirect(303, `${url.pathname}?tersimpan=1`);
	}
};
