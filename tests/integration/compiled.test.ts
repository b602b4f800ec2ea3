import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileOnce } from '$lib/server/db/compiled';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';

let testDb: TestDb;
beforeAll(async () => {
	testDb = await createTestDb();
});
afterAll(() => testDb.close());

/** Villages of a district whose name starts with a prefix; `type` is a value of the query's own. */
const build = (district: string, prefix: string) =>
	testDb.db
		.selectFrom('village')
		.select(['code', 'name'])
		.where('district_code', '=', district)
		.where('name', 'like', prefix)
		.where('type', '=', 'desa')
		.orderBy('code');

describe('a query compiled once', () => {
	it('answers every call with its own values, as the builder would', async () => {
		const villagesOf = compileOnce(build, ['placeholder:district', 'placeholder:prefix']);
		for (const [district, prefix] of [
			['16.12.01', 'Talang%'],
			['16.12.05', '%'],
			['16.12.04', 'Tanah%'],
			['99.99.99', '%']
		]) {
			const expected = await build(district, prefix).execute();
			expect(await villagesOf(testDb.db, district, prefix)).toEqual(expected);
		}
		// The calls were not all alike: the test would pass on a query stuck with its first values.
		expect((await villagesOf(testDb.db, '16.12.01', 'Talang%')).length).toBeGreaterThan(0);
		expect(await villagesOf(testDb.db, '99.99.99', '%')).toEqual([]);
		// A value the query holds of its own stays: the district's kelurahan are left out.
		const kelurahan = await testDb.db
			.selectFrom('village')
			.select('district_code')
			.where('type', '=', 'kelurahan')
			.executeTakeFirstOrThrow();
		const all = await testDb.db
			.selectFrom('village')
			.select('code')
			.where('district_code', '=', kelurahan.district_code)
			.execute();
		const desa = await villagesOf(testDb.db, kelurahan.district_code, '%');
		expect(desa.length).toBeGreaterThan(0);
		expect(desa.length).toBeLessThan(all.length);
	});

	it('refuses a placeholder the query does not use, rather than dropping the argument', async () => {
		const ignoresPrefix = compileOnce(
			(district: string, prefix: string) => {
				void prefix;
				return testDb.db.selectFrom('village').select('code').where('district_code', '=', district);
			},
			['placeholder:district', 'placeholder:prefix']
		);
		await expect(ignoresPrefix(testDb.db, '16.12.01', '%')).rejects.toThrow(
			/placeholder is not among the query parameters/
		);
	});

	it.skipIf(!postgresUrl)(
		'is prepared once per PostgreSQL connection, and still answers after a column is added',
		async () => {
			const villagesOf = compileOnce(build, ['placeholder:district', 'placeholder:prefix']);
			await testDb.db.connection().execute(async (connection) => {
				const first = await villagesOf(connection, '16.12.01', 'Talang%');
				const prepared = () =>
					sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`
						.execute(connection)
						.then(({ rows }) => rows.map((row) => row.statement));
				const [statement] = await prepared();
				expect(statement).toMatch(/^select "code", "name" from "village"/);
				// Run again with other values: the same statement, not a second one.
				expect(await villagesOf(connection, '16.12.05', '%')).toEqual(
					await build('16.12.05', '%').execute()
				);
				expect(await prepared()).toEqual([statement]);
				// A migration adding a column: PostgreSQL plans the statement again by itself.
				await sql`ALTER TABLE village ADD COLUMN compiled_test_note text`.execute(connection);
				expect(await villagesOf(connection, '16.12.01', 'Talang%')).toEqual(first);
				await sql`ALTER TABLE village DROP COLUMN compiled_test_note`.execute(connection);
			});
		}
	);
});
