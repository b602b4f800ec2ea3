import { requireHost } from '$lib/server/auth/guards';
import * as hostPackages from '$lib/server/packages/host';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const packages = await hostPackages.listForVillage(params.village);
	return { packages, sent: url.searchParams.get('terkirim') };
};
