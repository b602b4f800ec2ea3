import { requireOffice } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// Only what the menu shows. Not a guard: every page load and action checks access itself.
export const load: LayoutServerLoad = ({ locals }) => {
	const { name } = requireOffice(locals);
	return { officeName: name };
};
