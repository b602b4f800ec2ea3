// Reads the booking form into the API's request shape, and maps the API's field paths back to
// the form's input names so that each message lands beside its input.
import type { Locale } from '$lib/paraglide/runtime';
import { nameProductField } from '$lib/server/shop';
import type { FieldErrors } from '$lib/validation';

interface Category {
	code: string;
}

interface Product {
	id: number;
}

export interface BookingFormValues {
	slot: string;
	quantities: Record<string, string>;
	/** Products of the village shop by id, to collect at the visit. */
	products: Record<string, string>;
	name: string;
	phone: string;
	email: string;
	country: string;
	province: string;
	acceptPolicy: boolean;
	idempotencyKey: string;
}

function field(data: FormData, name: string, max = 300): string {
	const value = data.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

/** An empty box means nobody of that category; anything else must be a whole count. */
function quantity(value: string): string {
	return value.trim() === '' ? '0' : value;
}

export function readBookingForm(
	data: FormData,
	categories: Category[],
	products: Product[],
	language: Locale
) {
	const values: BookingFormValues = {
		slot: field(data, 'slot', 20),
		quantities: Object.fromEntries(
			categories.map((c) => [c.code, field(data, `party.${c.code}`, 10)])
		),
		products: Object.fromEntries(
			products.map((p) => [String(p.id), field(data, `product.${p.id}`, 10)])
		),
		name: field(data, 'contact.name'),
		phone: field(data, 'contact.phone'),
		email: field(data, 'contact.email'),
		country: field(data, 'origin.country', 10) || 'ID',
		province: field(data, 'origin.province', 10),
		acceptPolicy: data.get('acceptPolicy') === 'on',
		idempotencyKey: field(data, 'idempotencyKey', 200)
	};
	const raw = {
		slotId: Number(values.slot),
		party: categories.map((c) => ({
			category: c.code,
			quantity: quantity(values.quantities[c.code])
		})),
		products: products
			.map((p) => ({ product: p.id, quantity: quantity(values.products[String(p.id)]) }))
			.filter((line) => line.quantity !== '0'),
		contact: { name: values.name, phone: values.phone, email: values.email },
		origin: { country: values.country, province: values.province },
		language
	};
	function fieldsByName(fields: FieldErrors): FieldErrors {
		const named: FieldErrors = {};
		for (const [path, message] of Object.entries(fields)) {
			const line = /^party\.(\d+)\./.exec(path);
			const name = line
				? `party.${categories[Number(line[1])]?.code}`
				: (nameProductField(path, raw.products) ?? (path === 'slotId' ? 'slot' : path));
			named[name] ??= message;
		}
		return named;
	}
	return { values, raw, fieldsByName };
}
