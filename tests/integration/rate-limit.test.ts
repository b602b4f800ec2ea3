// The API write budget is kept in the database: two app instances (two pools) draw from one
// budget per address, concurrent requests cannot slip past it, and the window slides.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rateLimit from '$lib/server/http/rate-limit';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';

let testDb: TestDb;
beforeAll(async () => {
	testDb = await createTestDb();
});
afterAll(() => testDb.close());

const minute = (n: number, second = 0) => new Date(Date.UTC(2026, 10, 27, 12, n, second));

describe('API write rate limit', () => {
	it('allows the budget within a minute, then refuses with the seconds to wait', async () => {
		const now = minute(0, 15);
		for (let i = 0; i < 5; i++) {
			expect(await rateLimit.consumeWrite('198.51.100.1', { limit: 5, now })).toEqual({
				allowed: true
			});
		}
		expect(await rateLimit.consumeWrite('198.51.100.1', { limit: 5, now })).toEqual({
			allowed: false,
			retryAfterSeconds: 45
		});
		// Another address has a budget of its own.
		expect(await rateLimit.consumeWrite('198.51.100.2', { limit: 5, now })).toEqual({
			allowed: true
		});
	});

	it('slides: the last minute still counts in part after the window turns', async () => {
		const address = '198.51.100.3';
		for (let i = 0; i < 10; i++) {
			await rateLimit.consumeWrite(address, { limit: 10, now: minute(1, 50) });
		}
		// 15 s into the next minute, 75% of the last minute's 10 writes still count: 7.5 + 1 ≤ 10.
		expect(await rateLimit.consumeWrite(address, { limit: 10, now: minute(2, 15) })).toEqual({
			allowed: true
		});
		expect(await rateLimit.consumeWrite(address, { limit: 10, now: minute(2, 15) })).toEqual({
			allowed: true
		});
		const refused = await rateLimit.consumeWrite(address, { limit: 10, now: minute(2, 15) });
		expect(refused.allowed).toBe(false);
		// A minute with nothing in it forgets everything.
		expect(await rateLimit.consumeWrite(address, { limit: 10, now: minute(4, 1) })).toEqual({
			allowed: true
		});
	});

	it('holds across two pools hit at once: exactly the budget gets through', async () => {
		const other = testDb.connectAgain();
		const now = minute(10, 5);
		const results = await Promise.all(
			Array.from({ length: 80 }, (_, i) =>
				rateLimit.consumeWrite('203.0.113.9', {
					limit: 30,
					now,
					db: i % 2 === 0 ? testDb.db : other
				})
			)
		);
		expect(results.filter((result) => result.allowed)).toHaveLength(30);
		const { rows } = await sql<{ hits: number }>`
			SELECT hits FROM rate_limit WHERE bucket = 'api-write:203.0.113.9'`.execute(testDb.db);
		expect(rows[0].hits).toBe(80);
		if (!postgresUrl) expect(other).toBe(testDb.db);
	});

	it('forgets addresses quiet for two minutes', async () => {
		await rateLimit.consumeWrite('192.0.2.50', { limit: 5, now: minute(20) });
		await rateLimit.consumeWrite('192.0.2.51', { limit: 5, now: minute(23) });
		expect(await rateLimit.forgetIdle(minute(23, 30))).toBeGreaterThanOrEqual(1);
		const { rows } = await sql<{ bucket: string }>`
			SELECT bucket FROM rate_limit WHERE bucket LIKE 'api-write:192.0.2.5%'`.execute(testDb.db);
		expect(rows.map((row) => row.bucket)).toEqual(['api-write:192.0.2.51']);
	});

	it.skipIf(!postgresUrl)(
		'is one statement prepared once per PostgreSQL connection, counting on every run',
		async () => {
			await testDb.db.connection().execute(async (connection) => {
				const count = (second: number) =>
					rateLimit.consumeWrite('192.0.2.77', {
						limit: 2,
						now: minute(30, second),
						db: connection
					});
				const prepared = () =>
					sql<{ statement: string }>`
						SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%rate_limit%'`
						.execute(connection)
						.then(({ rows }) => rows.map((row) => row.statement));
				expect(await count(1)).toEqual({ allowed: true });
				const statements = await prepared();
				expect(statements).toHaveLength(1);
				expect(await count(2)).toEqual({ allowed: true });
				expect(await count(3)).toEqual({ allowed: false, retryAfterSeconds: 57 });
				expect(await prepared()).toEqual(statements);
			});
		}
	);

	it('refuses a bad RATE_LIMIT_WRITES_PER_MINUTE rather than lifting the limit', () => {
		expect(rateLimit.readWritesPerMinute(undefined)).toBe(60);
		expect(rateLimit.readWritesPerMinute('600')).toBe(600);
		for (const bad of ['0', '-5', 'many', '1.5']) {
			expect(() => rateLimit.readWritesPerMinute(bad)).toThrow(/RATE_LIMIT_WRITES_PER_MINUTE/);
		}
	});
});
