// npm run db:migrate: brings the database named by DATABASE_URL (or the embedded one) up to date.
import { describeTarget } from '../src/lib/server/db/prepare';
import { connect } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { folderMigrations } from './migrations';

const db = connect();
try {
	const applied = await migrateToLatest(db, folderMigrations);
	console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
} catch (error) {
	console.error(
		`Cannot use ${describeTarget()}: ${error instanceof Error ? error.message : error}`
	);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
