import { fail } from '@sveltejs/kit';
import { todayInJakarta } from '$lib/dates';
import { requireHost } from '$lib/server/auth/guards';
import * as shop from '$lib/server/shop';
import * as counterSales from '$lib/server/shop/counter-sales';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireHost(locals, params.village);
	const today = todayInJakarta();
	const [products, sales, takings] = await Promise.all([
		shop.listVillageProducts(params.village, locals.locale),
		counterSales.listRecentSales(params.village, locals.locale),
		counterSales.sumTakingsOfDay(params.village, today)
	]);
	return {
		today,
		products: products.map(({ id, name, unit, priceIdr, stock }) => ({
			id,
			name,
			unit,
			priceIdr,
			stock
		})),
		sales,
		takings
	};
};

export const actions: Actions = {
	sell: async ({ locals, params, request }) => {
		const { user } = await requireHost(locals, params.village);
		const data = await request.formData();
		const text = (name: string) => {
			const value = data.get(name);
			return typeof value === 'string' ? value.trim().slice(0, 20) : '';
		};
		const values = {
			soldOn: text('soldOn'),
			paymentMethod: text('paymentMethod'),
			quantities: Object.fromEntries(
				[...data.keys()]
					.filter((name) => /^product\.\d{1,10}$/.test(name))
					.slice(0, 50)
					.map((name) => [name.slice('product.'.length), text(name)])
			)
		};
		const products = shop.readProductFields(data);
		if (!Array.isArray(products)) {
			// Show the other fields' messages too, not only the quantities'.
			const others = counterSales.checkSale({ ...values, products: [] });
			const fields = others.ok ? {} : others.fields;
			delete fields.products;
			return fail(422, { values, fields: { ...fields, ...products } });
		}
		const result = await counterSales.recordSale(user.id, params.village, {
			soldOn: values.soldOn,
			paymentMethod: values.paymentMethod,
			products
		});
		if (!result.ok) return fail(422, { values, fields: result.fields });
		return { sold: { totalIdr: result.totalIdr } };
	}
};
