import { error } from '@sveltejs/kit';
import * as photos from '$lib/server/photos';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

// Photos are public like the pages that show them; their names are random and never reused,
// so a browser may keep them for a year.
export const GET: RequestHandler = async ({ params }) => {
	const photo = await photos.openStored(params.path);
	if (!photo) error(404, m.not_found_title());
	return new Response(photo.body as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': photo.contentType,
			'Content-Length': String(photo.body.byteLength),
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'public, max-age=31536000, immutable',
			'Content-Security-Policy': "default-src 'none'; sandbox"
		}
	});
};
