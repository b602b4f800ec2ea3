import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as audit from '$lib/server/audit';
import { requireHost, requireOffice, requireVillageOwner } from '$lib/server/auth/guards';
import { hashPassword, verifyPasswordHash } from '$lib/server/auth/password';
import * as sessions from '$lib/server/auth/session';
import * as throttle from '$lib/server/auth/throttle';
import { ADDRESS_BUDGET, computeLockSeconds } from '$lib/server/auth/throttle';
import * as users from '$lib/server/auth/users';
import { setDb } from '$lib/server/db';
import { DEMO_PASSWORD, seedDemoAccounts } from '$lib/server/db/demo-accounts';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';

const TALANG_BULANG = '16.12.01.2001';
const BHAYANGKARA = '16.12.01.1017';
const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'panen nanas di talang ubi';

let testDb: TestDb;
beforeAll(async () => {
	testDb = await createTestDb();
});
afterAll(() => testDb.close());

beforeEach(async () => {
	setDb(testDb.db);
	const db = testDb.db;
	for (const table of [
		'audit_event',
		'user_session',
		'password_reset',
		'invitation',
		'village_membership',
		'sign_in_throttle',
		'sign_in_address',
		'outbox_message'
	] as const) {
		await db.deleteFrom(table).execute();
	}
	await db.deleteFrom('app_user').execute();
});

let addressCounter = 0;
/** A client address of its own per call, so the address budget does not mix tests. */
function freshAddress(): string {
	addressCounter += 1;
	return `203.0.113.${addressCounter}`;
}

async function createUser(
	email: string,
	role: 'office' | 'host',
	memberships: { villageCode: string; role: 'owner' | 'staff' }[] = []
) {
	const user = await testDb.db
		.insertInto('app_user')
		.values({ email, name: email.split('@')[0], role, password_hash: await hashPassword(PASSWORD) })
		.returning(['id', 'email', 'name', 'role'])
		.executeTakeFirstOrThrow();
	for (const membership of memberships) {
		await testDb.db
			.insertInto('village_membership')
			.values({ user_id: user.id, village_code: membership.villageCode, role: membership.role })
			.execute();
	}
	return user;
}

async function signInOrThrow(email: string, password = PASSWORD, now = new Date()) {
	const result = await users.signIn(email, password, freshAddress(), { now });
	if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
	return result;
}

function countingVerify() {
	const calls = { count: 0 };
	const verify = (hash: string, password: string) => {
		calls.count += 1;
		return verifyPasswordHash(hash, password);
	};
	return { calls, verify };
}

function tokenFromUrl(url: string): string {
	return decodeURIComponent(url.split('/').pop() ?? '');
}

async function outbox(template: string) {
	return testDb.db
		.selectFrom('outbox_message')
		.selectAll()
		.where('template', '=', template)
		.orderBy('id')
		.execute();
}

describe('sessions', () => {
	it('signs in with a new session whose stored hash is SHA-256 of the secret, not the secret', async () => {
		await createUser('host@desa.test', 'host');
		const result = await signInOrThrow('  HOST@Desa.test ');
		const [id, secret] = result.token.split('.');
		expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
		const row = await testDb.db
			.selectFrom('user_session')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		const stored = Buffer.from(row.secret_hash);
		expect(stored.toString('base64url')).not.toBe(secret);
		expect(stored.equals(Buffer.from(secret, 'base64url'))).toBe(false);
		expect(
			stored.equals(createHash('sha256').update(Buffer.from(secret, 'base64url')).digest())
		).toBe(true);
		const validated = await sessions.validateSessionToken(result.token);
		expect(validated.user).toMatchObject({ email: 'host@desa.test', role: 'host' });
	});

	it('refuses a tampered secret, an unknown id and malformed tokens', async () => {
		await createUser('host@desa.test', 'host');
		const { token } = await signInOrThrow('host@desa.test');
		const [id, secret] = token.split('.');
		const flipped = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
		for (const bad of [
			`${id}.${flipped}`,
			`unknownid.${secret}`,
			id,
			`${id}.${secret}.extra`,
			`${id}.not-base64!`,
			'',
			'.',
			// PostgreSQL refuses a NUL in text with an error: such a cookie must not reach it.
			`\u0000.${secret}`,
			`${id.slice(0, 12)}\u0000${id.slice(13)}.${secret}`,
			`${id}\u0000.${secret}`
		]) {
			expect((await sessions.validateSessionToken(bad)).session, bad).toBeNull();
		}
		expect((await sessions.validateSessionToken(token)).session?.id).toBe(id);
	});

	it('starts a new session at every sign-in', async () => {
		await createUser('host@desa.test', 'host');
		const first = await signInOrThrow('host@desa.test');
		const second = await signInOrThrow('host@desa.test');
		expect(first.token.split('.')[0]).not.toBe(second.token.split('.')[0]);
		expect((await sessions.validateSessionToken(first.token)).session).not.toBeNull();
		expect((await sessions.validateSessionToken(second.token)).session).not.toBeNull();
	});

	it('ends after 30 idle days, slides when used, and never outlives 90 days', async () => {
		await createUser('host@desa.test', 'host');
		const start = new Date('2026-12-01T00:00:00Z');
		const idle = await signInOrThrow('host@desa.test', PASSWORD, start);
		expect(
			(await sessions.validateSessionToken(idle.token, new Date(start.getTime() + 29 * DAY))).fresh
		).toBe(true);
		expect(
			(await sessions.validateSessionToken(idle.token, new Date(start.getTime() + 60 * DAY)))
				.session
		).toBeNull();
		// An expired session is gone from the table, not just refused.
		const idleId = idle.token.split('.')[0];
		expect(
			await testDb.db
				.selectFrom('user_session')
				.select('id')
				.where('id', '=', idleId)
				.executeTakeFirst()
		).toBeUndefined();

		const busy = await signInOrThrow('host@desa.test', PASSWORD, start);
		const early = await sessions.validateSessionToken(
			busy.token,
			new Date(start.getTime() + 1 * DAY)
		);
		expect(early.fresh).toBe(false);
		for (let day = 20; day <= 80; day += 20) {
			const result = await sessions.validateSessionToken(
				busy.token,
				new Date(start.getTime() + day * DAY)
			);
			expect(result.session, `day ${day}`).not.toBeNull();
		}
		const late = await sessions.validateSessionToken(
			busy.token,
			new Date(start.getTime() + 89 * DAY)
		);
		expect(late.session?.expiresAt.getTime()).toBe(start.getTime() + 90 * DAY);
		expect(
			(await sessions.validateSessionToken(busy.token, new Date(start.getTime() + 90 * DAY)))
				.session
		).toBeNull();
	});

	it('signs out one session, or all of them everywhere', async () => {
		const user = await createUser('host@desa.test', 'host');
		const a = await signInOrThrow('host@desa.test');
		const b = await signInOrThrow('host@desa.test');
		const c = await signInOrThrow('host@desa.test');
		await sessions.invalidateSession(a.token.split('.')[0]);
		expect((await sessions.validateSessionToken(a.token)).session).toBeNull();
		expect((await sessions.validateSessionToken(b.token)).session).not.toBeNull();
		await sessions.invalidateUserSessions(user.id);
		expect((await sessions.validateSessionToken(b.token)).session).toBeNull();
		expect((await sessions.validateSessionToken(c.token)).session).toBeNull();
	});

	it("fails a disabled user's session at once and refuses sign-in with the usual answer", async () => {
		const office = await createUser('dinas@pali.test', 'office');
		const host = await createUser('host@desa.test', 'host');
		const { token } = await signInOrThrow('host@desa.test');
		// Even a session row left behind by a crash between the two writes stops working.
		await testDb.db
			.updateTable('app_user')
			.set({ disabled_at: new Date() })
			.where('id', '=', host.id)
			.execute();
		expect((await sessions.validateSessionToken(token)).session).toBeNull();
		await testDb.db
			.updateTable('app_user')
			.set({ disabled_at: null })
			.where('id', '=', host.id)
			.execute();

		const again = await signInOrThrow('host@desa.test');
		expect(await users.disableUser(office, host.id)).toEqual({ ok: true });
		expect((await sessions.validateSessionToken(again.token)).session).toBeNull();
		const count = await testDb.db
			.selectFrom('user_session')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('user_id', '=', host.id)
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(0);

		const refused = await users.signIn('host@desa.test', PASSWORD, freshAddress());
		const unknown = await users.signIn('nobody@desa.test', PASSWORD, freshAddress());
		expect(refused).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(refused);

		expect(await users.disableUser(host, office.id)).toEqual({ ok: false, reason: 'forbidden' });
		const [event] = await audit.search({ actorUserId: office.id, limit: 10 });
		expect(event).toMatchObject({
			action: 'user.disable',
			entity: 'user',
			entityId: String(host.id)
		});
	});
});

describe('sign-in throttling', () => {
	it('delays an account at the address that keeps failing, and computes no hash meanwhile', async () => {
		await createUser('host@desa.test', 'host');
		const { calls, verify } = countingVerify();
		const address = freshAddress();
		const now = new Date('2026-12-01T08:00:00Z');
		for (let failure = 1; failure <= 5; failure += 1) {
			const result = await users.signIn('host@desa.test', 'wrong password', address, {
				now: new Date(now.getTime() + failure * 60_000),
				verify
			});
			expect(result).toEqual({ ok: false, reason: 'invalid' });
		}
		expect(calls.count).toBe(5);
		// Waiting computeLockSeconds(5) after the fifth failure: from there even the right password waits.
		const lockedAt = new Date(now.getTime() + 5 * 60_000 + 500);
		const locked = await users.signIn('host@desa.test', PASSWORD, address, {
			now: lockedAt,
			verify
		});
		expect(locked).toMatchObject({ ok: false, reason: 'throttled' });
		expect(locked.ok || locked.retryAfterSeconds).toBe(computeLockSeconds(5) - 0);
		expect(calls.count).toBe(5);

		const after = new Date(now.getTime() + 5 * 60_000 + computeLockSeconds(5) * 1000);
		const allowed = await users.signIn('host@desa.test', PASSWORD, address, {
			now: after,
			verify
		});
		expect(allowed.ok).toBe(true);
		expect(calls.count).toBe(6);
		// Success forgets the failures at that address.
		for (let failure = 1; failure <= 3; failure += 1) {
			const fresh = await users.signIn('host@desa.test', 'wrong password', address, {
				now: after,
				verify
			});
			expect(fresh).toEqual({ ok: false, reason: 'invalid' });
		}
	});

	it("never locks the owner out with an attacker's failures from another address", async () => {
		const owner = await createUser('host@desa.test', 'host');
		const { calls, verify } = countingVerify();
		const attacker = freshAddress();
		const ownersPhone = freshAddress();
		const now = new Date('2026-12-01T08:00:00Z');
		// The attacker fails until every further try from their address has to wait, each try
		// made as soon as the wait before it allows.
		let at = now;
		for (let failure = 1; failure <= 12; failure += 1) {
			at = new Date(at.getTime() + computeLockSeconds(failure - 1) * 1000);
			const result = await users.signIn('host@desa.test', `guess ${failure}`, attacker, {
				now: at,
				verify
			});
			expect(result, `failure ${failure}`).toEqual({ ok: false, reason: 'invalid' });
		}
		const waiting = await users.signIn('host@desa.test', PASSWORD, attacker, { now: at, verify });
		expect(waiting).toMatchObject({
			ok: false,
			reason: 'throttled',
			retryAfterSeconds: computeLockSeconds(12)
		});

		// At that same moment the owner, from their own phone, gets in with the right password.
		const signedIn = await users.signIn('  Host@Desa.test', PASSWORD, ownersPhone, {
			now: at,
			verify
		});
		expect(signedIn.ok && signedIn.user.id).toBe(owner.id);
		// The owner's sign-in does not restart the attacker's count.
		const stillWaiting = await users.signIn('host@desa.test', 'guess 13', attacker, {
			now: at,
			verify
		});
		expect(stillWaiting).toMatchObject({ ok: false, reason: 'throttled' });
		expect(calls.count).toBe(13);
	});

	it('answers an unknown e-mail exactly like a known one, and throttles it the same way', async () => {
		await createUser('host@desa.test', 'host');
		const { calls, verify } = countingVerify();
		const now = new Date('2026-12-01T08:00:00Z');
		const answers: Record<string, unknown[]> = { known: [], unknown: [] };
		for (const [kind, email] of [
			['known', 'host@desa.test'],
			['unknown', 'nobody@desa.test']
		] as const) {
			const address = freshAddress();
			for (let attempt = 0; attempt < 6; attempt += 1) {
				answers[kind].push(await users.signIn(email, 'wrong password', address, { now, verify }));
			}
		}
		expect(answers.unknown).toEqual(answers.known);
		expect(answers.known.at(-1)).toMatchObject({ ok: false, reason: 'throttled' });
		// Four verifications each (three free failures plus the one that set the wait); the
		// unknown address was checked against the dummy hash, the throttled attempts against
		// nothing.
		expect(calls.count).toBe(8);
	});

	it(`allows ${ADDRESS_BUDGET} attempts per address per window, then computes nothing`, async () => {
		const { calls, verify } = countingVerify();
		const address = freshAddress();
		const now = new Date('2026-12-01T08:00:00Z');
		for (let attempt = 0; attempt < ADDRESS_BUDGET; attempt += 1) {
			const result = await users.signIn(`guess${attempt}@desa.test`, 'wrong password', address, {
				now,
				verify
			});
			expect(result.ok || result.reason).toBe('invalid');
		}
		const over = await users.signIn('another@desa.test', 'wrong password', address, {
			now,
			verify
		});
		expect(over).toMatchObject({ ok: false, reason: 'throttled', retryAfterSeconds: 15 * 60 });
		expect(calls.count).toBe(ADDRESS_BUDGET);
		const nextWindow = new Date(now.getTime() + 15 * 60_000);
		const later = await users.signIn('another@desa.test', 'wrong password', address, {
			now: nextWindow,
			verify
		});
		expect(later).toEqual({ ok: false, reason: 'invalid' });
	});

	it.skipIf(!postgresUrl)('holds the address budget across two connection pools', async () => {
		const other = testDb.connectAgain();
		const { calls, verify } = countingVerify();
		const address = freshAddress();
		const now = new Date('2026-12-01T08:00:00Z');
		const pools = [testDb.db, other];
		// Two "app instances" take attempts at the same moment: exactly the budget gets through.
		const attempts = await Promise.all(
			Array.from({ length: ADDRESS_BUDGET + 10 }, (_, attempt) =>
				throttle.consumeAddressBudget(address, now, pools[attempt % 2])
			)
		);
		expect(attempts.filter((attempt) => attempt.allowed)).toHaveLength(ADDRESS_BUDGET);
		// And a sign-in through either instance is refused before any hash is computed.
		for (const pool of pools) {
			setDb(pool);
			const over = await users.signIn('late@desa.test', 'x', address, { now, verify });
			expect(over).toMatchObject({ ok: false, reason: 'throttled' });
		}
		expect(calls.count).toBe(0);
		const second = freshAddress();
		for (let attempt = 0; attempt < ADDRESS_BUDGET + 1; attempt += 1) {
			setDb(pools[attempt % 2]);
			const result = await users.signIn(`guess${attempt}@desa.test`, 'x', second, { now, verify });
			expect(result.ok || result.reason).toBe(attempt < ADDRESS_BUDGET ? 'invalid' : 'throttled');
		}
		expect(calls.count).toBe(ADDRESS_BUDGET);
	});
});

describe('invitations', () => {
	it('invites a host by e-mail with a single-use link stored only as a hash', async () => {
		const office = await createUser('dinas@pali.test', 'office');
		const now = new Date();
		const invited = await users.createInvitation(
			office,
			{
				email: 'Pengelola@Desa.test',
				role: 'host',
				villageCode: TALANG_BULANG,
				villageRole: 'owner',
				language: 'en'
			},
			now
		);
		if (!invited.ok) throw new Error(invited.reason);
		expect(invited.path).toMatch(/^\/en\/undangan\/[A-Za-z0-9_-]{43}$/);
		const token = tokenFromUrl(invited.path);
		const [mail] = await outbox('invitation');
		expect(mail).toMatchObject({ recipient: 'pengelola@desa.test', language: 'en' });
		expect(mail.payload).toMatchObject({
			url: invited.url,
			expiresAt: new Date(now.getTime() + 7 * DAY).toISOString(),
			villageName: 'Talang Bulang',
			role: 'host'
		});
		const stored = await testDb.db.selectFrom('invitation').selectAll().executeTakeFirstOrThrow();
		expect(stored.token_hash).not.toContain(token);
		expect(stored.token_hash).toBe(createHash('sha256').update(token).digest('hex'));

		expect(await users.findInvitation(token)).toMatchObject({
			email: 'pengelola@desa.test',
			villageName: 'Talang Bulang'
		});
		const weak = await users.acceptInvitation(token, { name: 'Bu Sari', password: 'Password123' });
		expect(weak).toEqual({ ok: false, reason: 'common' });
		const accepted = await users.acceptInvitation(token, { name: 'Bu Sari', password: PASSWORD });
		if (!accepted.ok) throw new Error(accepted.reason);
		expect(accepted.user).toMatchObject({
			email: 'pengelola@desa.test',
			name: 'Bu Sari',
			role: 'host'
		});
		expect((await sessions.validateSessionToken(accepted.token)).user?.id).toBe(accepted.user.id);
		expect(await users.listVillagesOf(accepted.user.id)).toEqual([
			{ code: TALANG_BULANG, slug: 'talang-bulang', name: 'Talang Bulang', role: 'owner' }
		]);
		expect(await users.listMembers(TALANG_BULANG)).toEqual([
			{
				userId: accepted.user.id,
				name: 'Bu Sari',
				email: 'pengelola@desa.test',
				role: 'owner',
				disabled: false
			}
		]);

		expect(await users.acceptInvitation(token, { name: 'Someone', password: PASSWORD })).toEqual({
			ok: false,
			reason: 'invalid_token'
		});
		expect(await users.findInvitation(token)).toBeUndefined();
		expect((await signInOrThrow('pengelola@desa.test')).user.id).toBe(accepted.user.id);
		const events = await audit.search({ villageCode: TALANG_BULANG, limit: 10 });
		expect(events.map((event) => event.action)).toEqual(['invitation.accept', 'invitation.create']);
	});

	it('lets an invitation expire after seven days', async () => {
		const office = await createUser('dinas@pali.test', 'office');
		const now = new Date('2026-12-01T08:00:00Z');
		const invited = await users.createInvitation(
			office,
			{ email: 'staf@pali.test', role: 'office' },
			now
		);
		if (!invited.ok) throw new Error(invited.reason);
		const token = tokenFromUrl(invited.path);
		const late = new Date(now.getTime() + 7 * DAY + 1000);
		expect(await users.acceptInvitation(token, { name: 'Staf', password: PASSWORD }, late)).toEqual(
			{
				ok: false,
				reason: 'invalid_token'
			}
		);
		expect(
			await users.acceptInvitation('made-up-token', { name: 'Staf', password: PASSWORD })
		).toEqual({
			ok: false,
			reason: 'invalid_token'
		});
	});

	it('lets an owner invite staff to their own village only', async () => {
		const owner = await createUser('owner@desa.test', 'host', [
			{ villageCode: TALANG_BULANG, role: 'owner' }
		]);
		const staff = await createUser('staff@desa.test', 'host', [
			{ villageCode: TALANG_BULANG, role: 'staff' }
		]);
		const own = await users.createInvitation(owner, {
			email: 'new@desa.test',
			role: 'host',
			villageCode: TALANG_BULANG,
			villageRole: 'staff'
		});
		expect(own.ok).toBe(true);
		const forbidden = { ok: false, reason: 'forbidden' };
		expect(
			await users.createInvitation(owner, {
				email: 'x@desa.test',
				role: 'host',
				villageCode: BHAYANGKARA,
				villageRole: 'staff'
			})
		).toEqual(forbidden);
		expect(
			await users.createInvitation(owner, {
				email: 'x@desa.test',
				role: 'host',
				villageCode: TALANG_BULANG,
				villageRole: 'owner'
			})
		).toEqual(forbidden);
		expect(await users.createInvitation(owner, { email: 'x@desa.test', role: 'office' })).toEqual(
			forbidden
		);
		expect(
			await users.createInvitation(staff, {
				email: 'x@desa.test',
				role: 'host',
				villageCode: TALANG_BULANG,
				villageRole: 'staff'
			})
		).toEqual(forbidden);
		expect(
			await users.createInvitation(owner, {
				email: 'staff@desa.test',
				role: 'host',
				villageCode: TALANG_BULANG,
				villageRole: 'staff'
			})
		).toEqual({ ok: false, reason: 'exists' });
		expect(await outbox('invitation')).toHaveLength(1);
	});
});

describe('password reset', () => {
	it('sends a single-use link to known enabled accounts only, and ends every session', async () => {
		const user = await createUser('host@desa.test', 'host');
		const session = await signInOrThrow('host@desa.test');
		await users.requestPasswordReset('nobody@desa.test', 'id');
		expect(await outbox('password_reset')).toHaveLength(0);

		const now = new Date();
		await users.requestPasswordReset(' Host@Desa.test', 'id', now);
		const [mail] = await outbox('password_reset');
		expect(mail.payload).toMatchObject({
			name: 'host',
			expiresAt: new Date(now.getTime() + 60 * 60_000).toISOString()
		});
		const url = String(mail.payload.url);
		expect(url).toMatch(/^http.*\/atur-sandi\/[A-Za-z0-9_-]{43}$/);
		const token = tokenFromUrl(url);
		const stored = await testDb.db
			.selectFrom('password_reset')
			.select('token_hash')
			.executeTakeFirstOrThrow();
		expect(stored.token_hash).toBe(createHash('sha256').update(token).digest('hex'));

		expect(await users.resetPassword(token, '12345678')).toEqual({ ok: false, reason: 'common' });
		expect(await users.resetPassword(token, 'short')).toEqual({ ok: false, reason: 'too_short' });
		expect(await users.resetPassword(token, 'kebun nanas baru 2026')).toEqual({
			ok: true,
			email: 'host@desa.test'
		});
		expect((await sessions.validateSessionToken(session.token)).session).toBeNull();
		expect(await users.resetPassword(token, 'another new phrase')).toEqual({
			ok: false,
			reason: 'invalid_token'
		});
		expect((await users.signIn('host@desa.test', PASSWORD, freshAddress())).ok).toBe(false);
		expect((await signInOrThrow('host@desa.test', 'kebun nanas baru 2026')).user.id).toBe(user.id);
	});

	it('lets a reset link expire after an hour', async () => {
		await createUser('host@desa.test', 'host');
		const now = new Date('2026-12-01T08:00:00Z');
		await users.requestPasswordReset('host@desa.test', 'en', now);
		const [mail] = await outbox('password_reset');
		expect(String(mail.payload.url)).toContain('/en/atur-sandi/');
		const token = tokenFromUrl(String(mail.payload.url));
		const late = new Date(now.getTime() + 60 * 60_000 + 1000);
		expect(await users.resetPassword(token, 'kebun nanas baru 2026', late)).toEqual({
			ok: false,
			reason: 'invalid_token'
		});
	});

	it('sends nothing to a disabled account', async () => {
		const user = await createUser('host@desa.test', 'host');
		await testDb.db
			.updateTable('app_user')
			.set({ disabled_at: new Date() })
			.where('id', '=', user.id)
			.execute();
		await users.requestPasswordReset('host@desa.test', 'id');
		expect(await outbox('password_reset')).toHaveLength(0);
	});
});

describe('guards', () => {
	it('lets the office act on any village and a host only on their own', async () => {
		const office = await createUser('dinas@pali.test', 'office');
		const owner = await createUser('owner@desa.test', 'host', [
			{ villageCode: TALANG_BULANG, role: 'owner' }
		]);
		const staff = await createUser('staff@desa.test', 'host', [
			{ villageCode: TALANG_BULANG, role: 'staff' }
		]);
		const locals = (user: typeof office) => ({ user, locale: 'id' as const });

		expect((await requireHost(locals(office), BHAYANGKARA)).role).toBe('office');
		expect((await requireHost(locals(owner), TALANG_BULANG)).role).toBe('owner');
		expect((await requireHost(locals(staff), TALANG_BULANG)).role).toBe('staff');
		await expect(requireHost(locals(owner), BHAYANGKARA)).rejects.toMatchObject({ status: 403 });
		await expect(requireHost(locals(office), '99.99.99.9999')).rejects.toMatchObject({
			status: 404
		});
		await expect(requireVillageOwner(locals(staff), TALANG_BULANG)).rejects.toMatchObject({
			status: 403
		});
		expect((await requireVillageOwner(locals(owner), TALANG_BULANG)).role).toBe('owner');
		expect(requireOffice(locals(office)).id).toBe(office.id);
		expect(() => requireOffice(locals(owner))).toThrow(expect.objectContaining({ status: 403 }));

		// Membership is read per request: removing it takes effect at once.
		await testDb.db.deleteFrom('village_membership').where('user_id', '=', owner.id).execute();
		await expect(requireHost(locals(owner), TALANG_BULANG)).rejects.toMatchObject({ status: 403 });
	});
});

describe('audit log', () => {
	it('finds events by village, actor and date', async () => {
		const office = await createUser('dinas@pali.test', 'office');
		await audit.record(testDb.db, {
			actorUserId: office.id,
			villageCode: TALANG_BULANG,
			action: 'village.update',
			entity: 'village',
			entityId: TALANG_BULANG,
			before: { ovop: false },
			after: { ovop: true }
		});
		await audit.record(testDb.db, {
			actorUserId: null,
			action: 'system.note',
			entity: 'system',
			entityId: 1
		});
		const [event] = await audit.search({ villageCode: TALANG_BULANG, limit: 5 });
		expect(event).toMatchObject({
			actorName: 'dinas',
			before: { ovop: false },
			after: { ovop: true }
		});
		expect(await audit.search({ actorUserId: office.id, limit: 5 })).toHaveLength(1);
		expect(await audit.search({ limit: 5 })).toHaveLength(2);
		const hourAgo = new Date(Date.now() - 60 * 60_000);
		expect(await audit.search({ from: hourAgo, limit: 5 })).toHaveLength(2);
		expect(await audit.search({ to: hourAgo, limit: 5 })).toHaveLength(0);
	});
});

describe('demo accounts', () => {
	it('seeds the office and two village owners once, and all three can sign in', async () => {
		await seedDemoAccounts(testDb.db);
		await seedDemoAccounts(testDb.db);
		const accounts = await testDb.db
			.selectFrom('app_user')
			.select(['email', 'role'])
			.orderBy('email')
			.execute();
		expect(accounts).toEqual([
			{ email: 'bhayangkara@agrowisata.test', role: 'host' },
			{ email: 'dinas@agrowisata.test', role: 'office' },
			{ email: 'talangbulang@agrowisata.test', role: 'host' }
		]);
		for (const [email, village] of [
			['talangbulang@agrowisata.test', TALANG_BULANG],
			['bhayangkara@agrowisata.test', BHAYANGKARA]
		]) {
			const { user } = await signInOrThrow(email, DEMO_PASSWORD);
			expect(await users.listVillagesOf(user.id)).toEqual([
				expect.objectContaining({ code: village, role: 'owner' })
			]);
		}
		const office = await signInOrThrow('dinas@agrowisata.test', DEMO_PASSWORD);
		expect(office.user).toMatchObject({ name: 'Dinas Pariwisata PALI (demo)', role: 'office' });
	});
});
