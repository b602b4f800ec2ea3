// The package form read into what packageSchema (packages/input.ts) accepts; the form's field names
// are the schema's paths ('categories.2.priceIdr'), so messages land where they belong.
import type { EditablePackage } from '$lib/server/packages/host';
import { parsePackage, type PackageInput } from '$lib/server/packages/input';
import type { FieldErrors } from '$lib/validation';
import { readChoices, readRupiah, readRowNumbers, readText } from '../form-data';
import { MONTHS } from '$lib/dates';

export interface CategoryValues {
	id: string;
	code: string;
	labelId: string;
	labelEn: string;
	priceIdr: string;
	takesSeat: boolean;
	ageGroup: string;
	originRule: string;
	active: boolean;
}

export interface PackageValues {
	titleId: string;
	titleEn: string;
	descriptionId: string;
	descriptionEn: string;
	includedId: string;
	includedEn: string;
	meetingPointId: string;
	meetingPointEn: string;
	meetingLat: string;
	meetingLng: string;
	durationMinutes: string;
	minParty: string;
	maxParty: string;
	cutoffHours: string;
	cancelHours: string;
	bookingMode: string;
	responseHours: string;
	seasonMonths: number[];
	categories: CategoryValues[];
}

const textFields = [
	'titleId',
	'titleEn',
	'descriptionId',
	'descriptionEn',
	'includedId',
	'includedEn',
	'meetingPointId',
	'meetingPointEn',
	'meetingLat',
	'meetingLng',
	'durationMinutes',
	'minParty',
	'maxParty',
	'cutoffHours',
	'cancelHours',
	'bookingMode',
	'responseHours'
] as const;

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** What a new package starts with: the usual categories of a PALI village. */
export function newPackageValues(): PackageValues {
	const category = (code: string, labelId: string, labelEn: string, ageGroup: string) => ({
		id: '',
		code,
		labelId,
		labelEn,
		priceIdr: '',
		takesSeat: ageGroup !== 'infant',
		ageGroup,
		originRule: 'any',
		active: true
	});
	return {
		...Object.fromEntries(textFields.map((field) => [field, ''])),
		durationMinutes: '120',
		minParty: '1',
		maxParty: '20',
		cutoffHours: '12',
		cancelHours: '24',
		bookingMode: 'instant',
		responseHours: '24',
		seasonMonths: [...MONTHS],
		categories: [
			category('dewasa', 'Dewasa', 'Adult', 'adult'),
			category('anak', 'Anak', 'Child', 'child')
		]
	} as PackageValues;
}

export function valuesOf(pkg: EditablePackage): PackageValues {
	const values = pkg.values;
	return {
		...(Object.fromEntries(textFields.map((field) => [field, text(values[field])])) as Omit<
			PackageValues,
			'seasonMonths' | 'categories'
		>),
		seasonMonths: values.seasonMonths,
		categories: values.categories.map((category) => ({
			...category,
			id: text(category.id),
			priceIdr: String(category.priceIdr)
		}))
	};
}

/** A count as typed; empty is missing. */
const count = (value: string) => (value === '' ? undefined : value);
const optionalNumber = (value: string) => (value === '' ? null : Number(value.replace(',', '.')));

export type PackageForm =
	| { ok: true; values: PackageValues; input: PackageInput }
	| { ok: false; values: PackageValues; fields: FieldErrors };

export function readPackageForm(form: FormData): PackageForm {
	const get = (name: string) => readText(form, name, 5000);
	const categories: CategoryValues[] = [];
	for (const row of readRowNumbers(form, 'categories', 100)) {
		const name = (field: string) => `categories.${row}.${field}`;
		const category: CategoryValues = {
			id: get(name('id')),
			code: get(name('code')),
			labelId: get(name('labelId')),
			labelEn: get(name('labelEn')),
			priceIdr: get(name('priceIdr')),
			takesSeat: form.has(name('takesSeat')),
			ageGroup: get(name('ageGroup')),
			originRule: get(name('originRule')),
			active: form.has(name('active'))
		};
		// An untouched empty row is how the form offers a new category; it is not one.
		const blank = !category.id && !category.code && !category.labelId && !category.labelEn;
		if (blank && !category.priceIdr) continue;
		categories.push(category);
	}
	const values = {
		...(Object.fromEntries(textFields.map((field) => [field, get(field)])) as Omit<
			PackageValues,
			'seasonMonths' | 'categories'
		>),
		seasonMonths: readChoices(form, 'seasonMonths', 12),
		categories
	};
	const parsed = parsePackage({
		...values,
		meetingLat: optionalNumber(values.meetingLat),
		meetingLng: optionalNumber(values.meetingLng),
		durationMinutes: count(values.durationMinutes),
		minParty: count(values.minParty),
		maxParty: count(values.maxParty),
		cutoffHours: count(values.cutoffHours),
		cancelHours: count(values.cancelHours),
		responseHours: count(values.responseHours),
		categories: categories.map((category) => ({
			...category,
			id: category.id === '' ? null : Number(category.id),
			priceIdr: readRupiah(category.priceIdr),
			originRule: category.originRule || undefined
		}))
	});
	if (!parsed.ok) return { ok: false, values, fields: parsed.fields };
	return { ok: true, values, input: parsed.data };
}
