// The one place that formats money and time for people: rupiah and WIB. Formatters are built
// once: pages format dozens of slot times per request, and building Intl objects is the cost.

export const TIME_ZONE = 'Asia/Jakarta';

type Locale = 'id' | 'en';

const rupiahFormats = {
	id: new Intl.NumberFormat('id-ID', {
		style: 'currency',
		currency: 'IDR',
		maximumFractionDigits: 0
	}),
	en: new Intl.NumberFormat('en-GB', {
		style: 'currency',
		currency: 'IDR',
		currencyDisplay: 'code',
		maximumFractionDigits: 0
	})
};

/** Whole rupiah: "Rp 25.000" in Indonesian, "IDR 25,000" in English. */
export function formatRupiah(amount: number, locale: Locale): string {
	return rupiahFormats[locale].format(amount).replace(/\u00a0/g, ' ');
}

const intlLocales = { id: 'id-ID', en: 'en-GB' };

function formatsFor(options: Intl.DateTimeFormatOptions) {
	return {
		id: new Intl.DateTimeFormat(intlLocales.id, { ...options, timeZone: TIME_ZONE }),
		en: new Intl.DateTimeFormat(intlLocales.en, { ...options, timeZone: TIME_ZONE })
	};
}

const timeFormats = formatsFor({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateFormats = formatsFor({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const monthFormats = formatsFor({ month: 'long', year: 'numeric' });

/** A calendar date 'YYYY-MM-DD' as the instant of noon that day in Jakarta. */
function noonInJakarta(isoDate: string): Date {
	const [year, month, day] = isoDate.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day, 12 - 7));
}

function instant(value: Date | string): Date {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
		? noonInJakarta(value)
		: new Date(value);
}

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
	return parts.find((each) => each.type === type)?.value ?? '';
}

/** "08.00 WIB" / "08:00 WIB". */
export function formatTimeWib(value: Date | string, locale: Locale): string {
	const parts = timeFormats[locale].formatToParts(new Date(value));
	return `${part(parts, 'hour')}${locale === 'id' ? '.' : ':'}${part(parts, 'minute')} WIB`;
}

/** "Sabtu, 5 Desember 2026" / "Saturday, 5 December 2026" for a local date or an instant. */
export function formatDate(value: Date | string, locale: Locale): string {
	const parts = dateFormats[locale].formatToParts(instant(value));
	return `${part(parts, 'weekday')}, ${part(parts, 'day')} ${part(parts, 'month')} ${part(parts, 'year')}`;
}

/** "Desember 2026" / "December 2026" for a 'YYYY-MM' month. */
export function formatMonth(month: string, locale: Locale): string {
	const parts = monthFormats[locale].formatToParts(noonInJakarta(`${month}-15`));
	return `${part(parts, 'month')} ${part(parts, 'year')}`;
}

// WIB is UTC+7 all year: Indonesia keeps no daylight saving time.
const WIB_OFFSET_MS = 7 * 3_600_000;

/** Today's date in Jakarta as 'YYYY-MM-DD'. */
export function todayInJakarta(now: Date = new Date()): string {
	return new Date(now.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO 8601 with the +07:00 offset of WIB, as the API writes times: 2026-12-05T08:00:00+07:00. */
export function isoWib(value: Date | string): string {
	const shifted = new Date(new Date(value).getTime() + WIB_OFFSET_MS);
	return shifted.toISOString().replace(/\.\d{3}Z$/, '+07:00');
}
