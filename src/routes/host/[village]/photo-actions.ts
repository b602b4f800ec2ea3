// The add and remove photo actions of the host editors (village page, package, product): the
// upload form read and checked, and the outcome turned into the form's answer.
import { error, fail, redirect } from '@sveltejs/kit';
import * as photos from '$lib/server/photos';
import { altSchema } from '$lib/server/villages/host';
import { m } from '$lib/paraglide/messages';
import { parse } from '$lib/validation';

type Alt = { altId: string; altEn: string };

/**
 * Reads the alt texts and the file, hands them to `add`, and redirects to `doneUrl` once the
 * photo is stored. A refusal is a 422 at the field; an owner `add` cannot find is a 404.
 */
export async function addPhotoAction(
	request: Request,
	add: (image: photos.CheckedUpload, alt: Alt) => Promise<photos.PhotoResult | undefined>,
	doneUrl: string
) {
	const data = await request.formData();
	const alt = parse(altSchema, {
		altId: data.get('altId') ?? '',
		altEn: data.get('altEn') ?? ''
	});
	if (!alt.ok) return fail(422, { photoFields: alt.fields });
	const upload = await photos.checkUpload(data.get('photo'));
	if (!upload.ok) return fail(422, { photoFields: { photo: upload.message } });
	const result = await add(upload.image, alt.data);
	if (!result) error(404, m.not_found_title());
	if (!result.ok) return fail(422, { photoFields: { photo: result.message } });
	redirect(303, doneUrl);
}

/** Reads the photo's id and hands it to `remove`; one that is not the owner's is a 404. */
export async function deletePhotoAction(
	request: Request,
	remove: (photoId: number) => Promise<boolean>
) {
	const photoId = Number((await request.formData()).get('photoId'));
	const removed = Number.isSafeInteger(photoId) && (await remove(photoId));
	if (!removed) return fail(404, { photoFields: { _: m.hostc_photo_not_found() } });
	return { photoDeleted: true };
}
