import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './index';

/** Migrations bundled by Vite: used by the app and the tests. */
export const bundledMigrations: MigrationProvider = {
	async getMigrations() {
		const modules = import.meta.glob<Migration>('../../../../migrations/*.ts', { eager: true });
		return Object.fromEntries(
			Object.entries(modules).map(([file, migration]) => [
				file.replace(/^.*\//, '').replace(/\.ts$/, ''),
				migration
			])
		);
	}
};

/** Runs every pending migration, forward only; throws with the name of the one that failed. */
export async function migrateToLatest(db: Db, provider: MigrationProvider = bundledMigrations) {
	// Parallel branches may add migrations with earlier names than one already applied.
	const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((result) => result.status === 'Error');
	if (error || failed) {
		const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
		throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
	}
	return (results ?? []).map((result) => result.migrationName);
}
