import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { requireOffice } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

// The office starts at its visitor statistics.
export const load: PageServerLoad = ({ locals }) => {
	requireOffice(locals);
	redirect(307, localizeHref('/office/statistik', { locale: locals.locale }));
};
