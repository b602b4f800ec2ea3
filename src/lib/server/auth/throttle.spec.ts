import { describe, expect, it } from 'vitest';
import { computeLockSeconds, MAX_LOCK_SECONDS } from './throttle';

describe('computeLockSeconds', () => {
	it('lets the first three failures through, then doubles the wait up to fifteen minutes', () => {
		expect([1, 2, 3, 4, 5, 6, 7].map(computeLockSeconds)).toEqual([0, 0, 0, 1, 2, 4, 8]);
		expect(computeLockSeconds(13)).toBe(512);
		expect(computeLockSeconds(14)).toBe(MAX_LOCK_SECONDS);
		expect(computeLockSeconds(10_000)).toBe(MAX_LOCK_SECONDS);
	});
});
