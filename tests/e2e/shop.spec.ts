// The village shop from both sides: a tourist adds products to a visit, the host hands them
// over at the visit and records the payment, the office sees the sale; an order on its own is
// placed and cancelled.
import { expect, test, type Page } from '@playwright/test';
import { signIn, walkUpSessionToday, wibNow } from './walk-up';

const VILLAGE = '16.12.01.2001';

/** This month's collected-order packs and revenue of keripik nanas at Talang Bulang. */
async function keripikSales(page: Page): Promise<{ ordered: number; revenue: number }> {
	await signIn(page, 'dinas@agrowisata.test');
	await page.goto('/office/statistik');
	const month = wibNow().toISOString().slice(0, 7);
	const rows = page.getByTestId('product-sales-products').locator('tbody tr');
	for (const cells of await rows.evaluateAll((trs) =>
		trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim()))
	)) {
		if (cells[0].includes(month) && cells[1] === 'Talang Bulang' && cells[2] === 'Keripik nanas') {
			const digits = (text: string) => Number(text.replace(/\D/g, ''));
			return { ordered: digits(cells[4]), revenue: digits(cells[7]) };
		}
	}
	return { ordered: 0, revenue: 0 };
}

test('products booked with a visit are collected and paid by QRIS at the village', async ({
	page
}) => {
	test.setTimeout(150_000);
	const session = await walkUpSessionToday(page, {
		village: VILLAGE,
		hostEmail: 'talangbulang@agrowisata.test',
		titleId: `Petik nanas sore ${Date.now().toString(36)}`,
		titleEn: 'Evening pineapple picking'
	});

	// A tourist books pineapple picking for two and adds two packs of keripik nanas.
	await page.context().clearCookies();
	await page.goto(`/paket/${session.slug}/pesan?slot=${session.slotId}`);
	await page.getByLabel(/^Dewasa/).fill('2');
	await page.getByLabel(/^Keripik nanas/).fill('2');
	await expect(page.getByText('Produk: Rp 30.000, dibayar di desa')).toBeVisible();
	await page.getByLabel('Nama').fill('Dewi Lestari');
	await page.getByLabel('Nomor WhatsApp').fill('0812 5555 6789');
	await page.getByLabel('Provinsi').selectOption({ label: 'Sumatera Selatan' });
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: 'Pesan sekarang' }).click();
	const code = (await page.getByTestId('booking-code').textContent())!.trim();
	await expect(page.getByTestId('booking-total')).toHaveText('Rp 40.000');
	const products = page.locator('section[aria-labelledby="products-heading"]');
	await expect(products.getByTestId('order-lines')).toContainText('2 bungkus × Keripik nanas');
	await expect(products.getByTestId('order-total')).toHaveText('Rp 30.000');
	const orderCode = /\((TBP-[2-9A-Z]{6})\)/.exec(
		(await products.getByRole('heading').textContent()) ?? ''
	)?.[1];
	expect(orderCode).toBeTruthy();

	const before = await keripikSales(page);

	// The host sees the visitors and the pickup on today's list.
	await signIn(page, 'talangbulang@agrowisata.test');
	await page.goto(`/host/${VILLAGE}/hari-ini`);
	await expect(page.getByText(code).first()).toBeVisible();
	const pickup = page.getByTestId(`pickup-${orderCode}`);
	await expect(pickup).toContainText(`dengan pemesanan ${code}`);
	await expect(pickup.getByTestId('order-lines')).toContainText('2 bungkus × Keripik nanas');
	await expect(pickup.getByTestId('order-status')).toHaveText('disiapkan, belum diambil');

	// Both come: checked in by the typed code, where the products show too.
	await page.goto(`/host/${VILLAGE}/check-in`);
	await page.getByLabel('Kode pemesanan').fill(code);
	await page.getByRole('button', { name: 'Cari' }).click();
	await expect(page.getByTestId('order-lines')).toContainText('2 bungkus × Keripik nanas');
	await page.getByRole('button', { name: 'Simpan check-in' }).click();
	await expect(page.getByRole('status')).toContainText(`${code}: 2 orang tercatat datang.`);

	// The products are handed over and paid by QRIS.
	await page.goto(`/host/${VILLAGE}/hari-ini`);
	await pickup.getByLabel('Dibayar dengan').selectOption('qris');
	await pickup.getByRole('button', { name: 'Sudah diambil dan dibayar' }).click();
	await expect(page.getByRole('status')).toContainText(
		`Pesanan ${orderCode} dicatat sudah diambil dan dibayar.`
	);
	await expect(pickup.getByTestId('order-status')).toHaveText('sudah diambil dan dibayar');
	await expect(pickup).toContainText('(QRIS)');
	await expect(pickup.getByRole('button', { name: 'Sudah diambil dan dibayar' })).toHaveCount(0);

	// The office sees the sale: two more packs ordered and collected, Rp 30.000 more.
	const after = await keripikSales(page);
	expect(after).toEqual({ ordered: before.ordered + 2, revenue: before.revenue + 30_000 });
});

test('an order on its own is reserved for a pickup day and can be cancelled', async ({ page }) => {
	const tomorrow = new Date(wibNow().getTime() + 86_400_000).toISOString().slice(0, 10);
	await page.goto('/desa/talang-bulang');
	await page.getByRole('link', { name: /Toko desa/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toko desa Talang Bulang');
	const syrup = page.getByLabel('Jumlah (botol)');
	const stockText = await page
		.getByText(/stok \d+/)
		.nth(3)
		.textContent();
	await syrup.fill('3');
	await expect(page.getByText('Total: Rp 75.000')).toBeVisible();

	// A pickup day in the past is explained at the field and nothing is ordered.
	await page.getByLabel('Tanggal diambil').fill('2020-01-01');
	await page.getByLabel('Nama').fill('Andi');
	await page.getByLabel('Nomor WhatsApp').fill('0812 1111 2222');
	await page.getByRole('button', { name: 'Pesan produk' }).click();
	await expect(page.getByText('Tanggal pengambilan sudah lewat.')).toBeVisible();
	await expect(syrup).toHaveValue('3');

	await page.getByLabel('Tanggal diambil').fill(tomorrow);
	await page.getByRole('button', { name: 'Pesan produk' }).click();
	await expect(page.getByTestId('order-code')).toHaveText(/^TBP-[2-9A-Z]{6}$/);
	await expect(page.getByTestId('order-lines')).toContainText('3 botol × Sirup nanas');
	await expect(page.getByTestId('order-total')).toHaveText('Rp 75.000');

	await page.getByRole('button', { name: 'Batalkan pesanan' }).click();
	await expect(page.getByTestId('order-status')).toHaveText('dibatalkan');
	// The three bottles are on the shelf again.
	await page.goto('/toko/talang-bulang');
	expect(
		await page
			.getByText(/stok \d+/)
			.nth(3)
			.textContent()
	).toBe(stockText);
});
