import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/** The package id in the path; anything but a positive whole number is a page that is not there. */
export function packageIdOf(params: { packageId: string }): number {
	const id = Number(params.packageId);
	if (!/^\d{1,15}$/.test(params.packageId) || !Number.isSafeInteger(id) || id <= 0) {
		error(404, m.not_found_title());
	}
	return id;
}
