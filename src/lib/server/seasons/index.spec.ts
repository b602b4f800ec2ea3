import { describe, expect, it } from 'vitest';
import {
	isInSeason,
	findNextSeasonStart,
	readOverrides,
	listSeasonMonths,
	applyOverrides
} from './index';

// The sample pineapple season: August and September are the lean months.
const pineapple = [1, 2, 3, 4, 5, 6, 7, 10, 11, 12];

describe('isInSeason', () => {
	it('follows the usual months without overrides', () => {
		expect(isInSeason(pineapple, {}, '2027-08')).toBe(false);
		expect(isInSeason(pineapple, null, '2027-10')).toBe(true);
		// smallint[] may come back as strings from some drivers.
		expect(isInSeason(['10'], undefined, '2027-10')).toBe(true);
	});

	it('lets an override of that calendar month win, and only that year', () => {
		const overrides = { '2027-09': true, '2027-10': false };
		expect(isInSeason(pineapple, overrides, '2027-09')).toBe(true);
		expect(isInSeason(pineapple, overrides, '2027-10')).toBe(false);
		expect(isInSeason(pineapple, overrides, '2028-09')).toBe(false);
		expect(isInSeason(pineapple, overrides, '2028-10')).toBe(true);
	});
});

describe('findNextSeasonStart', () => {
	it('is the month itself when in season, else the first month in season after it', () => {
		expect(findNextSeasonStart(pineapple, {}, '2027-05')).toBe('2027-05');
		expect(findNextSeasonStart(pineapple, {}, '2027-08')).toBe('2027-10');
		expect(findNextSeasonStart([3], {}, '2027-04')).toBe('2028-03');
	});

	it('follows the overrides: a late harvest moves the start, an early one brings it forward', () => {
		expect(findNextSeasonStart(pineapple, { '2027-10': false }, '2027-08')).toBe('2027-11');
		expect(findNextSeasonStart(pineapple, { '2027-09': true }, '2027-08')).toBe('2027-09');
	});

	it('is null when nothing is ever in season', () => {
		expect(findNextSeasonStart([], {}, '2027-01')).toBeNull();
		expect(findNextSeasonStart([], { '2031-01': true }, '2027-01', 12)).toBeNull();
	});
});

describe('listSeasonMonths and applyOverrides', () => {
	it('lists the months ahead with their effective and usual state', () => {
		expect(listSeasonMonths(pineapple, { '2027-09': true }, '2027-07', 4)).toEqual([
			{ month: '2027-07', inSeason: true, usual: true },
			{ month: '2027-08', inSeason: false, usual: false },
			{ month: '2027-09', inSeason: true, usual: false },
			{ month: '2027-10', inSeason: true, usual: true }
		]);
	});

	it('keeps only the differences from the usual months, from the given month on', () => {
		const before = { '2027-01': false, '2027-09': true };
		const after = applyOverrides(
			pineapple,
			before,
			{ '2027-08': true, '2027-09': false, '2027-10': false, '2027-11': true },
			'2027-03'
		);
		expect(after).toEqual({ '2027-08': true, '2027-10': false });
	});

	it('reads stored overrides, dropping anything that is not a month and a boolean', () => {
		expect(
			readOverrides({ '2027-09': true, '2027-13': true, september: false, '2027-10': 'no' })
		).toEqual({ '2027-09': true });
		expect(readOverrides(null)).toEqual({});
		expect(readOverrides(['2027-09'])).toEqual({});
		expect(readOverrides(JSON.parse('{"__proto__": {"polluted": true}}'))).toEqual({});
		expect(Object.prototype).not.toHaveProperty('polluted');
	});
});
