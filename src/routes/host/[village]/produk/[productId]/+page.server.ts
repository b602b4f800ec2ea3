import { error, fail, redirect } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as photos from '$lib/server/photos';
import * as hostShop from '$lib/server/shop/host';
import { m } from '$lib/paraglide/messages';
import { addPhotoAction, deletePhotoAction } from '../../photo-actions';
import { productIdOf, readProductForm, valuesOf } from '../product-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const productId = productIdOf(params);
	const product = await hostShop.findProduct(params.village, productId);
	if (!product) error(404, m.not_found_title());
	return {
		product,
		values: valuesOf(product),
		photos: await photos.listForProduct(productId),
		photoAdded: url.searchParams.has('foto'),
		maxPhotos: photos.MAX_PRODUCT_PHOTOS
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const productId = productIdOf(params);
		const form = readProductForm(await request.formData());
		const result = await hostShop.updateProduct(user.id, params.village, productId, form.input);
		if (!result) error(404, m.not_found_title());
		if (!result.ok) return fail(422, { values: form.values, fields: result.fields });
		redirect(303, `${url.pathname.replace(/\/\d+$/, '')}?disimpan=${productId}`);
	},
	adjustStock: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const data = await request.formData();
		const mode = String(data.get('mode') ?? '').slice(0, 10);
		const quantity = String(data.get('quantity') ?? '')
			.trim()
			.slice(0, 20);
		const result = await hostShop.adjustStock(user.id, params.village, productIdOf(params), {
			mode,
			quantity
		});
		if (!result) error(404, m.not_found_title());
		if (!result.ok) return fail(422, { stock: { mode, quantity }, stockFields: result.fields });
		return { stockSaved: result.stock };
	},
	addPhoto: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const productId = productIdOf(params);
		return addPhotoAction(
			request,
			(image, alt) => hostShop.addProductPhoto(user.id, params.village, productId, image, alt),
			`${url.pathname}?foto=1`
		);
	},
	deletePhoto: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const productId = productIdOf(params);
		return deletePhotoAction(request, (photoId) =>
			hostShop.deleteProductPhoto(user.id, params.village, productId, photoId)
		);
	}
};
