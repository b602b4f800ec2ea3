import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, addYears, todayInJakarta } from '$lib/dates';
import { bookingInput } from '$lib/server/bookings/input';
import * as bookings from '$lib/server/bookings';
import { render, type TemplateName } from '$lib/server/mail/templates';
import * as hostBookings from '$lib/server/bookings/host';
import * as shop from '$lib/server/shop';
import { parse } from '$lib/validation';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/db';
import { bookingRequest, createPackage, daysFromNow } from '../helpers/fixtures';

const TALANG_BULANG = '16.12.01.2001';
const BHAYANGKARA = '16.12.01.1017';

let testDb: TestDb;
let hostId: number;
beforeAll(async () => {
	testDb = await createTestDb();
	const host = await testDb.db
		.insertInto('app_user')
		.values({ email: 'host-shop@example.com', name: 'Host Toko', role: 'host', password_hash: 'x' })
		.returning('id')
		.executeTakeFirstOrThrow();
	hostId = host.id;
});
afterAll(() => testDb.close());

async function product(
	options: {
		stock?: number;
		price?: number;
		village?: string;
		seasonMonths?: number[];
		name?: [string, string];
	} = {}
) {
	const row = await testDb.db
		.insertInto('product')
		.values({
			village_code: options.village ?? TALANG_BULANG,
			name_id: options.name?.[0] ?? 'Keripik nanas',
			name_en: options.name?.[1] ?? 'Pineapple chips',
			unit: 'pack',
			price_idr: options.price ?? 15_000,
			stock: options.stock ?? 10,
			season_months: options.seasonMonths ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function stockOf(productId: number) {
	const row = await testDb.db
		.selectFrom('product')
		.select('stock')
		.where('id', '=', productId)
		.executeTakeFirstOrThrow();
	return row.stock;
}

async function book(raw: unknown) {
	const parsed = parse(bookingInput, raw);
	if (!parsed.ok) return { ok: false as const, error: 'invalid' as const, fields: parsed.fields };
	return bookings.create(parsed.data);
}

function orderRequest(products: { product: number; quantity: number }[], overrides = {}) {
	return {
		village: 'talang-bulang',
		pickupDate: addDays(todayInJakarta(), 3),
		products,
		contact: { name: 'Budi', phone: '0812-3456-7890', email: 'budi@example.com' },
		language: 'id',
		...overrides
	};
}

describe('products with a booking', () => {
	it('adds products to the booking: stock taken, total kept apart, shown on the manage page and in the e-mail', async () => {
		const chips = await product({ stock: 10, price: 15_000 });
		const syrup = await product({
			stock: 5,
			price: 25_000,
			name: ['Sirup nanas', 'Pineapple syrup']
		});
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)] });
		const result = await book(
			bookingRequest(slotIds[0], {
				products: [
					{ product: chips, quantity: 2 },
					{ product: syrup, quantity: 1 }
				]
			})
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		// The visit's total is the party's; the products are paid at the village.
		expect(result.booking.totalIdr).toBe(90_000);
		expect(result.booking.order).toMatchObject({ totalIdr: 55_000 });
		expect(result.booking.order?.code).toMatch(/^TBP-[2-9A-HJKMNP-Z]{6}$/);
		expect(await stockOf(chips)).toBe(8);
		expect(await stockOf(syrup)).toBe(4);

		const view = await bookings.findForManage(result.booking.code, result.booking.secret, 'en');
		expect(view?.order).toMatchObject({ status: 'reserved', totalIdr: 55_000 });
		expect(view?.order?.lines).toEqual([
			{ label: 'Pineapple chips', unit: 'pack', quantity: 2, unitPriceIdr: 15_000 },
			{ label: 'Pineapple syrup', unit: 'pack', quantity: 1, unitPriceIdr: 25_000 }
		]);
		expect(bookings.describeForApi(view!).products).toMatchObject({
			totalIdr: 55_000,
			status: 'reserved'
		});

		const mail = await testDb.db
			.selectFrom('outbox_message')
			.select(['template', 'payload', 'language'])
			.where('payload', '@>', JSON.stringify({ code: result.booking.code }) as never)
			.executeTakeFirstOrThrow();
		const rendered = render(
			mail.template as TemplateName,
			mail.language,
			mail.payload as Record<string, unknown>
		);
		expect(rendered.text).toContain(result.booking.order!.code);
		expect(rendered.text).toMatch(/2 × Keripik nanas @ Rp\s15\.000/);
		expect(rendered.text).toMatch(/1 × Sirup nanas @ Rp\s25\.000/);
		expect(rendered.text).toMatch(/Total produk: Rp\s?55\.000/);
	});

	it('refuses the whole booking when a product is short, naming the product, and takes nothing', async () => {
		const chips = await product({ stock: 1 });
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)] });
		const result = await book(
			bookingRequest(slotIds[0], { products: [{ product: chips, quantity: 3 }] })
		);
		expect(result).toMatchObject({
			ok: false,
			error: 'invalid',
			fields: { [`products.${chips}`]: 'Stok tinggal 1.' }
		});
		expect(await stockOf(chips)).toBe(1);
		const slot = await testDb.db
			.selectFrom('slot')
			.select('seats_taken')
			.where('id', '=', slotIds[0])
			.executeTakeFirstOrThrow();
		expect(slot.seats_taken).toBe(0);
		const count = await testDb.db
			.selectFrom('booking')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('slot_id', '=', slotIds[0])
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(0);
	});

	it("refuses another village's product and one out of season on the visit day", async () => {
		const elsewhere = await product({ village: BHAYANGKARA });
		const visit = daysFromNow(10);
		const visitMonth = Number(new Date(visit.getTime() + 7 * 3_600_000).toISOString().slice(5, 7));
		const offSeason = await product({
			seasonMonths: [(visitMonth % 12) + 1]
		});
		const { slotIds } = await createPackage(testDb.db, { starts: [visit] });
		const result = await book(
			bookingRequest(slotIds[0], {
				products: [
					{ product: elsewhere, quantity: 1 },
					{ product: offSeason, quantity: 1 }
				]
			})
		);
		expect(result).toMatchObject({
			ok: false,
			fields: {
				[`products.${elsewhere}`]: 'Produk ini tidak dijual di desa ini.',
				[`products.${offSeason}`]: 'Produk ini tidak tersedia pada tanggal itu (di luar musim).'
			}
		});
		expect(await stockOf(elsewhere)).toBe(10);
		expect(await stockOf(offSeason)).toBe(10);
	});

	it('cancels the products with the booking, by the tourist or by the host, and puts them back', async () => {
		const chips = await product({ stock: 10 });
		const { slotIds } = await createPackage(testDb.db, { starts: [daysFromNow(10)] });
		const first = await book(
			bookingRequest(slotIds[0], { products: [{ product: chips, quantity: 4 }] })
		);
		const second = await book(
			bookingRequest(slotIds[0], { products: [{ product: chips, quantity: 3 }] })
		);
		if (!first.ok || !second.ok) throw new Error('booking failed');
		expect(await stockOf(chips)).toBe(3);

		expect((await bookings.cancelByTourist(first.booking.code, first.booking.secret)).ok).toBe(
			true
		);
		expect(await stockOf(chips)).toBe(7);
		const view = await bookings.findForManage(first.booking.code, first.booking.secret, 'id');
		expect(view?.order?.status).toBe('cancelled');

		const cancelled = await hostBookings.cancel(
			hostId,
			TALANG_BULANG,
			second.booking.code,
			'Hujan lebat'
		);
		expect(cancelled.ok).toBe(true);
		expect(await stockOf(chips)).toBe(10);
	});
});

describe('an order on its own', () => {
	it('reserves stock for a pickup day, with a code, a private link and an e-mail', async () => {
		const chips = await product({ stock: 10, price: 15_000 });
		const result = await shop.placeOrder(orderRequest([{ product: chips, quantity: 3 }]));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.order.totalIdr).toBe(45_000);
		expect(result.order.code).toMatch(/^TBP-/);
		expect(await stockOf(chips)).toBe(7);
		const view = await shop.findForManage(result.order.code, result.order.secret!, 'id');
		expect(view).toMatchObject({ status: 'reserved', totalIdr: 45_000, cancellable: true });
		expect(await shop.findForManage(result.order.code, 'x'.repeat(32), 'id')).toBeUndefined();
		const mail = await testDb.db
			.selectFrom('outbox_message')
			.select(['template', 'recipient'])
			.where('payload', '@>', JSON.stringify({ code: result.order.code }) as never)
			.executeTakeFirstOrThrow();
		expect(mail).toEqual({ template: 'order_confirmed', recipient: 'budi@example.com' });
	});

	it('explains a bad pickup day, an empty order and a bad quantity at their fields, and takes nothing', async () => {
		const chips = await product({ stock: 10 });
		const today = todayInJakarta();
		const past = await shop.placeOrder(
			orderRequest([{ product: chips, quantity: 1 }], { pickupDate: addDays(today, -1) })
		);
		expect(past).toEqual({ ok: false, fields: { pickupDate: 'Tanggal pengambilan sudah lewat.' } });
		const far = await shop.placeOrder(
			orderRequest([{ product: chips, quantity: 1 }], { pickupDate: addDays(today, 61) })
		);
		expect(far).toMatchObject({
			ok: false,
			fields: { pickupDate: expect.stringMatching(/60 hari/) }
		});
		const empty = await shop.placeOrder(orderRequest([{ product: chips, quantity: 0 }]));
		expect(empty).toEqual({ ok: false, fields: { products: 'Pilih setidaknya satu produk.' } });
		const negative = await shop.placeOrder(orderRequest([{ product: chips, quantity: -2 }]));
		expect(negative).toMatchObject({
			ok: false,
			fields: { 'products.0.quantity': expect.any(String) }
		});
		const unknownVillage = await shop.placeOrder(
			orderRequest([{ product: chips, quantity: 1 }], { village: 'tidak-ada' })
		);
		expect(unknownVillage).toEqual({ ok: false, fields: { village: 'Desa ini tidak ada.' } });
		expect(await stockOf(chips)).toBe(10);
	});

	it('refuses a pickup day that is not on the calendar or a year ahead, taking nothing', async () => {
		const chips = await product({ stock: 10 });
		const today = todayInJakarta();
		const line = [{ product: chips, quantity: 1 }];
		const refusals: [string, string][] = [
			// Between today and the last pickup day as text, so it reaches the database unless refused.
			[`${today.slice(0, 7)}-32`, 'Tanggal ini tidak ada di kalender.'],
			[`${today.slice(0, 4)}-13-01`, 'Tanggal ini tidak ada di kalender.'],
			[addYears(today, 1), 'Pesanan bisa diambil paling lambat 60 hari dari sekarang.'],
			[addDays(addYears(today, 1), 1), 'Pesanan bisa diambil paling lambat 60 hari dari sekarang.'],
			['', 'Pilih tanggal pengambilan.']
		];
		for (const [pickupDate, message] of refusals) {
			expect(await shop.placeOrder(orderRequest(line, { pickupDate }))).toEqual({
				ok: false,
				fields: { pickupDate: message }
			});
		}
		expect(await stockOf(chips)).toBe(10);
		const orders = await testDb.db
			.selectFrom('product_order_line')
			.select('order_id')
			.where('product_id', '=', chips)
			.execute();
		expect(orders).toEqual([]);
	});

	it('reads a quantity only as decimal digits: 1e2, 0x10, 2.5, -3 and " 3" are refused', async () => {
		const chips = await product({ stock: 200 });
		for (const typed of ['1e2', '0x10', '2.5', '-3', ' 3']) {
			const form = new FormData();
			form.set(`product.${chips}`, typed);
			expect(shop.readProductFields(form)).toEqual({
				[`products.${chips}`]: 'Masukkan bilangan bulat.'
			});
			const order = orderRequest([{ product: chips, quantity: typed as never }]);
			expect(await shop.placeOrder(order)).toEqual({
				ok: false,
				fields: { 'products.0.quantity': 'Masukkan bilangan bulat.' }
			});
		}
		expect(await stockOf(chips)).toBe(200);
		const form = new FormData();
		form.set(`product.${chips}`, '3');
		expect(shop.readProductFields(form)).toEqual([{ product: chips, quantity: 3 }]);
		const three = await shop.placeOrder(orderRequest([{ product: chips, quantity: '3' as never }]));
		expect(three.ok).toBe(true);
		expect(await stockOf(chips)).toBe(197);
	});

	it('answers a replay with the first order and takes the stock once', async () => {
		const chips = await product({ stock: 10 });
		const request = orderRequest([{ product: chips, quantity: 2 }]);
		const first = await shop.placeOrder(request, { idempotencyKey: 'order-key-0001' });
		const again = await shop.placeOrder(request, { idempotencyKey: 'order-key-0001' });
		expect(first.ok && again.ok && again.replayed).toBe(true);
		if (!first.ok || !again.ok) return;
		expect(again.order.code).toBe(first.order.code);
		expect(again.order.manageUrl).toBe(first.order.manageUrl);
		expect(await stockOf(chips)).toBe(8);
		const other = await shop.placeOrder(orderRequest([{ product: chips, quantity: 5 }]), {
			idempotencyKey: 'order-key-0001'
		});
		expect(other.ok).toBe(false);
		expect(await stockOf(chips)).toBe(8);
	});

	it('is cancelled by the tourist until the pickup day, and the stock goes back', async () => {
		const chips = await product({ stock: 10 });
		const result = await shop.placeOrder(orderRequest([{ product: chips, quantity: 4 }]));
		if (!result.ok) throw new Error('order failed');
		const late = await shop.cancelOrder(result.order.code, result.order.secret!, daysFromNow(30));
		expect(late).toEqual({ ok: false, message: m_tooLate });
		expect(await stockOf(chips)).toBe(6);
		expect(await shop.cancelOrder(result.order.code, result.order.secret!)).toEqual({ ok: true });
		expect(await stockOf(chips)).toBe(10);
		expect(await shop.cancelOrder(result.order.code, result.order.secret!)).toMatchObject({
			ok: false
		});
		expect(await stockOf(chips)).toBe(10);
	});
});

const m_tooLate = 'Hari pengambilan sudah lewat; pesanan tidak bisa dibatalkan lagi.';

describe('collecting at the village', () => {
	it("lists the day's pickups and records one collected and paid, once, by the village's host", async () => {
		const chips = await product({ stock: 10, price: 15_000 });
		const pickupDate = addDays(todayInJakarta(), 2);
		const alone = await shop.placeOrder(
			orderRequest([{ product: chips, quantity: 2 }], { pickupDate })
		);
		if (!alone.ok) throw new Error('order failed');

		const pickups = await shop.listPickupsOfDay(TALANG_BULANG, pickupDate, 'id');
		const mine = pickups.find((pickup) => pickup.code === alone.order.code);
		expect(mine).toMatchObject({ status: 'reserved', totalIdr: 30_000, bookingCode: null });

		const noMethod = await shop.markCollected(TALANG_BULANG, hostId, { code: alone.order.code });
		expect(noMethod).toEqual({ ok: false, fields: { paymentMethod: 'Pilih cara pembayaran.' } });
		const elsewhere = await shop.markCollected(BHAYANGKARA, hostId, {
			code: alone.order.code,
			paymentMethod: 'cash'
		});
		expect(elsewhere).toEqual({ ok: false, fields: { code: 'Pesanan tidak ditemukan.' } });

		expect(
			await shop.markCollected(TALANG_BULANG, hostId, {
				code: alone.order.code.toLowerCase(),
				paymentMethod: 'qris'
			})
		).toEqual({ ok: true });
		const after = (await shop.listPickupsOfDay(TALANG_BULANG, pickupDate, 'id')).find(
			(pickup) => pickup.code === alone.order.code
		);
		expect(after).toMatchObject({ status: 'collected', paymentMethod: 'qris' });
		const twice = await shop.markCollected(TALANG_BULANG, hostId, {
			code: alone.order.code,
			paymentMethod: 'cash'
		});
		expect(twice).toEqual({
			ok: false,
			fields: { code: 'Pesanan ini sudah diambil atau dibatalkan.' }
		});
		const audit = await testDb.db
			.selectFrom('audit_event')
			.select(['action', 'actor_user_id'])
			.where('entity_id', '=', alone.order.code)
			.execute();
		expect(audit).toEqual([{ action: 'order.collect', actor_user_id: hostId }]);
		// Collected goods are sold: the stock stays taken.
		expect(await stockOf(chips)).toBe(8);
	});
});

describe('orders nobody came for', () => {
	it('go back on the shelf after their pickup day, and only then', async () => {
		const chips = await product({ stock: 10 });
		const pickupDate = addDays(todayInJakarta(), 1);
		const result = await shop.placeOrder(
			orderRequest([{ product: chips, quantity: 4 }], { pickupDate })
		);
		if (!result.ok) throw new Error('order failed');
		// On the pickup day itself the order still waits.
		const pickupDay = new Date(`${pickupDate}T20:00:00+07:00`);
		await shop.releaseUncollected(pickupDay);
		expect(await stockOf(chips)).toBe(6);
		await shop.releaseUncollected(new Date(pickupDay.getTime() + 6 * 3_600_000));
		expect(await stockOf(chips)).toBe(10);
		const view = await shop.findForManage(result.order.code, result.order.secret!, 'id');
		expect(view).toMatchObject({ status: 'uncollected', cancellable: false });
		// A second run finds nothing more to release.
		expect(await shop.releaseUncollected(new Date(pickupDay.getTime() + 6 * 3_600_000))).toBe(0);
		expect(await stockOf(chips)).toBe(10);
	});
});

describe('stock never goes below zero (database)', () => {
	it('has the database refuse a negative stock even if the app tried one', async () => {
		const chips = await product({ stock: 1 });
		await expect(
			testDb.db.updateTable('product').set({ stock: -1 }).where('id', '=', chips).execute()
		).rejects.toThrow(/check constraint/);
	});
});

describe.skipIf(!postgresUrl)('stock under concurrency (PostgreSQL)', () => {
	it('sells exactly the stock to concurrent orders and bookings from two app instances', async () => {
		const chips = await product({ stock: 10 });
		const { slotIds } = await createPackage(testDb.db, {
			starts: [daysFromNow(10)],
			capacity: 200
		});
		// A second module graph with its own pool is a second app instance on the same database.
		vi.resetModules();
		const otherDb = await import('$lib/server/db');
		const otherShop = await import('$lib/server/shop');
		const otherBookings = await import('$lib/server/bookings');
		otherDb.setDb(testDb.connectAgain());
		const withBooking = () => {
			const parsed = parse(
				bookingInput,
				bookingRequest(slotIds[0], {
					party: [{ category: 'dewasa', quantity: 1 }],
					products: [{ product: chips, quantity: 1 }]
				})
			);
			if (!parsed.ok) throw new Error('fixture is invalid');
			return parsed.data;
		};
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, i) => {
				const alone = orderRequest([{ product: chips, quantity: 1 }]);
				switch (i % 4) {
					case 0:
						return shop.placeOrder(alone);
					case 1:
						return otherShop.placeOrder(alone);
					case 2:
						return bookings.create(withBooking());
					default:
						return otherBookings.create(withBooking());
				}
			})
		);
		const sold = results.filter((result) => result.ok).length;
		expect(sold).toBe(10);
		for (const result of results.filter((result) => !result.ok)) {
			expect(Object.values('fields' in result ? result.fields : {})).toEqual(['Stok tinggal 0.']);
		}
		expect(await stockOf(chips)).toBe(0);
		const lines = await testDb.db
			.selectFrom('product_order_line')
			.select((eb) => eb.fn.sum<number>('quantity').as('n'))
			.where('product_id', '=', chips)
			.executeTakeFirstOrThrow();
		expect(Number(lines.n)).toBe(10);
		// Refused bookings gave their seats back with the rollback.
		const slot = await testDb.db
			.selectFrom('slot')
			.select('seats_taken')
			.where('id', '=', slotIds[0])
			.executeTakeFirstOrThrow();
		const booked = await testDb.db
			.selectFrom('booking')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('slot_id', '=', slotIds[0])
			.executeTakeFirstOrThrow();
		expect(slot.seats_taken).toBe(Number(booked.n));
	});
});
