import { findHome } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// The header needs only where a signed-in user's workspace is; nothing else about them.
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	workspaceHref: locals.user ? findHome(locals.user, locals.locale) : null
});
