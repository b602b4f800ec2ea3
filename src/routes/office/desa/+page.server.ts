import { requireOffice } from '$lib/server/auth/guards';
import * as officeVillages from '$lib/server/villages/office';
import * as villages from '$lib/server/villages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOffice(locals);
	const districts = await villages.listDistricts();
	// Unknown filter values are ignored rather than refused: the list is only a view.
	const requested = url.searchParams.get('kecamatan') ?? '';
	const district = districts.some((d) => d.code === requested) ? requested : '';
	const ovopParam = url.searchParams.get('ovop');
	const ovop = ovopParam === 'ya' ? true : ovopParam === 'tidak' ? false : undefined;
	return {
		districts,
		filters: { district, ovop: ovop === undefined ? '' : ovopParam },
		villages: await officeVillages.list({ district: district || undefined, ovop })
	};
};
