import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatMonth,
	formatMonthNames,
	formatNumber,
	formatRupiah,
	formatTimeWib,
	formatWeekday,
	isoWib
} from './format';

describe('formatNumber', () => {
	it('groups thousands as each language writes them', () => {
		expect(formatNumber(1234567, 'id')).toBe('1.234.567');
		expect(formatNumber(1234567, 'en')).toBe('1,234,567');
	});
	it('keeps the decimals of a percentage with the language mark', () => {
		expect(formatNumber(12.5, 'id')).toBe('12,5');
		expect(formatNumber(12.5, 'en')).toBe('12.5');
	});
});

describe('formatRupiah', () => {
	it('writes whole rupiah with Indonesian grouping', () => {
		expect(formatRupiah(25000, 'id')).toBe('Rp 25.000');
		expect(formatRupiah(1250000, 'id')).toBe('Rp 1.250.000');
	});
	it('writes English grouping with the currency code', () => {
		expect(formatRupiah(25000, 'en')).toMatch(/^IDR 25,000$/);
	});
});

describe('WIB times', () => {
	it('shows an instant in Jakarta time whatever the server zone', () => {
		expect(formatTimeWib('2026-12-05T01:00:00Z', 'id')).toBe('08.00 WIB');
		expect(formatTimeWib('2026-12-05T01:00:00Z', 'en')).toBe('08:00 WIB');
	});
	it('names the Jakarta day of an instant late in the UTC evening', () => {
		expect(formatDate('2026-12-04T18:30:00Z', 'en')).toBe('Saturday, 5 December 2026');
		expect(formatDate('2026-12-05', 'id')).toBe('Sabtu, 5 Desember 2026');
	});
	it('names weekdays from ISO numbers, long and short', () => {
		expect(formatWeekday(1, 'id')).toBe('Senin');
		expect(formatWeekday(7, 'en')).toBe('Sunday');
		expect(formatWeekday(1, 'id', 'short')).toBe('Sen');
		expect(formatWeekday(6, 'en', 'short')).toBe('Sat');
	});
	it('names the months of a season in the order given', () => {
		expect(formatMonthNames([12, 1], 'id')).toBe('Desember, Januari');
		expect(formatMonthNames([8], 'en')).toBe('August');
	});
	it('names months in both languages', () => {
		expect(formatMonth('2026-12', 'id')).toBe('Desember 2026');
		expect(formatMonth('2026-12', 'en')).toBe('December 2026');
	});
});

it('writes API times with the WIB offset', () => {
	expect(isoWib('2026-12-05T01:00:00Z')).toBe('2026-12-05T08:00:00+07:00');
	expect(isoWib(new Date('2026-12-04T17:30:00Z'))).toBe('2026-12-05T00:30:00+07:00');
});
