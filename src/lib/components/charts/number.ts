import { getLocale } from '$lib/paraglide/runtime';

const formats = {
	id: new Intl.NumberFormat('id-ID'),
	en: new Intl.NumberFormat('en-GB')
};

/** A count as the page's language writes it: "1.234" in Indonesian, "1,234" in English. */
export function chartNumber(value: number): string {
	return formats[getLocale()].format(value);
}
