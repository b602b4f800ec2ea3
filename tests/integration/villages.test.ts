import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as villages from '$lib/server/villages';
import { seedReference } from '$lib/server/db/seed';
import { createTestDb, type TestDb } from '../helpers/db';

let testDb: TestDb;
beforeAll(async () => {
	testDb = await createTestDb();
});
afterAll(() => testDb.close());

describe('villages', () => {
	it('lists all 71 villages of PALI, with Talang Bulang as the only OVOP village', async () => {
		const all = await villages.list('id');
		expect(all).toHaveLength(71);
		expect(all.filter((v) => v.type === 'kelurahan')).toHaveLength(6);
		const ovop = all.filter((v) => v.ovop);
		expect(ovop.map((v) => v.slug)).toEqual(['talang-bulang']);
		expect(ovop[0]).toMatchObject({ product: 'Nanas', districtName: 'Talang Ubi' });
		expect(all[0].slug).toBe('talang-bulang');
	});

	it('names the product in the reader language', async () => {
		const [first] = await villages.list('en', { ovopOnly: true });
		expect(first.product).toBe('Pineapple');
	});

	it('filters by kecamatan, OVOP and product', async () => {
		expect(await villages.list('id', { district: '16.12.04' })).toHaveLength(8);
		expect(await villages.list('id', { district: '16.12.05' })).toHaveLength(17);
		expect(await villages.list('id', { district: '16.12.02', ovopOnly: true })).toHaveLength(0);
		expect((await villages.list('id', { product: 'nanas' })).map((v) => v.name)).toEqual([
			'Talang Bulang'
		]);
		expect(await villages.list('id', { product: 'kopi' })).toHaveLength(0);
	});

	it('offers the products in use for the product filter', async () => {
		expect(await villages.listProducts('id')).toEqual([{ key: 'nanas', label: 'Nanas' }]);
		expect(await villages.listProducts('en')).toEqual([{ key: 'nanas', label: 'Pineapple' }]);
	});

	it('finds a village page by slug with its story in the reader language', async () => {
		const id = await villages.findBySlug('id', 'talang-bulang');
		const en = await villages.findBySlug('en', 'talang-bulang');
		expect(id?.code).toBe('16.12.01.2001');
		expect(id?.story).toContain('sentra nanas');
		expect(en?.story).toContain('pineapple-growing centre');
		expect(await villages.findBySlug('id', 'no-such-village')).toBeUndefined();
	});

	it('keeps a moved marker and the office OVOP decisions when the reference data is seeded again', async () => {
		await testDb.db
			.updateTable('village')
			.set({ lat: -3.3, lng: 103.9, location_confirmed: true })
			.where('slug', '=', 'talang-bulang')
			.execute();
		await testDb.db
			.updateTable('village')
			.set({ ovop: true, ovop_product_id: 'Lengkeng', ovop_product_en: 'Longan', ovop_since: 2026 })
			.where('slug', '=', 'pasar-bhayangkara')
			.execute();
		await seedReference(testDb.db);
		const talangBulang = await villages.findBySlug('id', 'talang-bulang');
		expect(talangBulang).toMatchObject({ lat: -3.3, lng: 103.9, locationConfirmed: true });
		expect((await villages.list('id', { ovopOnly: true })).map((v) => v.slug).sort()).toEqual([
			'pasar-bhayangkara',
			'talang-bulang'
		]);
	});
});
