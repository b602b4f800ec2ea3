// npm run db:seed [-- --demo]: the reference data (districts, villages); with --demo also the
// sample packages and demo accounts.
import { describeTarget } from '../src/lib/server/db/prepare';
import { connect } from '../src/lib/server/db/index';
import { seedDemo } from '../src/lib/server/db/demo';
import { seedReference } from '../src/lib/server/db/seed';

const demo = process.argv.includes('--demo');
const db = connect();
try {
	await seedReference(db);
	if (demo) await seedDemo(db);
	console.log(demo ? 'Seeded reference data and samples.' : 'Seeded reference data.');
} catch (error) {
	console.error(
		`Cannot use ${describeTarget()}: ${error instanceof Error ? error.message : error}`
	);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
