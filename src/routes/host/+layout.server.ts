import { requireUser } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// Only what the bar shows. Not a guard: every page load and action checks access itself.
export const load: LayoutServerLoad = ({ locals }) => {
	const { name } = requireUser(locals);
	return { hostName: name };
};
