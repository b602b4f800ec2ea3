// The product form read into what shopHost.createProduct and updateProduct accept; the form's
// field names are the schema's, so messages land at the field they concern.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { HostProduct } from '$lib/server/shop/host';
import { readChoices, readRupiah, readText } from '../form-data';
import { MONTHS } from '$lib/dates';

export interface ProductValues {
	nameId: string;
	nameEn: string;
	descriptionId: string;
	descriptionEn: string;
	unit: string;
	priceIdr: string;
	stock: string;
	sortOrder: string;
	seasonMonths: number[];
	active: boolean;
}

const textFields = [
	'nameId',
	'nameEn',
	'descriptionId',
	'descriptionEn',
	'unit',
	'priceIdr',
	'stock',
	'sortOrder'
] as const;

export function newProductValues(nextSortOrder: number): ProductValues {
	return {
		nameId: '',
		nameEn: '',
		descriptionId: '',
		descriptionEn: '',
		unit: 'pack',
		priceIdr: '',
		stock: '0',
		sortOrder: String(nextSortOrder),
		seasonMonths: [...MONTHS],
		active: true
	};
}

export function valuesOf(product: HostProduct): ProductValues {
	return {
		nameId: product.nameId,
		nameEn: product.nameEn,
		descriptionId: product.descriptionId,
		descriptionEn: product.descriptionEn,
		unit: product.unit,
		priceIdr: String(product.priceIdr),
		stock: String(product.stock),
		sortOrder: String(product.sortOrder),
		seasonMonths: product.seasonMonths,
		active: product.active
	};
}

/** The form as typed (to show it back) and as the schema reads it. */
export function readProductForm(form: FormData): { values: ProductValues; input: unknown } {
	const get = (name: string) => readText(form, name, 2100);
	const values = {
		...(Object.fromEntries(textFields.map((field) => [field, get(field)])) as Omit<
			ProductValues,
			'seasonMonths' | 'active'
		>),
		seasonMonths: readChoices(form, 'seasonMonths', 12),
		active: form.has('active')
	};
	return {
		values,
		input: {
			...values,
			priceIdr: readRupiah(values.priceIdr),
			stock: values.stock,
			sortOrder: values.sortOrder || '0'
		}
	};
}

/** The product id in the path; anything but a positive whole number is a page that is not there. */
export function productIdOf(params: { productId: string }): number {
	const id = Number(params.productId);
	if (!/^\d{1,15}$/.test(params.productId) || !Number.isSafeInteger(id) || id <= 0) {
		error(404, m.not_found_title());
	}
	return id;
}
