import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { todayInJakarta } from '$lib/dates';
import { createSession } from '$lib/server/auth/session';
import type { SessionUser } from '$lib/server/auth/session';
import { setDb } from '$lib/server/db';
import { seedDemo } from '$lib/server/db/demo';
import * as officeVillages from '$lib/server/villages/office';
import * as packageReview from '$lib/server/packages/review';
import * as packages from '$lib/server/packages';
import * as people from '$lib/server/auth/people';
import * as villages from '$lib/server/villages';
import { parse } from '$lib/validation';
import * as officeIndex from '../../src/routes/office/+page.server';
import * as auditPage from '../../src/routes/office/audit/+page.server';
import * as villageList from '../../src/routes/office/desa/+page.server';
import * as villagePage from '../../src/routes/office/desa/[slug]/+page.server';
import * as peoplePage from '../../src/routes/office/orang/+page.server';
import * as reviewQueue from '../../src/routes/office/tinjauan/+page.server';
import * as reviewPage from '../../src/routes/office/tinjauan/[id]/+page.server';
import { createPackage } from '../helpers/fixtures';
import { createTestDb, type TestDb } from '../helpers/db';

const BHAYANGKARA = '16.12.01.1017';
const TALANG_BULANG = '16.12.01.2001';

let testDb: TestDb;
let office: SessionUser;
let host: SessionUser;

async function account(email: string): Promise<SessionUser> {
	return testDb.db
		.selectFrom('app_user')
		.select(['id', 'email', 'name', 'role'])
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
}

beforeAll(async () => {
	testDb = await createTestDb();
	await seedDemo(testDb.db);
	office = await account('dinas@agrowisata.test');
	host = await account('talangbulang@agrowisata.test');
});
afterAll(() => testDb.close());
beforeEach(() => setDb(testDb.db));

async function auditEvents(action: string, entityId: string | number) {
	return testDb.db
		.selectFrom('audit_event')
		.select(['actor_user_id', 'village_code', 'before', 'after'])
		.where('action', '=', action)
		.where('entity_id', '=', String(entityId))
		.orderBy('id')
		.execute();
}

/** A package of Talang Bulang waiting for review, with a weekly rule and no slots yet. */
async function packageInReview(slug: string) {
	const { packageId } = await createPackage(testDb.db, { slug, starts: [], status: 'draft' });
	await testDb.db
		.insertInto('availability_rule')
		.values({
			package_id: packageId,
			weekdays: [1, 2, 3, 4, 5, 6, 7],
			start_times: ['08:00'],
			capacity: 15,
			valid_from: todayInJakarta()
		})
		.execute();
	await testDb.db
		.updateTable('tour_package')
		.set({ status: 'in_review', submitted_at: new Date() })
		.where('id', '=', packageId)
		.execute();
	return packageId;
}

async function statusOf(packageId: number) {
	return testDb.db
		.selectFrom('tour_package')
		.select(['status', 'review_note', 'reviewed_by', 'reviewed_at'])
		.where('id', '=', packageId)
		.executeTakeFirstOrThrow();
}

async function slotCount(packageId: number): Promise<number> {
	const { count } = await testDb.db
		.selectFrom('slot')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('package_id', '=', packageId)
		.executeTakeFirstOrThrow();
	return Number(count);
}

describe('OVOP villages', () => {
	it('refuses marking OVOP without a product, with the message at the field, changing nothing', async () => {
		const parsed = parse(officeVillages.buildOvopSchema(), {
			productId: '  ',
			productEn: 'Longan',
			since: '2026'
		});
		expect(parsed).toEqual({
			ok: false,
			fields: { productId: 'Isi nama produk unggulan.' }
		});

		const year = officeVillages.readCurrentYear();
		const early = parse(officeVillages.buildOvopSchema(), {
			productId: 'Lengkeng',
			productEn: 'Longan',
			since: '2024'
		});
		expect(early).toEqual({
			ok: false,
			fields: { since: `Isi tahun antara 2025 dan ${year}.` }
		});

		// The same refusal through the office's form action, which keeps what was typed.
		const result = await villagePage.actions.markOvop(
			formEvent(office, { slug: 'pasar-bhayangkara' }, { productId: '', productEn: 'Longan' })
		);
		expect(result).toMatchObject({
			status: 400,
			data: {
				values: { productId: '', productEn: 'Longan' },
				fields: { productId: 'Isi nama produk unggulan.' }
			}
		});
		const ovop = await villages.list('id', { ovopOnly: true });
		expect(ovop.map((v) => v.slug)).toEqual(['talang-bulang']);
		expect(await auditEvents('village.mark_ovop', BHAYANGKARA)).toHaveLength(0);
	});

	it('marks a village as OVOP: it shows in the villages list and the log holds before and after', async () => {
		const input = { productId: 'Lengkeng', productEn: 'Longan', since: 2026 };
		expect(await officeVillages.markOvop(office, BHAYANGKARA, input)).toEqual({ ok: true });

		const ovop = await villages.list('id', { ovopOnly: true });
		expect(ovop.map((v) => [v.slug, v.product])).toEqual([
			['pasar-bhayangkara', 'Lengkeng'],
			['talang-bulang', 'Nanas']
		]);
		expect((await villages.list('en', { product: 'lengkeng' }))[0].product).toBe('Longan');
		expect((await villages.findBySlug('id', 'pasar-bhayangkara'))?.ovopSince).toBe(2026);

		const [event] = await auditEvents('village.mark_ovop', BHAYANGKARA);
		expect(event).toMatchObject({
			actor_user_id: office.id,
			village_code: BHAYANGKARA,
			before: { ovop: false, productId: null, productEn: null, since: null },
			after: { ovop: true, productId: 'Lengkeng', productEn: 'Longan', since: 2026 }
		});
	});

	it('takes a village out of OVOP, keeping the record of the decision', async () => {
		expect(await officeVillages.removeOvop(office, BHAYANGKARA)).toEqual({ ok: true });
		const ovop = await villages.list('id', { ovopOnly: true });
		expect(ovop.map((v) => v.slug)).toEqual(['talang-bulang']);
		expect(await villages.listProducts('id')).toEqual([{ key: 'nanas', label: 'Nanas' }]);
		const [event] = await auditEvents('village.remove_ovop', BHAYANGKARA);
		expect(event).toMatchObject({
			actor_user_id: office.id,
			before: { ovop: true },
			after: { ovop: false }
		});
		// Taking it out twice records nothing new.
		await officeVillages.removeOvop(office, BHAYANGKARA);
		expect(await auditEvents('village.remove_ovop', BHAYANGKARA)).toHaveLength(1);
		expect(await officeVillages.removeOvop(office, '16.12.99.9999')).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('lists villages for the office by kecamatan and OVOP', async () => {
		expect(await officeVillages.list()).toHaveLength(71);
		expect(await officeVillages.list({ district: '16.12.04' })).toHaveLength(8);
		const ovop = await officeVillages.list({ ovop: true });
		expect(ovop.map((v) => [v.slug, v.productId, v.hasStory])).toEqual([
			['talang-bulang', 'Nanas', true]
		]);
		expect(await officeVillages.list({ ovop: false })).toHaveLength(70);
	});

	it('edits a village page: a bad WhatsApp number is refused at its field, a good one is normalised and logged', async () => {
		const bad = await villagePage.actions.savePage(
			formEvent(
				office,
				{ slug: 'pasar-bhayangkara' },
				{ storyId: 'Kebun lengkeng.', storyEn: 'Longan gardens.', whatsapp: '12' }
			)
		);
		expect(bad).toMatchObject({
			status: 400,
			data: { values: { whatsapp: '12', storyId: 'Kebun lengkeng.' } }
		});
		expect(Object.keys((bad as { data: { fields: object } }).data.fields)).toEqual(['whatsapp']);
		expect((await villages.findBySlug('id', 'pasar-bhayangkara'))?.whatsapp).toBeNull();

		const good = await villagePage.actions.savePage(
			formEvent(
				office,
				{ slug: 'pasar-bhayangkara' },
				{ storyId: 'Kebun lengkeng.', storyEn: 'Longan gardens.', whatsapp: '0812-3456-7890' }
			)
		);
		expect(good).toMatchObject({ form: 'page' });
		const page = await villages.findBySlug('en', 'pasar-bhayangkara');
		expect(page).toMatchObject({ whatsapp: '+6281234567890', story: 'Longan gardens.' });
		const [event] = await auditEvents('village.update_page', BHAYANGKARA);
		expect(event).toMatchObject({
			actor_user_id: office.id,
			before: { whatsapp: null, storyId: null },
			after: { whatsapp: '+6281234567890', storyId: 'Kebun lengkeng.' }
		});
	});
});

describe('package review', () => {
	it('lists packages in review and approving publishes them with slots', async () => {
		const packageId = await packageInReview('paket-tinjau-setuju');
		expect((await packageReview.listQueue()).map((p) => p.id)).toEqual([packageId]);
		expect(await slotCount(packageId)).toBe(0);

		const pkg = await packageReview.find(packageId, todayInJakarta());
		expect(pkg).toMatchObject({
			status: 'in_review',
			titleId: 'Petik nanas (uji)',
			titleEn: 'Pineapple picking (test)',
			rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTimes: ['08:00'], capacity: 15 }]
		});
		expect(pkg?.categories.map((c) => c.priceIdr)).toEqual([35000, 20000, 75000, 0]);

		const result = await packageReview.approve(office, packageId, pkg!.version);
		expect(result).toEqual({ ok: true, villageCode: TALANG_BULANG });
		const after = await statusOf(packageId);
		expect(after).toMatchObject({ status: 'published', reviewed_by: office.id, review_note: null });
		expect(after.reviewed_at).toBeInstanceOf(Date);
		expect(await slotCount(packageId)).toBeGreaterThan(100);
		const published = await packages.listPublished('id', TALANG_BULANG);
		expect(published.map((p) => p.slug)).toContain('paket-tinjau-setuju');
		expect(await packageReview.listQueue()).toEqual([]);

		const [event] = await auditEvents('package.approve', packageId);
		expect(event).toMatchObject({
			actor_user_id: office.id,
			village_code: TALANG_BULANG,
			before: { status: 'in_review' },
			after: { status: 'published' }
		});
	});

	it('refuses to approve a package that is no longer in review, or changed since it was read', async () => {
		const packageId = await packageInReview('paket-tinjau-berubah');
		const seen = await packageReview.find(packageId, todayInJakarta());

		// The host edits the package while the office is reading it.
		await testDb.db
			.updateTable('tour_package')
			.set({ title_id: 'Judul baru', updated_at: new Date(Date.now() + 1000) })
			.where('id', '=', packageId)
			.execute();
		const changed = await packageReview.approve(office, packageId, seen!.version);
		expect(changed).toEqual({ ok: false, reason: 'changed' });
		expect(packageReview.refusalMessage(changed as never)).toMatch(/diubah sejak Anda membukanya/);
		expect((await statusOf(packageId)).status).toBe('in_review');

		// The host withdraws it to draft.
		await testDb.db
			.updateTable('tour_package')
			.set({ status: 'draft' })
			.where('id', '=', packageId)
			.execute();
		const current = await packageReview.find(packageId, todayInJakarta());
		const refused = await packageReview.approve(office, packageId, current!.version);
		expect(refused).toEqual({ ok: false, reason: 'not_in_review', status: 'draft' });
		expect(packageReview.refusalMessage(refused as never)).toBe(
			'Paket ini tidak lagi menunggu tinjauan (statusnya sekarang: draf), jadi keputusan tidak disimpan.'
		);
		expect((await statusOf(packageId)).status).toBe('draft');
		expect(await slotCount(packageId)).toBe(0);
		expect(await auditEvents('package.approve', packageId)).toHaveLength(0);

		// Through the form action the refusal is a 409 with the explanation.
		const action = await reviewPage.actions.approve(
			formEvent(office, { id: String(packageId) }, { version: current!.version })
		);
		expect(action).toMatchObject({ status: 409, data: { form: 'approve' } });
	});

	it('sends a package back with the reason the host sees, and keeps it off the public list', async () => {
		const packageId = await packageInReview('paket-tinjau-kembali');
		const empty = await reviewPage.actions.sendBack(
			formEvent(office, { id: String(packageId) }, { note: '   ' })
		);
		expect(empty).toMatchObject({
			status: 400,
			data: {
				fields: { note: 'Tuliskan alasannya agar pengelola tahu apa yang perlu diperbaiki.' }
			}
		});
		expect((await statusOf(packageId)).status).toBe('in_review');

		const note = 'Harga anak belum diisi dengan benar; mohon periksa lagi.';
		expect(await packageReview.sendBack(office, packageId, note)).toEqual({
			ok: true,
			villageCode: TALANG_BULANG
		});
		expect(await statusOf(packageId)).toMatchObject({
			status: 'draft',
			review_note: note,
			reviewed_by: office.id
		});
		const published = await packages.listPublished('id', TALANG_BULANG);
		expect(published.map((p) => p.slug)).not.toContain('paket-tinjau-kembali');
		expect(await packages.findPublishedBySlug('id', 'paket-tinjau-kembali')).toBeUndefined();
		const [event] = await auditEvents('package.send_back', packageId);
		expect(event).toMatchObject({
			actor_user_id: office.id,
			before: { status: 'in_review', reviewNote: null },
			after: { status: 'draft', reviewNote: note }
		});
		// Sending back twice is refused: it is a draft now.
		expect(await packageReview.sendBack(office, packageId, note)).toMatchObject({
			ok: false,
			reason: 'not_in_review'
		});
	});
});

describe('people', () => {
	it('invites a host to a village and lists the invitation as pending, with its link', async () => {
		const parsed = parse(people.invitationSchema, {
			email: 'Pokdarwis.Bhayangkara@Example.com',
			kind: 'staff',
			villageCode: BHAYANGKARA
		});
		if (!parsed.ok) throw new Error('expected valid input');
		const result = await people.invite(office, parsed.data, 'id');
		expect(result).toMatchObject({ ok: true });
		expect(result.ok && result.url).toMatch(/\/undangan\/[A-Za-z0-9_-]{43}$/);

		const pending = await people.listPendingInvitations();
		expect(pending).toMatchObject([
			{
				email: 'pokdarwis.bhayangkara@example.com',
				role: 'host',
				villageName: 'Pasar Bhayangkara',
				villageRole: 'staff',
				invitedBy: office.name
			}
		]);
		const [event] = await auditEvents('invitation.create', pending[0].id);
		expect(event).toMatchObject({ actor_user_id: office.id, village_code: BHAYANGKARA });
	});

	it('explains a refused invitation at its field', async () => {
		expect(
			parse(people.invitationSchema, { email: 'siapa', kind: 'owner', villageCode: '' })
		).toEqual({
			ok: false,
			fields: {
				email: 'Alamat e-mail ini tidak valid.',
				villageCode: 'Pilih desa untuk pengelola ini.'
			}
		});
		const existing = await people.invite(
			office,
			{ email: 'bhayangkara@agrowisata.test', kind: 'staff', villageCode: TALANG_BULANG },
			'id'
		);
		expect(existing).toEqual({
			ok: false,
			field: 'email',
			message: 'Sudah ada akun dengan e-mail ini.'
		});
		const action = await peoplePage.actions.invite(
			formEvent(office, {}, { email: 'baru@example.com', kind: 'owner', villageCode: '99' })
		);
		expect(action).toMatchObject({
			status: 400,
			data: { fields: { villageCode: 'Desa itu tidak dikenal.' } }
		});
	});

	it('lists who belongs where, and disabling ends the sessions at once', async () => {
		const other = await account('bhayangkara@agrowisata.test');
		await createSession(other.id);
		const everyone = await people.list();
		expect(everyone.find((p) => p.id === other.id)).toMatchObject({
			role: 'host',
			disabled: false,
			villages: [{ code: BHAYANGKARA, role: 'owner' }]
		});
		expect((await people.list(BHAYANGKARA)).map((p) => p.email)).toEqual([
			'bhayangkara@agrowisata.test'
		]);

		expect(await people.disable(office, other.id)).toEqual({ ok: true });
		expect((await people.list()).find((p) => p.id === other.id)?.disabled).toBe(true);
		const sessions = await testDb.db
			.selectFrom('user_session')
			.select('id')
			.where('user_id', '=', other.id)
			.execute();
		expect(sessions).toEqual([]);
		const [event] = await auditEvents('user.disable', other.id);
		expect(event).toMatchObject({
			actor_user_id: office.id,
			before: { disabledAt: null },
			after: { disabledAt: expect.any(String) }
		});

		expect(await people.disable(office, office.id)).toEqual({
			ok: false,
			message: 'Anda tidak dapat menonaktifkan akun Anda sendiri.'
		});
	});
});

interface AuditPageData {
	events: { action: string; changes: { field: string; before?: string; after?: string }[] }[];
	moreHref: string | null;
	fields: Record<string, string>;
}

describe('audit log page', () => {
	it('finds the office writes by village and person, newest first, bounded', async () => {
		const data = (await auditPage.load(
			loadEvent(office, {}, `?desa=${BHAYANGKARA}&orang=${office.id}`)
		)) as AuditPageData;
		const actions = data.events.map((e) => e.action);
		expect(actions).toEqual([
			'invitation.create',
			'village.update_page',
			'village.remove_ovop',
			'village.mark_ovop'
		]);
		const marked = data.events.find((e) => e.action === 'village.mark_ovop');
		expect(marked?.changes).toContainEqual({
			field: 'productId',
			before: 'null',
			after: 'Lengkeng'
		});
		expect(data.moreHref).toBeNull();

		const bad = (await auditPage.load(
			loadEvent(office, {}, '?dari=2026-02-30&sampai=2026-01-01')
		)) as typeof data;
		expect(bad.fields).toEqual({ dari: 'Tanggal ini tidak valid; tulis seperti 2026-12-05.' });
	});
});

describe('guards', () => {
	it('refuses a host every office page and action, changing nothing', async () => {
		const before = await testDb.db.selectFrom('audit_event').select('id').execute();
		const packageId = await packageInReview('paket-tinjau-tamu');
		const calls: (() => unknown)[] = [
			() => officeIndex.load(loadEvent(host)),
			() => villageList.load(loadEvent(host)),
			() => villagePage.load(loadEvent(host, { slug: 'talang-bulang' })),
			() =>
				villagePage.actions.markOvop(
					formEvent(
						host,
						{ slug: 'talang-bulang' },
						{ productId: 'Kopi', productEn: 'Coffee', since: '2026' }
					)
				),
			() => villagePage.actions.removeOvop(formEvent(host, { slug: 'talang-bulang' }, {})),
			() =>
				villagePage.actions.savePage(
					formEvent(host, { slug: 'talang-bulang' }, { storyId: '', storyEn: '', whatsapp: '' })
				),
			() => peoplePage.load(loadEvent(host)),
			() =>
				peoplePage.actions.invite(
					formEvent(host, {}, { email: 'x@example.com', kind: 'office', villageCode: '' })
				),
			() => peoplePage.actions.disable(formEvent(host, {}, { userId: String(office.id) })),
			() => reviewQueue.load(loadEvent(host)),
			() => reviewPage.load(loadEvent(host, { id: String(packageId) })),
			() =>
				reviewPage.actions.approve(formEvent(host, { id: String(packageId) }, { version: 'x' })),
			() => reviewPage.actions.sendBack(formEvent(host, { id: String(packageId) }, { note: 'x' })),
			() => auditPage.load(loadEvent(host))
		];
		for (const call of calls) {
			await expect(Promise.resolve().then(call)).rejects.toMatchObject({ status: 403 });
		}
		expect((await statusOf(packageId)).status).toBe('in_review');
		expect((await villages.findBySlug('id', 'talang-bulang'))?.ovop).toBe(true);
		const after = await testDb.db.selectFrom('audit_event').select('id').execute();
		expect(after).toHaveLength(before.length);
	});
});

function loadEvent(user: SessionUser, params: Record<string, string> = {}, search = '') {
	return {
		locals: { user, locale: 'id' },
		params,
		url: new URL(`http://localhost/office${search}`)
	} as never;
}

function formEvent(
	user: SessionUser,
	params: Record<string, string>,
	form: Record<string, string>
) {
	const body = new FormData();
	for (const [name, value] of Object.entries(form)) body.set(name, value);
	return {
		locals: { user, locale: 'id' },
		params,
		url: new URL('http://localhost/office'),
		request: new Request('http://localhost/office', { method: 'POST', body })
	} as never;
}
