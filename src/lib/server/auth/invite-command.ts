// `npm run user:invite`: an invitation made at the server's command line, the same single-use,
// expiring invitation the office makes at /office/orang. A database seeded without the samples
// has no account at all; this is how it gets its first office user.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { getDb } from '../db';
import * as users from './users';

export const INVITE_USAGE = `Usage:
  npm run user:invite -- --office EMAIL
  npm run user:invite -- --host VILLAGE_CODE [--staff] EMAIL
A host is invited as the village's owner, or with --staff as its staff.`;

export type InviteCommandResult =
	| { ok: true; email: string; role: string; url: string; expiresAt: Date }
	| { ok: false; message: string };

export type InviteRequest = Omit<users.InvitationInput, 'language'>;

/** The invitation the arguments ask for, or what is wrong with them (before any database). */
export function readInviteArguments(args: string[]): InviteRequest | string {
	let parsed;
	try {
		parsed = parseArgs({
			args,
			options: {
				office: { type: 'boolean' },
				host: { type: 'string' },
				staff: { type: 'boolean' }
			},
			allowPositionals: true,
			strict: true
		});
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
	const { values, positionals } = parsed;
	if (Boolean(values.office) === (values.host !== undefined)) {
		return 'Say who is invited: --office, or --host VILLAGE_CODE.';
	}
	if (values.staff && !values.host) return '--staff goes with --host VILLAGE_CODE.';
	if (positionals.length !== 1) return 'Give exactly one e-mail address.';
	const [email] = positionals;
	if (!z.email().max(254).safeParse(email).success) {
		return `"${email}" is not an e-mail address.`;
	}
	if (values.host === undefined) return { email, role: 'office' };
	return {
		email,
		role: 'host',
		villageCode: values.host,
		villageRole: values.staff ? 'staff' : 'owner'
	};
}

/** Makes the invitation; input the database refuses comes back as a message. */
export async function inviteFromCommandLine(
	request: InviteRequest,
	now = new Date()
): Promise<InviteCommandResult> {
	const result = await users.createInvitation(users.COMMAND_LINE, request, now);
	if (result.ok) {
		const role =
			request.role === 'office'
				? 'office staff'
				: `${request.villageRole} of ${request.villageCode}`;
		const { url, expiresAt } = result;
		return { ok: true, email: users.normaliseEmail(request.email), role, url, expiresAt };
	}
	switch (result.reason) {
		case 'exists':
			return { ok: false, message: `An account with ${request.email} exists already.` };
		case 'invalid': {
			const villages = await getDb().selectFrom('village').select('code').limit(1).execute();
			return {
				ok: false,
				message:
					villages.length === 0
						? 'The database has no villages yet: run "npm run db:seed" first.'
						: `No village has the code "${request.villageCode}" (codes look like 16.12.01.2001).`
			};
		}
		default:
			return { ok: false, message: 'This invitation is not allowed.' };
	}
}
