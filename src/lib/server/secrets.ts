import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from './config';
import { getDb } from './db';

let appSecret: Promise<Buffer> | undefined;

/**
 * The server key. Load it before opening a transaction that derives secrets: the embedded
 * database has one connection, which the transaction holds. APP_SECRET wins; otherwise one random key is created in the database on
 * first use, so that every app instance on that database shares it without configuration.
 */
export function loadAppSecret(): Promise<Buffer> {
	appSecret ??= (async () => {
		if (config.appSecret) return Buffer.from(config.appSecret, 'utf8');
		const db = getDb();
		await db
			.insertInto('app_setting')
			.values({ name: 'app_secret', value: randomBytes(32).toString('base64url') })
			.onConflict((oc) => oc.column('name').doNothing())
			.execute();
		const row = await db
			.selectFrom('app_setting')
			.select('value')
			.where('name', '=', 'app_secret')
			.executeTakeFirstOrThrow();
		return Buffer.from(row.value, 'base64url');
	})().catch((error) => {
		appSecret = undefined;
		throw error;
	});
	return appSecret;
}

/** Forgets the cached key: for tests that switch databases. */
export function resetAppSecret(): void {
	appSecret = undefined;
}

/**
 * A secret that the server can derive again (an idempotent replay must return the same manage
 * link) but that only its hash is stored of: 192 bits of HMAC-SHA-256.
 */
export async function deriveSecret(purpose: string, subject: string): Promise<string> {
	const key = await loadAppSecret();
	return createHmac('sha256', key)
		.update(`${purpose}:${subject}`)
		.digest()
		.subarray(0, 24)
		.toString('base64url');
}

export function sha256Hex(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

/** Compares a presented secret with a stored SHA-256 hash in constant time. */
export function matchesHash(secret: string, storedHex: string): boolean {
	const presented = createHash('sha256').update(secret).digest();
	const stored = Buffer.from(storedHex, 'hex');
	return stored.length === presented.length && timingSafeEqual(presented, stored);
}
