import { error } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as villages from '$lib/server/villages';
import { m } from '$lib/paraglide/messages';
import type { LayoutServerLoad } from './$types';

// The village's name, for the bar above every host page and their titles. Not a guard: each
// page's load and action checks access itself. The check here keeps the name from anyone who
// may not see the village.
export const load: LayoutServerLoad = async ({ locals, params }) => {
	await requireHost(locals, params.village);
	const villageName = await villages.findVillageName(params.village);
	if (!villageName) error(404, m.not_found_title());
	return { villageName };
};
