import { requireOffice } from '$lib/server/auth/guards';
import * as packageReview from '$lib/server/packages/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireOffice(locals);
	return { queue: await packageReview.listQueue() };
};
