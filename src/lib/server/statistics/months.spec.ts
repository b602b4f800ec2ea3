import { describe, expect, it } from 'vitest';
import { measureChange, checkRange } from './months';

describe('months', () => {
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
		expect(measureChange(4, 17)).toEqual({ diff: -13, percent: -76.5 });
		expect(measureChange(5, 0)).toEqual({ diff: 5, percent: null });
		expect(measureChange(0, 0)).toEqual({ diff: 0, percent: null });
	});
});
