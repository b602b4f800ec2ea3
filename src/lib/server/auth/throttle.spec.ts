import { describe, expect, it } from 'vitest';
import { lockSeconds, MAX_LOCK_SECONDS } from './throttle';

describe('lockSeconds', () => {
	it('lets the first three failures through, then doubles the wait up to fifteen minutes', () => {
		expect([1, 2, 3, 4, 5, 6, 7].map(lockSeconds)).toEqual([0, 0, 0, 1, 2, 4, 8]);
		expect(lockSeconds(13)).toBe(512);
		expect(lockSeconds(14)).toBe(MAX_LOCK_SECONDS);
		expect(lockSeconds(10_000)).toBe(MAX_LOCK_SECONDS);
	});
});
