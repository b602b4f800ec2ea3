// npm run user:invite on a database seeded without the samples: nobody can sign in until the
// command invites the first office user, who accepts the link as /undangan/[token] does.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as audit from '$lib/server/audit';
import { findHome } from '$lib/server/auth/guards';
import {
	inviteFromCommandLine,
	readInviteArguments,
	type InviteRequest
} from '$lib/server/auth/invite-command';
import * as users from '$lib/server/auth/users';
import { connectPglite, setDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { seedReference } from '$lib/server/db/seed';
import * as people from '$lib/server/auth/people';
import { createTestDb, type TestDb } from '../helpers/db';

const TALANG_BULANG = '16.12.01.2001';
const PASSWORD = 'panen nanas di talang ubi';

let testDb: TestDb;
beforeAll(async () => {
	testDb = await createTestDb();
});
afterAll(() => testDb.close());

beforeEach(async () => {
	setDb(testDb.db);
	for (const table of [
		'audit_event',
		'user_session',
		'invitation',
		'village_membership',
		'sign_in_throttle',
		'sign_in_address',
		'outbox_message'
	] as const) {
		await testDb.db.deleteFrom(table).execute();
	}
	await testDb.db.deleteFrom('app_user').execute();
});

function request(args: string[]): InviteRequest {
	const read = readInviteArguments(args);
	if (typeof read === 'string') throw new Error(read);
	return read;
}

function tokenOf(url: string): string {
	return decodeURIComponent(url.split('/').pop() ?? '');
}

/** What the invitation page does: show the open invitation, then take a name and password. */
async function accept(url: string, name: string) {
	const token = tokenOf(url);
	expect(await users.findInvitation(token)).toBeDefined();
	const accepted = await users.acceptInvitation(token, { name, password: PASSWORD });
	if (!accepted.ok) throw new Error(accepted.reason);
	return accepted;
}

describe('npm run user:invite', () => {
	it('gives a database without accounts its first office user, recorded as the command line', async () => {
		expect(await testDb.db.selectFrom('app_user').select('id').execute()).toEqual([]);
		const invited = await inviteFromCommandLine(request(['--office', 'Kepala@Dinas.example']));
		if (!invited.ok) throw new Error(invited.message);
		expect(invited.url).toMatch(/\/undangan\/[A-Za-z0-9_-]{43}$/);

		// The office sees who invited, and the audit log says it was the command line.
		const [pending] = await people.listPendingInvitations();
		expect(pending).toMatchObject({ email: 'kepala@dinas.example', role: 'office' });
		expect(pending.invitedBy).toBeNull();
		const [created] = await audit.search({ limit: 5 });
		expect(created).toMatchObject({
			action: 'invitation.create',
			actorUserId: null,
			after: { email: 'kepala@dinas.example', role: 'office', via: users.COMMAND_LINE }
		});
		const [mail] = await testDb.db.selectFrom('outbox_message').selectAll().execute();
		expect(mail).toMatchObject({ recipient: 'kepala@dinas.example', template: 'invitation' });

		const accepted = await accept(invited.url, 'Kepala Dinas');
		expect(accepted.user).toMatchObject({ email: 'kepala@dinas.example', role: 'office' });
		expect(findHome(accepted.user, 'id')).toBe('/office');
		const signedIn = await users.signIn('kepala@dinas.example', PASSWORD, '198.51.100.1');
		expect(signedIn.ok && signedIn.user.role).toBe('office');
		// Single use.
		expect(
			await users.acceptInvitation(tokenOf(invited.url), { name: 'Lagi', password: PASSWORD })
		).toEqual({ ok: false, reason: 'invalid_token' });
	});

	it('invites a village owner, or with --staff its staff', async () => {
		for (const [args, role] of [
			[['--host', TALANG_BULANG, 'pemilik@desa.example'], 'owner'],
			[['--host', TALANG_BULANG, '--staff', 'staf@desa.example'], 'staff']
		] as const) {
			const invited = await inviteFromCommandLine(request([...args]));
			if (!invited.ok) throw new Error(invited.message);
			const accepted = await accept(invited.url, `Pengelola ${role}`);
			expect(accepted.user.role).toBe('host');
			expect(findHome(accepted.user, 'id')).toBe('/host');
			expect(await users.listVillagesOf(accepted.user.id)).toEqual([
				expect.objectContaining({ code: TALANG_BULANG, role })
			]);
		}
	});

	it('refuses bad input with a message and writes nothing', async () => {
		for (const args of [
			[],
			['kepala@dinas.example'],
			['--office'],
			['--office', 'not-an-address'],
			['--office', 'a@dinas.example', 'b@dinas.example'],
			['--office', '--host', TALANG_BULANG, 'a@dinas.example'],
			['--staff', 'a@dinas.example'],
			['--office', '--unknown', 'a@dinas.example'],
			['--host']
		]) {
			expect(typeof readInviteArguments(args), args.join(' ')).toBe('string');
		}
		const unknownVillage = await inviteFromCommandLine(
			request(['--host', '99.99.99.9999', 'a@desa.example'])
		);
		expect(unknownVillage).toEqual({
			ok: false,
			message: expect.stringContaining('"99.99.99.9999"')
		});
		expect(await testDb.db.selectFrom('invitation').select('id').execute()).toEqual([]);

		const first = await inviteFromCommandLine(request(['--office', 'kepala@dinas.example']));
		if (!first.ok) throw new Error(first.message);
		await accept(first.url, 'Kepala Dinas');
		expect(await inviteFromCommandLine(request(['--office', 'KEPALA@dinas.example']))).toEqual({
			ok: false,
			message: expect.stringContaining('exists')
		});
	});
});

function run(args: string[], env: Record<string, string | undefined>) {
	return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/user-invite.ts', ...args], {
			env: { ...process.env, DATABASE_URL: undefined, ...env }
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

describe('the user:invite script', () => {
	it('prints the link under ORIGIN on its last line, and exits non-zero on bad input', async () => {
		// An embedded database as `npm run db:migrate` and `npm run db:seed` leave it: no samples.
		const dataDir = mkdtempSync(path.join(tmpdir(), 'agrowisata-invite-'));
		const seeded = connectPglite(dataDir);
		await migrateToLatest(seeded);
		await seedReference(seeded);
		await seeded.destroy();
		const env = { DATA_DIR: dataDir, ORIGIN: 'https://agrowisata.example' };

		// Bad input (each kind is above) stops before the database is opened.
		const missing = await run(['--office'], env);
		expect(missing.code).not.toBe(0);
		expect(missing.stderr).toContain('Usage');

		const invited = await run(['--office', 'kepala@dinas.example'], env);
		expect(invited.code, invited.stderr).toBe(0);
		const link = invited.stdout.trim().split('\n').at(-1) ?? '';
		expect(link).toMatch(/^https:\/\/agrowisata\.example\/undangan\/[A-Za-z0-9_-]{43}$/);

		const db = connectPglite(dataDir);
		setDb(db);
		try {
			const accepted = await accept(link, 'Kepala Dinas');
			expect(accepted.user.role).toBe('office');
			const signedIn = await users.signIn('kepala@dinas.example', PASSWORD, '198.51.100.2');
			expect(signedIn.ok).toBe(true);
		} finally {
			await db.destroy();
		}
	}, 240_000);
});
