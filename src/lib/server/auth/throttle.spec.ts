import { describe, expect, it } from 'vitest';
import { computeLockSeconds, MAX_LOCK_SECONDS, readAddressBudget } from './throttle';

describe('computeLockSeconds', () => {
	it('lets the first three failures through, then doubles the wait up to fifteen minutes', () => {
		expect([1, 2, 3, 4, 5, 6, 7].map(computeLockSeconds)).toEqual([0, 0, 0, 1, 2, 4, 8]);
		expect(computeLockSeconds(13)).toBe(512);
		expect(computeLockSeconds(14)).toBe(MAX_LOCK_SECONDS);
		expect(computeLockSeconds(10_000)).toBe(MAX_LOCK_SECONDS);
	});
});

describe('readAddressBudget', () => {
	it('is 30 unless set, and refuses a value that would lift the limit', () => {
		expect(readAddressBudget(undefined)).toBe(30);
		expect(readAddressBudget('')).toBe(30);
		expect(readAddressBudget('500')).toBe(500);
		for (const bad of ['0', '-1', '2.5', 'many']) {
			expect(() => readAddressBudget(bad)).toThrow(/SIGN_IN_ATTEMPTS_PER_ADDRESS/);
		}
	});
});
