import type { Locale } from '$lib/paraglide/runtime';
import type { SessionValidationResult } from '$lib/server/auth/session';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			user: SessionValidationResult['user'];
			session: SessionValidationResult['session'];
		}
		interface Error {
			message: string;
		}
	}
}

export {};
