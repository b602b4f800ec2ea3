import { describe, expect, it } from 'vitest';
import { checkPassword, hashPassword, verifyPasswordHash } from './password';

describe('password policy', () => {
	it('asks for at least 8 characters and allows up to 128, counting characters not bytes', () => {
		expect(checkPassword('kebun7!')).toBe('too_short');
		expect(checkPassword('nanas manis')).toBeUndefined();
		expect(checkPassword('x'.repeat(128))).toBeUndefined();
		expect(checkPassword('x'.repeat(129))).toBe('too_long');
		expect(checkPassword('🍍🍍🍍🍍🍍🍍🍍')).toBe('too_short');
	});

	it('has no composition rules: a long lowercase phrase is fine', () => {
		expect(checkPassword('panen nanas di talang ubi')).toBeUndefined();
		expect(checkPassword('aaaaaaaab')).toBeUndefined();
	});

	it('refuses the most common passwords whatever their case', () => {
		for (const common of [
			'password',
			'Password123',
			'12345678',
			'QWERTYUIOP',
			'bismillah',
			'Indonesia'
		]) {
			expect(checkPassword(common), common).toBe('common');
		}
	});
});

describe('password hashing', () => {
	it('uses argon2id with 19 MiB, two passes and one lane, and verifies', async () => {
		const hash = await hashPassword('panen nanas di talang ubi');
		expect(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
		expect(await verifyPasswordHash(hash, 'panen nanas di talang ubi')).toBe(true);
		expect(await verifyPasswordHash(hash, 'panen nanas di talang ubi ')).toBe(false);
	});

	it('treats a malformed stored hash as a mismatch', async () => {
		expect(await verifyPasswordHash('not a hash', 'whatever')).toBe(false);
	});
});
