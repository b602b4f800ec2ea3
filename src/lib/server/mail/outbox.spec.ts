import { describe, expect, it } from 'vitest';
import { computeRetryDelayMs } from './outbox';

describe('computeRetryDelayMs', () => {
	it('doubles from one minute and stops at an hour', () => {
		const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(
			(attempts) => computeRetryDelayMs(attempts) / 60_000
		);
		expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
	});
});
