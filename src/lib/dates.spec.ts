import { describe, expect, it } from 'vitest';
import { addMonths, isMonth, monthsBetween, parseMonth, todayInJakarta } from './dates';

describe('Jakarta days', () => {
	it('knows when it is already tomorrow in Jakarta', () => {
		expect(todayInJakarta(new Date('2026-11-27T17:30:00Z'))).toBe('2026-11-28');
	});
});

describe('months', () => {
	it('reads YYYY-MM and nothing else', () => {
		expect(parseMonth('2026-03')).toBe('2026-03');
		expect(parseMonth(' 2026-12 ')).toBe('2026-12');
		for (const bad of ['2026-13', '2026-00', '2026-3', '26-03', 'Maret', '', null, '1999-12']) {
			expect(parseMonth(bad)).toBeUndefined();
		}
	});

	it('steps over year ends', () => {
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2026-03', -12)).toBe('2025-03');
		expect(addMonths('2025-12', 1)).toBe('2026-01');
		expect(monthsBetween('2025-11', '2026-02')).toEqual([
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02'
		]);
	});

	it('counts across years both ways', () => {
		expect(addMonths('2026-11', 1)).toBe('2026-12');
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2027-01', -1)).toBe('2026-12');
		expect(addMonths('2026-11', 23)).toBe('2028-10');
	});

	it('knows a month when it sees one', () => {
		expect(isMonth('2027-10')).toBe(true);
		expect(['2027-13', '2027-1', '2027-00', '27-10', '2027-10-01', 202710].some(isMonth)).toBe(
			false
		);
	});
});
