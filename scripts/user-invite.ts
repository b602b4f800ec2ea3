// npm run user:invite -- --office EMAIL | --host VILLAGE_CODE [--staff] EMAIL: an invitation
// link for the first office account of a new database, or for anyone before someone can sign
// in. The link alone is on the last line, so that it can be piped on.
import {
	INVITE_USAGE,
	inviteFromCommandLine,
	readInviteArguments
} from '../src/lib/server/auth/invite-command';
import { connect, setDb } from '../src/lib/server/db/index';
import { describeTarget } from '../src/lib/server/db/prepare';

const request = readInviteArguments(process.argv.slice(2));
if (typeof request === 'string') {
	console.error(`${request}\n${INVITE_USAGE}`);
	process.exit(2);
}
if (!process.env.ORIGIN) {
	console.error(
		'Set ORIGIN to the public address of the site (https://…): the link is made under it.'
	);
	process.exit(2);
}

const db = connect();
setDb(db);
try {
	const result = await inviteFromCommandLine(request);
	if (result.ok) {
		console.log(`Invited ${result.email} as ${result.role}; the link works once, until`);
		console.log(
			`${result.expiresAt.toISOString()}. An e-mail with it waits for the site to send it.`
		);
		console.log(result.url);
	} else {
		console.error(result.message);
		process.exitCode = 2;
	}
} catch (error) {
	const reason = error instanceof Error ? error.message : String(error);
	// A database that was never migrated has no table to keep the invitation in.
	const hint = /does not exist/.test(reason)
		? ' (run "npm run db:migrate" and "npm run db:seed" first)'
		: '';
	console.error(`Cannot use ${describeTarget()}: ${reason}${hint}`);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
