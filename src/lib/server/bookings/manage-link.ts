import type { Locale } from '$lib/paraglide/runtime';
import { config } from '../config';
import { deriveSecret } from '../secrets';

/** The private manage path of a booking; the secret is its last part. */
export function buildManagePath(code: string, secret: string, language: Locale): string {
	return `${language === 'en' ? '/en' : ''}/pesanan/${code}/${secret}`;
}

/** The absolute manage link, derived again from the code: only its hash is stored. */
export async function buildManageLink(code: string, language: Locale) {
	const secret = await deriveSecret('manage', code);
	return { secret, url: config.publicOrigin + buildManagePath(code, secret, language) };
}
