import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { m } from '$lib/paraglide/messages';
import * as photos from '$lib/server/photos';
import * as shop from '$lib/server/shop';
import * as hostShop from '$lib/server/shop/host';
import * as counterSales from '$lib/server/shop/counter-sales';
import * as shopStatistics from '$lib/server/statistics/products';
import * as villages from '$lib/server/villages';
import * as walkIns from '$lib/server/visits/walk-ins';
import { actions as productActions } from '../../src/routes/host/[village]/produk/+page.server';
import { actions as editActions } from '../../src/routes/host/[village]/produk/[productId]/+page.server';
import { actions as shopActions } from '../../src/routes/host/[village]/toko/+page.server';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';

// Uploaded files go to a folder of this test file's own; config reads UPLOAD_DIR on import.
const uploadDir = await vi.hoisted(async () => {
	const { mkdtempSync } = await import('node:fs');
	const { tmpdir } = await import('node:os');
	const { join } = await import('node:path');
	const dir = mkdtempSync(join(tmpdir(), 'agrowisata-shop-uploads-'));
	process.env.UPLOAD_DIR = dir;
	return dir;
});

const TALANG_BULANG = '16.12.01.2001';
const BHAYANGKARA = '16.12.01.1017';

let testDb: TestDb;
let hostId: number;

beforeAll(async () => {
	testDb = await createTestDb();
	({ id: hostId } = await testDb.db
		.insertInto('app_user')
		.values({
			email: 'toko@example.com',
			name: 'Pengelola toko',
			password_hash: 'not-a-real-hash',
			role: 'host'
		})
		.returning('id')
		.executeTakeFirstOrThrow());
	await testDb.db
		.insertInto('village_membership')
		.values({ user_id: hostId, village_code: TALANG_BULANG, role: 'owner' })
		.execute();
});
afterAll(() => testDb.close());

let productSequence = 0;
async function addProduct(
	values: { stock?: number; priceIdr?: number; village?: string; active?: boolean } = {}
): Promise<number> {
	productSequence += 1;
	const row = await testDb.db
		.insertInto('product')
		.values({
			village_code: values.village ?? TALANG_BULANG,
			name_id: `Keripik nanas ${productSequence}`,
			name_en: `Pineapple chips ${productSequence}`,
			unit: 'pack',
			price_idr: values.priceIdr ?? 15_000,
			stock: values.stock ?? 10,
			active: values.active ?? true
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function productRow(id: number) {
	return testDb.db.selectFrom('product').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function stockOf(id: number): Promise<number> {
	return (await productRow(id)).stock;
}

async function counts() {
	const count = async (table: 'product' | 'shop_sale' | 'shop_sale_line' | 'audit_event') =>
		Number(
			(
				await testDb.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		products: await count('product'),
		sales: await count('shop_sale'),
		saleLines: await count('shop_sale_line'),
		audit: await count('audit_event')
	};
}

async function lastAudit() {
	return testDb.db
		.selectFrom('audit_event')
		.selectAll()
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirstOrThrow();
}

const validProduct = {
	nameId: 'Sirup nanas',
	nameEn: 'Pineapple syrup',
	descriptionId: 'Sirup dari nanas Talang Bulang.',
	descriptionEn: 'Syrup of Talang Bulang pineapple.',
	unit: 'bottle',
	priceIdr: 25_000,
	stock: 12,
	seasonMonths: [10, 11, 12, 1],
	active: true,
	sortOrder: 3
};

function hostEvent(url: string, form: Record<string, string | string[]>, params = {}) {
	const body = new FormData();
	for (const [name, value] of Object.entries(form)) {
		for (const each of Array.isArray(value) ? value : [value]) body.append(name, each);
	}
	return {
		url: new URL(url),
		request: new Request(url, { method: 'POST', body }),
		params: { village: TALANG_BULANG, ...params },
		locals: {
			locale: 'id',
			user: { id: hostId, email: 'toko@example.com', name: 'Pengelola toko', role: 'host' },
			session: null
		}
	} as never;
}

describe('products', () => {
	it('creates a product with every field and audits it', async () => {
		const before = await counts();
		const result = await hostShop.createProduct(hostId, TALANG_BULANG, validProduct);
		if (!result.ok) throw new Error(JSON.stringify(result.fields));
		const row = await productRow(result.id);
		expect(row).toMatchObject({
			village_code: TALANG_BULANG,
			name_id: 'Sirup nanas',
			name_en: 'Pineapple syrup',
			unit: 'bottle',
			price_idr: 25_000,
			stock: 12,
			active: true,
			sort_order: 3
		});
		expect(row.season_months.map(Number)).toEqual([1, 10, 11, 12]);
		expect(await counts()).toEqual({
			...before,
			products: before.products + 1,
			audit: before.audit + 1
		});
		const event = await lastAudit();
		expect(event).toMatchObject({
			action: 'product.create',
			entity: 'product',
			entity_id: String(result.id),
			actor_user_id: hostId,
			village_code: TALANG_BULANG
		});
		expect(event.after).toMatchObject({ nameId: 'Sirup nanas', stock: 12, priceIdr: 25_000 });
	});

	it('refuses an invalid product with a message at each field and writes nothing', async () => {
		const before = await counts();
		const result = await hostShop.createProduct(hostId, TALANG_BULANG, {
			nameId: '   ',
			nameEn: 'x'.repeat(101),
			descriptionId: 'a\u0000b',
			descriptionEn: '',
			unit: 'ton',
			priceIdr: -1,
			stock: -1,
			seasonMonths: [],
			active: 'yes',
			sortOrder: 1.5
		});
		expect(result).toEqual({
			ok: false,
			fields: {
				nameId: m.validation_required(),
				nameEn: m.validation_too_long({ max: '100' }),
				descriptionId: m.validation_invalid(),
				unit: m.validation_choose(),
				priceIdr: m.hostc_price_range(),
				stock: m.validation_number_too_small({ min: '0' }),
				seasonMonths: m.hostc_season_required(),
				active: m.validation_invalid(),
				sortOrder: m.validation_whole_number()
			}
		});
		expect(await counts()).toEqual(before);
	});

	it('reads the form as a host types it (Rp 15.000) through the page action', async () => {
		const before = await counts();
		const url = `http://localhost/host/${TALANG_BULANG}/produk?/create`;
		const outcome = await Promise.resolve()
			.then(() =>
				productActions.create(
					hostEvent(url, {
						nameId: 'Jeli nanas',
						nameEn: 'Pineapple jelly',
						descriptionId: '',
						descriptionEn: '',
						unit: 'pack',
						priceIdr: 'Rp 15.000',
						stock: '20',
						sortOrder: '4',
						seasonMonths: ['1', '2', '13'],
						active: 'on'
					})
				)
			)
			.catch((thrown: unknown) => thrown);
		expect(isRedirect(outcome)).toBe(true);
		const created = await testDb.db
			.selectFrom('product')
			.selectAll()
			.where('name_id', '=', 'Jeli nanas')
			.executeTakeFirstOrThrow();
		expect(created).toMatchObject({ price_idr: 15_000, stock: 20, active: true, sort_order: 4 });
		expect(created.season_months.map(Number)).toEqual([1, 2]);
		expect((await counts()).products).toBe(before.products + 1);

		const refused = await productActions.create(
			hostEvent(url, { nameId: 'Jeli', nameEn: 'Jelly', unit: 'pack', priceIdr: 'lima ribu' })
		);
		expect(isActionFailure(refused)).toBe(true);
		const data = (refused as { data: { fields: Record<string, string> } }).data;
		expect(data.fields).toMatchObject({
			priceIdr: m.validation_whole_number(),
			seasonMonths: m.hostc_season_required()
		});
		expect((await counts()).products).toBe(before.products + 1);
	});

	it('edits a product without touching its stock, audited before and after', async () => {
		const id = await addProduct({ stock: 7 });
		const result = await hostShop.updateProduct(hostId, TALANG_BULANG, id, {
			...validProduct,
			nameId: 'Keripik nanas pedas',
			priceIdr: 17_500,
			stock: 999,
			active: false
		});
		expect(result).toEqual({ ok: true, id });
		expect(await productRow(id)).toMatchObject({
			name_id: 'Keripik nanas pedas',
			price_idr: 17_500,
			active: false,
			stock: 7
		});
		const event = await lastAudit();
		expect(event.action).toBe('product.update');
		expect(event.before).toMatchObject({ priceIdr: 15_000, active: true, stock: 7 });
		expect(event.after).toMatchObject({ priceIdr: 17_500, active: false, stock: 7 });
	});

	it('refuses an invalid edit at the fields, and another village’s product, changing nothing', async () => {
		const id = await addProduct();
		const before = await productRow(id);
		const audit = (await counts()).audit;
		expect(
			await hostShop.updateProduct(hostId, TALANG_BULANG, id, {
				...validProduct,
				priceIdr: 100_000_001,
				seasonMonths: [0, 13]
			})
		).toEqual({
			ok: false,
			fields: {
				priceIdr: m.hostc_price_range(),
				'seasonMonths.0': m.validation_number_too_small({ min: '1' }),
				'seasonMonths.1': m.validation_number_too_big({ max: '12' })
			}
		});
		const elsewhere = await addProduct({ village: BHAYANGKARA });
		expect(
			await hostShop.updateProduct(hostId, TALANG_BULANG, elsewhere, validProduct)
		).toBeUndefined();
		expect(await productRow(id)).toEqual(before);
		expect((await counts()).audit).toBe(audit);
	});

	it('lists every product of the village, inactive ones too, and no other village’s', async () => {
		const inactive = await addProduct({ active: false });
		const elsewhere = await addProduct({ village: BHAYANGKARA });
		const ids = (await hostShop.listProducts(TALANG_BULANG)).map((product) => product.id);
		expect(ids).toContain(inactive);
		expect(ids).not.toContain(elsewhere);
	});
});

describe('stock', () => {
	it('sets a count and adds a delivery, audited with before and after', async () => {
		const id = await addProduct({ stock: 10 });
		expect(
			await hostShop.adjustStock(hostId, TALANG_BULANG, id, { mode: 'set', quantity: 7 })
		).toEqual({ ok: true, stock: 7 });
		expect(await lastAudit()).toMatchObject({
			action: 'product.stock_count',
			before: { stock: 10 },
			after: { stock: 7 }
		});
		expect(
			await hostShop.adjustStock(hostId, TALANG_BULANG, id, { mode: 'add', quantity: 5 })
		).toEqual({ ok: true, stock: 12 });
		expect(await lastAudit()).toMatchObject({
			action: 'product.stock_delivery',
			before: { stock: 7 },
			after: { stock: 12, delivered: 5 }
		});
		expect(
			await hostShop.adjustStock(hostId, TALANG_BULANG, id, { mode: 'set', quantity: 0 })
		).toEqual({ ok: true, stock: 0 });
		expect(await stockOf(id)).toBe(0);
	});

	it('never takes the stock below zero or above the limit, and changes nothing on refusal', async () => {
		const id = await addProduct({ stock: 4 });
		const before = await counts();
		const refusals: [unknown, Record<string, string>][] = [
			[{ mode: 'set', quantity: -1 }, { quantity: m.validation_number_too_small({ min: '0' }) }],
			[{ mode: 'add', quantity: -5 }, { quantity: m.validation_number_too_small({ min: '1' }) }],
			[{ mode: 'add', quantity: 0 }, { quantity: m.validation_number_too_small({ min: '1' }) }],
			[{ mode: 'add', quantity: 2.5 }, { quantity: m.validation_whole_number() }],
			[{ mode: 'set', quantity: undefined }, { quantity: m.validation_required() }],
			[{ mode: 'take', quantity: 1 }, { mode: m.validation_choose() }],
			[
				{ mode: 'add', quantity: hostShop.MAX_STOCK },
				{ quantity: m.shophost_stock_too_big({ max: hostShop.MAX_STOCK }) }
			]
		];
		for (const [raw, fields] of refusals) {
			expect(await hostShop.adjustStock(hostId, TALANG_BULANG, id, raw)).toEqual({
				ok: false,
				fields
			});
		}
		expect(await stockOf(id)).toBe(4);
		expect(await counts()).toEqual(before);
		const elsewhere = await addProduct({ village: BHAYANGKARA, stock: 3 });
		expect(
			await hostShop.adjustStock(hostId, TALANG_BULANG, elsewhere, { mode: 'set', quantity: 9 })
		).toBeUndefined();
		expect(await stockOf(elsewhere)).toBe(3);
		// The database refuses a negative stock even if the app tried one.
		await expect(
			testDb.db.updateTable('product').set({ stock: -1 }).where('id', '=', id).execute()
		).rejects.toThrow(/check constraint/);
	});
});

// A 1×1 PNG, and the head of a 640×480 JPEG (its start-of-frame segment is all that is read).
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
const JPEG = new Uint8Array([
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02,
	0x80, 0x03
]);

describe('product photos', () => {
	const storedFiles = () => (existsSync(uploadDir) ? readdirSync(uploadDir).sort() : []);

	async function photoRows(productId: number) {
		return testDb.db
			.selectFrom('photo')
			.selectAll()
			.where('product_id', '=', productId)
			.orderBy('sort_order')
			.execute();
	}

	/** The edit page's photo actions as the host's browser sends them: multipart, with a file. */
	function photoEvent(
		productId: number,
		action: 'addPhoto' | 'deletePhoto',
		fields: Record<string, string | File>
	) {
		const url = `http://localhost/host/${TALANG_BULANG}/produk/${productId}?/${action}`;
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) body.append(name, value);
		return {
			url: new URL(url),
			request: new Request(url, { method: 'POST', body }),
			params: { village: TALANG_BULANG, productId: String(productId) },
			locals: {
				locale: 'id',
				user: { id: hostId, email: 'toko@example.com', name: 'Pengelola toko', role: 'host' },
				session: null
			}
		} as never;
	}

	const settle = (outcome: unknown) =>
		Promise.resolve(outcome).catch((thrown: unknown) => thrown) as Promise<unknown>;

	function photoFieldsOf(outcome: unknown): Record<string, string> {
		expect(isActionFailure(outcome)).toBe(true);
		return (outcome as { data: { photoFields: Record<string, string> } }).data.photoFields;
	}

	it('uploads a photo through the edit page, shows it in the shop and serves it, not on the village page', async () => {
		const id = await addProduct();
		const other = await addProduct();
		const before = await counts();
		const files = storedFiles();
		const outcome = await settle(
			editActions.addPhoto(
				photoEvent(id, 'addPhoto', {
					photo: new File([PNG], 'keripik.jpg', { type: 'image/jpeg' }),
					altId: '',
					altEn: 'Chips in their pack'
				})
			)
		);
		expect(isRedirect(outcome)).toBe(true);
		expect((outcome as { location: string }).location).toBe(
			`/host/${TALANG_BULANG}/produk/${id}?foto=1`
		);
		const [row] = await photoRows(id);
		expect(row).toMatchObject({
			village_code: TALANG_BULANG,
			package_id: null,
			product_id: id,
			content_type: 'image/png',
			bytes: PNG.byteLength,
			width: 1,
			height: 1,
			// No Indonesian alt text given: the product's name stands for it.
			alt_id: `Keripik nanas ${productSequence - 1}`,
			alt_en: 'Chips in their pack'
		});
		expect(storedFiles()).toEqual([...files, row.file_name].sort());
		expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
		expect(await lastAudit()).toMatchObject({
			action: 'photo.add',
			entity: 'photo',
			entity_id: String(row.id),
			actor_user_id: hostId,
			village_code: TALANG_BULANG,
			after: { productId: id, fileName: row.file_name, altEn: 'Chips in their pack' }
		});

		const shown = await shop.listVillageProducts(TALANG_BULANG, 'en');
		expect(shown.find((product) => product.id === id)?.photo).toEqual({
			url: `/foto/${row.file_name}`,
			alt: 'Chips in their pack'
		});
		expect(shown.find((product) => product.id === other)?.photo).toBeNull();
		expect(
			(await shop.listVillageProducts(TALANG_BULANG, 'id')).find((product) => product.id === id)
				?.photo?.alt
		).toBe(`Keripik nanas ${productSequence - 1}`);

		const served = await photos.openStored(row.file_name);
		expect(served?.contentType).toBe('image/png');
		expect(Buffer.from(served?.body ?? []).equals(PNG)).toBe(true);

		// A product's photo is not one of the village page's.
		const url = `/foto/${row.file_name}`;
		expect((await photos.listForVillage(TALANG_BULANG)).map((photo) => photo.url)).not.toContain(
			url
		);
		const page = await villages.pageBySlug('id', 'talang-bulang');
		expect(page?.photos.map((photo) => photo.url)).not.toContain(url);
		expect(await photos.listForProduct(id)).toEqual([
			expect.objectContaining({ id: row.id, url: `/foto/${row.file_name}` })
		]);
	});

	it('shows the first photo by order, for every product in one go', async () => {
		const a = await addProduct();
		const b = await addProduct();
		for (const [id, bytes] of [
			[a, PNG],
			[a, JPEG],
			[b, JPEG]
		] as const) {
			const checked = await photos.checkUpload(new File([bytes], 'foto'));
			if (!checked.ok) throw new Error(checked.message);
			expect(
				await hostShop.addProductPhoto(hostId, TALANG_BULANG, id, checked.image, {
					altId: '',
					altEn: ''
				})
			).toEqual({ ok: true });
		}
		const [first, second] = await photoRows(a);
		expect([first.content_type, second.content_type]).toEqual(['image/png', 'image/jpeg']);
		// The host put the JPEG first.
		await testDb.db
			.updateTable('photo')
			.set({ sort_order: 0 })
			.where('id', '=', second.id)
			.execute();
		const firsts = await photos.findFirstPhotos([a, b, 2_147_483_647]);
		expect([...firsts.keys()].sort()).toEqual([a, b].sort());
		expect(firsts.get(a)).toMatchObject({ id: second.id, width: 640, height: 480 });
		const shown = await shop.listVillageProducts(TALANG_BULANG, 'en');
		expect(shown.find((product) => product.id === a)?.photo?.url).toBe(`/foto/${second.file_name}`);
		expect(shown.find((product) => product.id === b)?.photo?.alt).toBe(
			`Pineapple chips ${productSequence}`
		);
	});

	it('refuses a PDF, a file too big and a fourth photo at the field, writing nothing', async () => {
		const id = await addProduct();
		for (let i = 0; i < photos.MAX_PRODUCT_PHOTOS; i += 1) {
			const checked = await photos.checkUpload(new File([PNG], 'foto.png'));
			if (!checked.ok) throw new Error(checked.message);
			await hostShop.addProductPhoto(hostId, TALANG_BULANG, id, checked.image, {
				altId: '',
				altEn: ''
			});
		}
		const fresh = await addProduct();
		const before = await counts();
		const files = storedFiles();
		const rows = await testDb.db.selectFrom('photo').select('id').execute();
		const large = new Uint8Array(photos.MAX_PHOTO_BYTES + 1);
		large.set(PNG);
		const refusals: [number, Record<string, string | File>, Record<string, string>][] = [
			[
				fresh,
				{ photo: new File(['%PDF-1.4 daftar harga'], 'harga.png', { type: 'image/png' }) },
				{ photo: m.hostc_photo_wrong_type() }
			],
			[fresh, { photo: new File([large], 'besar.png') }, { photo: m.hostc_photo_too_large() }],
			[fresh, { altId: 'Tanpa foto' }, { photo: m.hostc_photo_missing() }],
			[
				fresh,
				{ photo: new File([PNG], 'foto.png'), altId: 'x'.repeat(201) },
				{ altId: m.validation_too_long({ max: '200' }) }
			],
			[
				id,
				{ photo: new File([PNG], 'keempat.png') },
				{ photo: m.hostc_photo_too_many({ max: photos.MAX_PRODUCT_PHOTOS }) }
			]
		];
		for (const [productId, fields, expected] of refusals) {
			const outcome = await settle(editActions.addPhoto(photoEvent(productId, 'addPhoto', fields)));
			expect(photoFieldsOf(outcome)).toEqual(expected);
			expect((outcome as { status: number }).status).toBe(422);
		}
		expect(m.hostc_photo_wrong_type()).toBe('Berkas ini bukan foto JPEG, PNG atau WebP.');
		// Another village's product is not there at all.
		const elsewhere = await addProduct({ village: BHAYANGKARA });
		const notThere = await settle(
			editActions.addPhoto(photoEvent(elsewhere, 'addPhoto', { photo: new File([PNG], 'x.png') }))
		);
		expect(isHttpError(notThere, 404)).toBe(true);
		expect(storedFiles()).toEqual(files);
		expect(await testDb.db.selectFrom('photo').select('id').execute()).toEqual(rows);
		expect((await counts()).audit).toBe(before.audit);
	});

	it('removes the file again when the transaction fails', async () => {
		const id = await addProduct();
		const files = storedFiles();
		const checked = await photos.checkUpload(new File([PNG], 'foto.png'));
		if (!checked.ok) throw new Error(checked.message);
		// No such user: the audit row's reference fails after the file was written.
		await expect(
			hostShop.addProductPhoto(2_147_483_647, TALANG_BULANG, id, checked.image, {
				altId: '',
				altEn: ''
			})
		).rejects.toThrow();
		expect(storedFiles()).toEqual(files);
		expect(await photoRows(id)).toEqual([]);
	});

	it('removes a photo, its row and its file, only from its own product', async () => {
		const id = await addProduct();
		const other = await addProduct();
		const checked = await photos.checkUpload(new File([JPEG], 'foto.jpg'));
		if (!checked.ok) throw new Error(checked.message);
		await hostShop.addProductPhoto(hostId, TALANG_BULANG, id, checked.image, {
			altId: 'Kemasan',
			altEn: 'Pack'
		});
		const [row] = await photoRows(id);
		const before = await counts();
		for (const [productId, photoId] of [
			[other, String(row.id)],
			[id, 'x'],
			[id, '2147483647']
		] as const) {
			const refused = await settle(
				editActions.deletePhoto(photoEvent(productId, 'deletePhoto', { photoId }))
			);
			expect(photoFieldsOf(refused)).toEqual({ _: m.hostc_photo_not_found() });
		}
		expect(await photoRows(id)).toHaveLength(1);
		expect(await counts()).toEqual(before);

		expect(
			await editActions.deletePhoto(photoEvent(id, 'deletePhoto', { photoId: String(row.id) }))
		).toEqual({ photoDeleted: true });
		expect(await photoRows(id)).toEqual([]);
		expect(existsSync(path.join(uploadDir, row.file_name))).toBe(false);
		expect(await photos.openStored(row.file_name)).toBeUndefined();
		expect(await lastAudit()).toMatchObject({
			action: 'photo.delete',
			entity_id: String(row.id),
			before: { productId: id, fileName: row.file_name }
		});
		expect(
			(await shop.listVillageProducts(TALANG_BULANG, 'id')).find((product) => product.id === id)
				?.photo
		).toBeNull();
	});
});

describe('counter sales', () => {
	it('records a sale, takes the stock and audits it in one go', async () => {
		const chips = await addProduct({ stock: 10, priceIdr: 15_000 });
		const syrup = await addProduct({ stock: 5, priceIdr: 25_000 });
		const before = await counts();
		const now = new Date('2026-11-20T03:00:00Z');
		const result = await counterSales.recordSale(
			hostId,
			TALANG_BULANG,
			{
				soldOn: '',
				paymentMethod: 'qris',
				products: [
					{ product: syrup, quantity: 2 },
					{ product: chips, quantity: 3 }
				]
			},
			now
		);
		if (!result.ok) throw new Error(JSON.stringify(result.fields));
		expect(result.totalIdr).toBe(3 * 15_000 + 2 * 25_000);
		expect(await stockOf(chips)).toBe(7);
		expect(await stockOf(syrup)).toBe(3);
		const sale = await testDb.db
			.selectFrom('shop_sale')
			.selectAll()
			.where('id', '=', result.id)
			.executeTakeFirstOrThrow();
		expect(sale).toMatchObject({
			village_code: TALANG_BULANG,
			sold_on: '2026-11-20',
			payment_method: 'qris',
			recorded_by: hostId
		});
		expect(Number(sale.total_idr)).toBe(95_000);
		const lines = await testDb.db
			.selectFrom('shop_sale_line')
			.select(['product_id', 'quantity', 'unit_price_idr'])
			.where('sale_id', '=', result.id)
			.orderBy('product_id')
			.execute();
		expect(lines).toEqual([
			{ product_id: chips, quantity: 3, unit_price_idr: 15_000 },
			{ product_id: syrup, quantity: 2, unit_price_idr: 25_000 }
		]);
		expect(await counts()).toEqual({
			...before,
			sales: before.sales + 1,
			saleLines: before.saleLines + 2,
			audit: before.audit + 1
		});
		expect(await lastAudit()).toMatchObject({
			action: 'sale.record',
			entity: 'shop_sale',
			before: { stock: { [chips]: 10, [syrup]: 5 } },
			after: { totalIdr: 95_000, paymentMethod: 'qris', stock: { [chips]: 7, [syrup]: 3 } }
		});
		const [recent] = await counterSales.listRecentSales(TALANG_BULANG, 'en');
		expect(recent).toMatchObject({ id: result.id, totalIdr: 95_000, recordedBy: 'Pengelola toko' });
		expect(recent.lines.map((line) => line.quantity)).toEqual([3, 2]);
		const takings = await counterSales.sumTakingsOfDay(TALANG_BULANG, '2026-11-20');
		expect(takings.byMethod.qris).toBeGreaterThanOrEqual(95_000);
	});

	it('refuses a sale larger than the stock at that product and changes nothing', async () => {
		const chips = await addProduct({ stock: 3 });
		const syrup = await addProduct({ stock: 4 });
		const before = await counts();
		const result = await counterSales.recordSale(hostId, TALANG_BULANG, {
			soldOn: '',
			paymentMethod: 'cash',
			products: [
				{ product: chips, quantity: 2 },
				{ product: syrup, quantity: 5 }
			]
		});
		expect(result).toEqual({
			ok: false,
			fields: { [`products.${syrup}`]: m.shop_not_enough_stock({ stock: 4 }) }
		});
		expect(await stockOf(chips)).toBe(3);
		expect(await stockOf(syrup)).toBe(4);
		expect(await counts()).toEqual(before);
	});

	it('refuses inactive products, other villages’ products and bad fields, changing nothing', async () => {
		const inactive = await addProduct({ active: false });
		const elsewhere = await addProduct({ village: BHAYANGKARA });
		const chips = await addProduct({ stock: 5 });
		const before = await counts();
		const now = new Date('2026-11-20T03:00:00Z');
		expect(
			await counterSales.recordSale(
				hostId,
				TALANG_BULANG,
				{
					soldOn: '2026-11-20',
					paymentMethod: 'cash',
					products: [
						{ product: inactive, quantity: 1 },
						{ product: elsewhere, quantity: 1 },
						{ product: chips, quantity: 1 }
					]
				},
				now
			)
		).toEqual({
			ok: false,
			fields: {
				[`products.${inactive}`]: m.shop_product_unknown(),
				[`products.${elsewhere}`]: m.shop_product_unknown()
			}
		});
		const line = [{ product: chips, quantity: 1 }];
		const refusals: [unknown, Record<string, string>][] = [
			[
				{ soldOn: '2026-11-21', paymentMethod: 'cash', products: line },
				{ soldOn: m.shophost_sold_on_future() }
			],
			[
				{ soldOn: '2026-10-19', paymentMethod: 'cash', products: line },
				{ soldOn: m.shophost_sold_on_too_old({ days: counterSales.SALE_DAYS_BACK }) }
			],
			[
				{ soldOn: '2026-02-30', paymentMethod: 'bitcoin', products: line },
				{
					soldOn: m.validation_date_not_real(),
					paymentMethod: m.shop_payment_method_required()
				}
			],
			[
				{ soldOn: '2026-11-20', paymentMethod: 'cash', products: [] },
				{ products: m.shop_order_empty() }
			]
		];
		for (const [raw, fields] of refusals) {
			expect(await counterSales.recordSale(hostId, TALANG_BULANG, raw, now)).toEqual({
				ok: false,
				fields
			});
		}
		expect(await stockOf(chips)).toBe(5);
		expect(await counts()).toEqual(before);
	});

	it('the shop page action shows the stock message at the product field', async () => {
		const chips = await addProduct({ stock: 1 });
		const before = await counts();
		const url = `http://localhost/host/${TALANG_BULANG}/toko?/sell`;
		const refused = await shopActions.sell(
			hostEvent(url, { [`product.${chips}`]: '2', paymentMethod: 'cash', soldOn: '' })
		);
		expect(isActionFailure(refused)).toBe(true);
		expect((refused as { data: { fields: Record<string, string> } }).data.fields).toEqual({
			[`products.${chips}`]: m.shop_not_enough_stock({ stock: 1 })
		});
		const bad = await shopActions.sell(
			hostEvent(url, { [`product.${chips}`]: '-1', paymentMethod: 'card' })
		);
		expect((bad as { data: { fields: Record<string, string> } }).data.fields).toEqual({
			[`products.${chips}`]: m.validation_whole_number(),
			paymentMethod: m.shop_payment_method_required()
		});
		expect(await counts()).toEqual(before);
		const sold = await shopActions.sell(
			hostEvent(url, { [`product.${chips}`]: '1', paymentMethod: 'transfer', soldOn: '' })
		);
		expect(sold).toEqual({ sold: { totalIdr: 15_000 } });
		expect(await stockOf(chips)).toBe(0);
	});
});

describe('product sales statistics', () => {
	// A small known history in January and February 2024 (dates in WIB):
	// Talang Bulang: chips 15.000 and syrup 25.000; Pasar Bhayangkara: crackers 10.000.
	let chips: number;
	let syrup: number;
	let crackers: number;

	const wib = (stamp: string) => new Date(`${stamp}+07:00`);

	async function order(
		placedAt: string,
		pickupDate: string,
		products: { product: number; quantity: number }[]
	) {
		const village = await testDb.db
			.selectFrom('village')
			.select('slug')
			.where('code', '=', TALANG_BULANG)
			.executeTakeFirstOrThrow();
		const result = await shop.placeOrder(
			{
				village: village.slug,
				pickupDate,
				products,
				contact: { name: 'Rahasia Pribadi', phone: '081234567890', email: null },
				language: 'id'
			},
			{ now: wib(placedAt) }
		);
		if (!result.ok) throw new Error(JSON.stringify(result.fields));
		return result.order;
	}

	async function collect(code: string, at: Date) {
		const result = await shop.markCollected(
			TALANG_BULANG,
			hostId,
			{ code, paymentMethod: 'cash' },
			at
		);
		expect(result).toEqual({ ok: true });
	}

	beforeAll(async () => {
		chips = await addProduct({ stock: 100, priceIdr: 15_000 });
		syrup = await addProduct({ stock: 100, priceIdr: 25_000 });
		crackers = await addProduct({ stock: 100, priceIdr: 10_000, village: BHAYANGKARA });
		// Collected in January: 2 chips, 1 syrup.
		const first = await order('2024-01-05T09:00:00', '2024-01-10', [
			{ product: chips, quantity: 2 },
			{ product: syrup, quantity: 1 }
		]);
		await collect(first.code, wib('2024-01-10T10:00:00'));
		// Collected at 01:00 WIB on 1 February, which is still 31 January in UTC: February.
		const second = await order('2024-01-20T09:00:00', '2024-01-31', [
			{ product: chips, quantity: 1 }
		]);
		await collect(second.code, new Date('2024-01-31T18:00:00Z'));
		// Reserved and never collected; ordered and cancelled: neither is a sale.
		await order('2024-01-05T09:00:00', '2024-01-15', [{ product: syrup, quantity: 3 }]);
		const cancelled = await order('2024-01-05T09:00:00', '2024-01-16', [
			{ product: chips, quantity: 5 }
		]);
		expect(
			await shop.cancelOrder(cancelled.code, cancelled.secret ?? '', wib('2024-01-06T09:00:00'))
		).toEqual({ ok: true });
		// Over the counter: 3 chips on 31 January, 2 syrups on 2 February, 4 crackers elsewhere.
		const sales: [string, number, number, string][] = [
			['2024-01-31', chips, 3, TALANG_BULANG],
			['2024-02-02', syrup, 2, TALANG_BULANG],
			['2024-02-05', crackers, 4, BHAYANGKARA]
		];
		for (const [soldOn, product, quantity, village] of sales) {
			const result = await counterSales.recordSale(
				hostId,
				village,
				{ soldOn, paymentMethod: 'cash', products: [{ product, quantity }] },
				wib(`${soldOn}T17:00:00`)
			);
			expect(result.ok).toBe(true);
		}
		// Three walk-in visitors at Talang Bulang in January, shown beside the sales.
		const walkIn = await walkIns.record(
			hostId,
			TALANG_BULANG,
			{
				visitDate: '2024-01-12',
				packageId: '',
				adults: '3',
				children: '0',
				infants: '0',
				originCountry: 'ID',
				originProvince: '16',
				note: ''
			},
			wib('2024-01-12T12:00:00')
		);
		expect(walkIn.ok).toBe(true);
		// A later price does not change what was sold.
		await testDb.db
			.updateTable('product')
			.set({ price_idr: 99_000 })
			.where('id', '=', chips)
			.execute();
	});

	const sold = (ordered: number, counter: number, revenueIdr: number) => ({
		ordered,
		counter,
		quantity: ordered + counter,
		revenueIdr
	});

	it('counts collected orders and counter sales by month, village and product, exactly', async () => {
		const sales = await shopStatistics.readProductSales(
			[TALANG_BULANG],
			'2024-01',
			'2024-02',
			'id'
		);
		expect(
			sales.products.map((row) => [row.month, row.villageCode, row.productId, row.sold])
		).toEqual([
			['2024-01', TALANG_BULANG, chips, sold(2, 3, 75_000)],
			['2024-01', TALANG_BULANG, syrup, sold(1, 0, 25_000)],
			['2024-02', TALANG_BULANG, chips, sold(1, 0, 15_000)],
			['2024-02', TALANG_BULANG, syrup, sold(0, 2, 50_000)]
		]);
		expect(
			sales.villages.map((row) => [row.month, row.villageCode, row.visitors, row.sold])
		).toEqual([
			['2024-01', TALANG_BULANG, 3, sold(3, 3, 100_000)],
			['2024-02', TALANG_BULANG, 0, sold(1, 2, 65_000)]
		]);
		expect(sales.total).toEqual({ ...sold(4, 5, 165_000), visitors: 3 });
	});

	it('shows a host only their villages and the office every village with a shop', async () => {
		const all = await shopStatistics.readProductSales('all', '2024-01', '2024-02', 'en');
		expect(all.total).toEqual({ ...sold(4, 9, 205_000), visitors: 3 });
		expect(
			all.products.filter((row) => row.villageCode === BHAYANGKARA).map((row) => row.sold)
		).toEqual([sold(0, 4, 40_000)]);
		expect(new Set(all.villages.map((row) => row.villageCode))).toEqual(
			new Set([TALANG_BULANG, BHAYANGKARA])
		);
		const other = await shopStatistics.readProductSales([BHAYANGKARA], '2024-01', '2024-02', 'id');
		expect(other.products.map((row) => row.productId)).toEqual([crackers]);
		expect(other.total).toEqual({ ...sold(0, 4, 40_000), visitors: 0 });
		const none = await shopStatistics.readProductSales([TALANG_BULANG], '2024-03', '2024-03', 'id');
		expect(none.products).toEqual([]);
		expect(none.total).toEqual({ ...sold(0, 0, 0), visitors: 0 });
	});

	it('exports both CSVs with a BOM, exact numbers and no personal data', async () => {
		const village = await testDb.db
			.selectFrom('village')
			.innerJoin('district', 'district.code', 'village.district_code')
			.select(['village.name', 'district.code as districtCode', 'district.name as districtName'])
			.where('village.code', '=', TALANG_BULANG)
			.executeTakeFirstOrThrow();
		const place = `${TALANG_BULANG},${village.name},${village.districtCode},${village.districtName}`;
		const names = async (id: number) => (await productRow(id)).name_id;
		const products = await shopStatistics.exportCsv(
			[TALANG_BULANG],
			'produk',
			'2024-01',
			'2024-02',
			'id'
		);
		expect(products.filename).toBe('penjualan-produk-2024-01_2024-02.csv');
		expect(products.body).toBe(
			'\uFEFF' +
				[
					'bulan,kode_desa,desa,kode_kecamatan,kecamatan,kode_produk,produk,satuan,jumlah_pesanan,jumlah_toko,jumlah,pendapatan_idr',
					`2024-01,${place},${chips},${await names(chips)},pack,2,3,5,75000`,
					`2024-01,${place},${syrup},${await names(syrup)},pack,1,0,1,25000`,
					`2024-02,${place},${chips},${await names(chips)},pack,1,0,1,15000`,
					`2024-02,${place},${syrup},${await names(syrup)},pack,0,2,2,50000`
				].join('\r\n') +
				'\r\n'
		);
		const villages = await shopStatistics.exportCsv(
			[TALANG_BULANG],
			'produk_desa',
			'2024-01',
			'2024-02',
			'id'
		);
		expect(villages.body).toBe(
			'\uFEFF' +
				[
					'bulan,kode_desa,desa,kode_kecamatan,kecamatan,pengunjung,jumlah_pesanan,jumlah_toko,jumlah,pendapatan_idr',
					`2024-01,${place},3,3,3,6,100000`,
					`2024-02,${place},0,1,2,3,65000`
				].join('\r\n') +
				'\r\n'
		);
		for (const body of [products.body, villages.body]) {
			expect(body).not.toMatch(/Rahasia|0812|81234567890/);
		}
	});
});

describe.skipIf(!postgresUrl)('no overselling under concurrency (PostgreSQL)', () => {
	it('sells exactly the stock to concurrent counter sales from two app instances', async () => {
		const product = await addProduct({ stock: 10 });
		const salesBefore = (await counts()).sales;
		// A second module graph with its own pool is a second app instance on the same database.
		vi.resetModules();
		const otherDb = await import('$lib/server/db');
		const otherCounterSales = await import('$lib/server/shop/counter-sales');
		otherDb.setDb(testDb.connectAgain());
		const sale = { soldOn: '', paymentMethod: 'cash', products: [{ product, quantity: 1 }] };
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				i % 2 === 0
					? counterSales.recordSale(hostId, TALANG_BULANG, sale)
					: otherCounterSales.recordSale(hostId, TALANG_BULANG, sale)
			)
		);
		expect(results.filter((result) => result.ok)).toHaveLength(10);
		const refused = results.filter((result) => !result.ok);
		expect(refused).toHaveLength(20);
		for (const result of refused) {
			expect(result).toEqual({
				ok: false,
				fields: { [`products.${product}`]: m.shop_not_enough_stock({ stock: 0 }) }
			});
		}
		expect(await stockOf(product)).toBe(0);
		expect((await counts()).sales).toBe(salesBefore + 10);
	});
});
