// Rendered per request like the real pages it is compared with.
export const prerender = false;
