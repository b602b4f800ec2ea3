// The one place that formats money and time for people: rupiah and WIB.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { enGB, id } from 'date-fns/locale';

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

const dateLocales = { id, en: enGB };

function inJakarta(instant: Date | string): TZDate {
	return new TZDate(new Date(instant).getTime(), TIME_ZONE);
}

/** "08.00 WIB" / "08:00 WIB". */
export function formatTimeWib(instant: Date | string, locale: Locale): string {
	return `${format(inJakarta(instant), locale === 'id' ? 'HH.mm' : 'HH:mm')} WIB`;
}

/** "Sabtu, 5 Desember 2026" / "Saturday, 5 December 2026" for a local date or an instant. */
export function formatDate(value: Date | string, locale: Locale): string {
	const day =
		typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
			? localDate(value)
			: inJakarta(value);
	return format(day, 'EEEE, d MMMM yyyy', { locale: dateLocales[locale] });
}

/** "Desember 2026" / "December 2026" for a 'YYYY-MM' month. */
export function formatMonth(month: string, locale: Locale): string {
	return format(localDate(`${month}-01`), 'MMMM yyyy', { locale: dateLocales[locale] });
}

/** A calendar date as a Jakarta-local day, free of the server's own time zone. */
function localDate(isoDate: string): TZDate {
	const [year, month, day] = isoDate.split('-').map(Number);
	return new TZDate(year, month - 1, day, TIME_ZONE);
}

/** Today's date in Jakarta as 'YYYY-MM-DD'. */
export function todayInJakarta(now: Date = new Date()): string {
	return format(inJakarta(now), 'yyyy-MM-dd');
}

/** ISO 8601 with the +07:00 offset of WIB, as the API writes times: 2026-12-05T08:00:00+07:00. */
export function isoWib(instant: Date | string): string {
	const time = new Date(instant).getTime() + 7 * 3_600_000;
	return new Date(time).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}
