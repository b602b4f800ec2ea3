import type { Locale } from '$lib/paraglide/runtime';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			locale: Locale;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
