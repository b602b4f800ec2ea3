import { requireHost } from '$lib/server/auth/guards';
import { tileSettings } from '$lib/server/map';
import * as statistics from '$lib/server/statistics';
import { todayInJakarta } from '$lib/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const period = statistics.readPeriod(url.searchParams, todayInJakarta());
	const [village] = await statistics.villagesIn([params.village]);
	return {
		village: { code: village.code, name: village.name },
		period,
		dashboard: await statistics.dashboard([params.village], period.month, locals.locale),
		tiles: tileSettings()
	};
};
