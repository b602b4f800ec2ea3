import { describe, expect, it } from 'vitest';
import { addMonths, change, checkRange, monthsBetween, parseMonth } from './index';

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

	it('allows ranges of at most 36 months, in order', () => {
		expect(checkRange('2023-05', '2026-04')).toEqual({ ok: true, from: '2023-05', to: '2026-04' });
		expect(checkRange('2023-04', '2026-04')).toEqual({ ok: false, problems: { from: 'span' } });
		expect(checkRange('2026-05', '2026-04')).toEqual({ ok: false, problems: { from: 'order' } });
		expect(checkRange('x', null)).toEqual({
			ok: false,
			problems: { from: 'format', to: 'format' }
		});
	});
});

describe('changes', () => {
	it('gives the difference and a percentage, none on a zero base', () => {
		expect(change(4, 17)).toEqual({ diff: -13, percent: -76.5 });
		expect(change(5, 0)).toEqual({ diff: 5, percent: null });
		expect(change(0, 0)).toEqual({ diff: 0, percent: null });
	});
});
