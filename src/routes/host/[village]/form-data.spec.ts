import { describe, expect, it } from 'vitest';
import { readChoices, readRupiah, readRowNumbers, readText } from './form-data';

function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
}

describe('readRupiah', () => {
	it('reads rupiah as people write them', () => {
		expect(readRupiah('35000')).toBe(35000);
		expect(readRupiah('35.000')).toBe(35000);
		expect(readRupiah('Rp 1.250.000')).toBe(1250000);
		expect(readRupiah('rp. 35,000')).toBe(35000);
	});
	it('leaves an empty box empty and words unreadable', () => {
		expect(readRupiah('')).toBeUndefined();
		expect(readRupiah('Rp ')).toBeUndefined();
		expect(readRupiah('tiga puluh ribu')).toBeNaN();
	});
});

describe('readChoices', () => {
	it('keeps each ticked month once, in order, and nothing outside 1…max', () => {
		const form = formOf([
			['seasonMonths', '12'],
			['seasonMonths', '3'],
			['seasonMonths', '3'],
			['seasonMonths', '13'],
			['seasonMonths', '0'],
			['seasonMonths', '2.5'],
			['seasonMonths', 'Mei']
		]);
		expect(readChoices(form, 'seasonMonths', 12)).toEqual([3, 12]);
	});
});

describe('readRowNumbers', () => {
	it('finds the rows of repeated fields in order, below the limit', () => {
		const form = formOf([
			['rules.2.capacity', '10'],
			['rules.0.capacity', '5'],
			['rules.0.startTimes', '08.00'],
			['rules.150.capacity', '5'],
			['exceptions.1.date', '2026-12-25'],
			['rules.x.capacity', '5']
		]);
		expect(readRowNumbers(form, 'rules', 100)).toEqual([0, 2]);
		expect(readRowNumbers(form, 'exceptions', 100)).toEqual([1]);
	});
});

describe('readText', () => {
	it('trims and bounds text, and reads a missing field or a file as empty', () => {
		const form = formOf([['name', '  Madu nanas  ']]);
		form.append('photo', new Blob(['x']), 'x.jpg');
		expect(readText(form, 'name', 100)).toBe('Madu nanas');
		expect(readText(form, 'name', 4)).toBe('Madu');
		expect(readText(form, 'missing', 100)).toBe('');
		expect(readText(form, 'photo', 100)).toBe('');
	});
});
