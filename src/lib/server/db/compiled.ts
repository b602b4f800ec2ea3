// A query built and compiled once, then run with new values. Kysely builds an immutable tree
// and compiles it to SQL on every call; for a query with subqueries and a few dozen columns that
// costs more CPU than PostgreSQL spends answering it, which counts on the booking path. On
// PostgreSQL the statement is also prepared once per connection (db/index.ts).
import { CompiledQuery, type Compilable } from 'kysely';
import { prepareOnEachConnection, type Db } from './index';

/**
 * `placeholders` stand in for the arguments while the query is compiled: each must be a value
 * no other parameter of the query has, so that it can be found and replaced by the argument.
 */
export function compileOnce<Args extends unknown[], Row>(
	build: (...args: Args) => Compilable<Row>,
	placeholders: Args
) {
	let compiled: { sql: string; slots: (number | undefined)[]; fixed: readonly unknown[] };
	return async (db: Db, ...args: Args): Promise<Row[]> => {
		if (!compiled) {
			const query = build(...placeholders).compile();
			const slots = query.parameters.map((value) => {
				const at = placeholders.indexOf(value);
				return at === -1 ? undefined : at;
			});
			const found = new Set(slots.filter((at) => at !== undefined));
			if (found.size !== placeholders.length) {
				throw new Error('compileOnce: a placeholder is not among the query parameters');
			}
			compiled = { sql: query.sql, slots, fixed: query.parameters };
			prepareOnEachConnection(query.sql);
		}
		const parameters = compiled.slots.map((at, i) =>
			at === undefined ? compiled.fixed[i] : args[at]
		);
		const result = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
		return result.rows;
	};
}
