// Where visitors come from: a country (ISO 3166-1 alpha-2) and, for Indonesians, one of the
// 38 provinces (Kemendagri codes), as BPS tourism statistics count them.
import { getCountries } from 'libphonenumber-js/min';
import type { OriginRule } from './db/schema';
import type { Locale } from '$lib/paraglide/runtime';

export const provinces: readonly { code: string; name: string }[] = [
	{ code: '11', name: 'Aceh' },
	{ code: '12', name: 'Sumatera Utara' },
	{ code: '13', name: 'Sumatera Barat' },
	{ code: '14', name: 'Riau' },
	{ code: '15', name: 'Jambi' },
	{ code: '16', name: 'Sumatera Selatan' },
	{ code: '17', name: 'Bengkulu' },
	{ code: '18', name: 'Lampung' },
	{ code: '19', name: 'Kepulauan Bangka Belitung' },
	{ code: '21', name: 'Kepulauan Riau' },
	{ code: '31', name: 'DKI Jakarta' },
	{ code: '32', name: 'Jawa Barat' },
	{ code: '33', name: 'Jawa Tengah' },
	{ code: '34', name: 'DI Yogyakarta' },
	{ code: '35', name: 'Jawa Timur' },
	{ code: '36', name: 'Banten' },
	{ code: '51', name: 'Bali' },
	{ code: '52', name: 'Nusa Tenggara Barat' },
	{ code: '53', name: 'Nusa Tenggara Timur' },
	{ code: '61', name: 'Kalimantan Barat' },
	{ code: '62', name: 'Kalimantan Tengah' },
	{ code: '63', name: 'Kalimantan Selatan' },
	{ code: '64', name: 'Kalimantan Timur' },
	{ code: '65', name: 'Kalimantan Utara' },
	{ code: '71', name: 'Sulawesi Utara' },
	{ code: '72', name: 'Sulawesi Tengah' },
	{ code: '73', name: 'Sulawesi Selatan' },
	{ code: '74', name: 'Sulawesi Tenggara' },
	{ code: '75', name: 'Gorontalo' },
	{ code: '76', name: 'Sulawesi Barat' },
	{ code: '81', name: 'Maluku' },
	{ code: '82', name: 'Maluku Utara' },
	{ code: '91', name: 'Papua' },
	{ code: '92', name: 'Papua Barat' },
	{ code: '93', name: 'Papua Selatan' },
	{ code: '94', name: 'Papua Tengah' },
	{ code: '95', name: 'Papua Pegunungan' },
	{ code: '96', name: 'Papua Barat Daya' }
];

const provinceCodes = new Set(provinces.map((province) => province.code));
// The countries that have telephone numbering metadata: every inhabited country and territory.
const countryCodes = new Set<string>(getCountries());

export function isCountry(code: string): boolean {
	return countryCodes.has(code);
}

export function isProvince(code: string): boolean {
	return provinceCodes.has(code);
}

/**
 * Whether a price category with that rule may be booked by a visitor from that country:
 * domestic means Indonesia, as the statistics count wisatawan nusantara.
 */
export function fitsOriginRule(rule: OriginRule, country: string): boolean {
	if (rule === 'domestic') return country === 'ID';
	if (rule === 'foreign') return country !== 'ID';
	return true;
}

export function nameProvince(code: string | null): string | null {
	return provinces.find((province) => province.code === code)?.name ?? null;
}

export function nameCountry(code: string, locale: Locale): string {
	return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
}

/** Countries for a select, Indonesia first, the rest by name in the reader's language. */
export function listCountryOptions(locale: Locale): { code: string; name: string }[] {
	const names = new Intl.DisplayNames([locale], { type: 'region' });
	const collator = new Intl.Collator(locale);
	const others = [...countryCodes]
		.filter((code) => code !== 'ID')
		.map((code) => ({ code, name: names.of(code) ?? code }))
		.sort((a, b) => collator.compare(a.name, b.name));
	return [{ code: 'ID', name: names.of('ID') ?? 'Indonesia' }, ...others];
}
