import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider } from 'kysely/migration';

/** The migrations folder, read from disk: for scripts that run outside Vite. */
export const folderMigrations = new FileMigrationProvider({
	fs,
	path,
	migrationFolder: path.resolve('migrations')
});
