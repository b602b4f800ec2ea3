import { requireHost } from '$lib/server/auth/guards';
import * as hostPackages from '$lib/server/packages/host';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireHost(locals, params.village);
	return { packages: await hostPackages.listForVillage(params.village) };
};
