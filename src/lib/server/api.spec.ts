import { describe, expect, it } from 'vitest';
import { bearer } from './api';

const SECRET = 'abcdefghijklmnopqrstuvwxyz_-0123';

function withAuthorization(value: string) {
	return new Request('http://localhost/api/v1/bookings/TB-7KX4Q2', {
		headers: { authorization: value }
	});
}

describe('bearer', () => {
	it('reads the scheme in any letter case, as RFC 9110 says it is', () => {
		for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
			expect(bearer(withAuthorization(`${scheme} ${SECRET}`)), scheme).toBe(SECRET);
		}
		expect(bearer(withAuthorization(`Bearer   ${SECRET}`))).toBe(SECRET);
	});

	it('takes nothing from another scheme or a malformed secret', () => {
		expect(bearer(withAuthorization(`Basic ${SECRET}`))).toBeUndefined();
		expect(bearer(withAuthorization(`Bearer${SECRET}`))).toBeUndefined();
		expect(bearer(withAuthorization('Bearer short'))).toBeUndefined();
		expect(bearer(withAuthorization(`Bearer ${SECRET}!`))).toBeUndefined();
		expect(bearer(new Request('http://localhost/'))).toBeUndefined();
	});
});
