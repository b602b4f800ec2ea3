// Starts the built server for the end-to-end tests on a fresh database: on PostgreSQL when
// DATABASE_URL is set (a new database, migrated and seeded with the samples), otherwise on a
// fresh embedded data folder, which the server migrates and seeds itself.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connectPostgres } from '../src/lib/server/db/index';
import { seedDemo } from '../src/lib/server/db/demo';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { seedReference } from '../src/lib/server/db/seed';
import { folderMigrations } from './migrations';

const env: Record<string, string | undefined> = { ...process.env };
const baseUrl = process.env.DATABASE_URL;

if (baseUrl) {
	const name = `agro_e2e_${Date.now().toString(36)}`;
	const admin = connectPostgres(baseUrl, 1);
	await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
	await admin.destroy();
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	const db = connectPostgres(url.toString(), 2);
	await migrateToLatest(db, folderMigrations);
	await seedReference(db);
	await seedDemo(db);
	await db.destroy();
	env.DATABASE_URL = url.toString();
} else {
	env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'agrowisata-e2e-'));
}

const server = spawn(process.execPath, [process.env.BUILD_DIR || 'build-e2e'], {
	env,
	stdio: 'inherit'
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => server.kill(signal));
}
server.on('exit', (code) => process.exit(code ?? 0));
