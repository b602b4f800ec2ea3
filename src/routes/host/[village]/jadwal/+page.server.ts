import { error } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as hostPackages from '$lib/server/host-packages';
import * as villagePages from '$lib/server/village-pages';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireHost(locals, params.village);
	const [villageName, packages] = await Promise.all([
		villagePages.villageName(params.village),
		hostPackages.listForVillage(params.village)
	]);
	if (!villageName) error(404, m.not_found_title());
	return { villageName, packages };
};
