import { describe, expect, it } from 'vitest';
import { chooseMonth } from './calendar';

describe('chooseMonth', () => {
	const now = new Date('2026-11-30T18:00:00Z'); // 1 December 2026, 01:00 WIB

	it('starts at the Jakarta month and links onwards within the horizon', () => {
		expect(chooseMonth(null, now)).toEqual({
			month: '2026-12',
			rejected: false,
			previous: null,
			next: '2027-01'
		});
		expect(chooseMonth('2027-05', now)).toEqual({
			month: '2027-05',
			rejected: false,
			previous: '2027-04',
			next: null
		});
	});

	it('falls back to this month for malformed, past or far-out months', () => {
		for (const value of ['2026-13', 'bulan', '2026-11', '2030-01', '2027-1', "2027-01'--"]) {
			expect(chooseMonth(value, now)).toMatchObject({ month: '2026-12', rejected: true });
		}
	});
});
