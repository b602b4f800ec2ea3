import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// /en/desa/talang-bulang is served by the same route as /desa/talang-bulang.
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
