import { fail, redirect } from '@sveltejs/kit';
import { requireHost } from '$lib/server/auth/guards';
import * as hostShop from '$lib/server/shop/host';
import { newProductValues, readProductForm } from './product-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireHost(locals, params.village);
	const products = await hostShop.listProducts(params.village);
	const lastSortOrder = Math.max(0, ...products.map((product) => product.sortOrder));
	return {
		products,
		values: newProductValues(Math.min(999, lastSortOrder + 1)),
		saved: url.searchParams.has('disimpan')
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request, url }) => {
		const { user } = await requireHost(locals, params.village);
		const form = readProductForm(await request.formData());
		const result = await hostShop.createProduct(user.id, params.village, form.input);
		if (!result.ok) return fail(422, { values: form.values, fields: result.fields });
		redirect(303, `${url.pathname}?disimpan=${result.id}`);
	}
};
