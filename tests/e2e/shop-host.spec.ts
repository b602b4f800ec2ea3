// The village shop as its host keeps it, on a phone without JavaScript: a new product, a
// delivery, a sale over the counter (and one larger than the shelf, refused at the product),
// then the office sees the sale in its product sales and the CSV.
import { expect, test, type Page } from '@playwright/test';

const VILLAGE = '16.12.01.2001';

test.use({ javaScriptEnabled: false });

async function signIn(page: Page, email: string) {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Kata sandi').fill('agrowisata-demo');
	await page.getByRole('button', { name: 'Masuk' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

test('a host stocks a new product, sells it at the counter, and the office counts the sale', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const name = `Madu nanas ${Date.now().toString(36)}`;
	await signIn(page, 'talangbulang@agrowisata.test');
	await page.getByRole('link', { name: 'Produk', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/host/${VILLAGE}/produk$`));

	// A mistake first: the price is refused at its field and nothing is saved.
	await page.getByLabel('Nama (Bahasa Indonesia)').fill(name);
	await page.getByLabel('Nama (Bahasa Inggris)').fill('Pineapple honey');
	await page.getByLabel('Satuan', { exact: true }).selectOption('jar');
	await page.getByLabel('Harga per satuan (Rp)').fill('tiga puluh ribu');
	await page.getByLabel('Stok awal').fill('5');
	await page.getByRole('button', { name: 'Tambah produk' }).click();
	await expect(page.getByLabel('Harga per satuan (Rp)')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#priceIdr-error')).toHaveText('Masukkan bilangan bulat.');
	await expect(page.getByTestId('host-products')).not.toContainText(name);

	await page.getByLabel('Harga per satuan (Rp)').fill('Rp 30.000');
	await page.getByRole('button', { name: 'Tambah produk' }).click();
	await expect(page.getByRole('status')).toHaveText('Produk disimpan.');
	const item = page.getByTestId('host-products').locator('li', { hasText: name });
	await expect(item).toContainText('Rp 30.000 / toples');
	await expect(item.getByTestId('stock')).toContainText('5');

	// A delivery of three more jars.
	await item.getByRole('link', { name: 'Ubah atau isi stok' }).click();
	await expect(page.getByTestId('stock-now')).toHaveText('Stok sekarang: 5 toples');
	await page.getByLabel('Tambah kiriman (jumlah yang datang)').check();
	await page.getByLabel('Jumlah', { exact: true }).fill('3');
	await page.getByRole('button', { name: 'Simpan stok' }).click();
	await expect(page.getByRole('status')).toHaveText('Stok disimpan: sekarang 8.');
	await expect(page.getByTestId('stock-now')).toHaveText('Stok sekarang: 8 toples');
	const productId = new URL(page.url()).pathname.split('/').at(-1);

	// Two jars sold over the counter, paid by QRIS.
	await page.getByRole('link', { name: 'Toko', exact: true }).click();
	await page.getByLabel(new RegExp(name)).fill('2');
	await page.getByLabel('QRIS').check();
	await page.getByRole('button', { name: 'Catat penjualan' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Penjualan dicatat: Rp 60.000. Stok sudah dikurangi.'
	);
	await expect(page.getByTestId('shop-sales').locator('li').first()).toContainText(
		`2 toples ${name}`
	);

	// More than the shelf holds is refused at that product, and nothing is taken.
	await page.getByLabel(new RegExp(name)).fill('7');
	await page.getByRole('button', { name: 'Catat penjualan' }).click();
	await expect(page.locator(`#product-${productId}-error`)).toHaveText('Stok tinggal 6.');
	await expect(page.getByLabel(new RegExp(name))).toHaveValue('7');
	await page.goto(`/host/${VILLAGE}/produk/${productId}`);
	await expect(page.getByTestId('stock-now')).toHaveText('Stok sekarang: 6 toples');

	// The same page in English.
	await page.goto(`/en/host/${VILLAGE}/toko`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Village shop: counter sales');

	// The office sees the sale this month, in the table and in the CSV.
	const office = await browser.newPage({ javaScriptEnabled: false });
	await signIn(office, 'dinas@agrowisata.test');
	await office.goto('/office/statistik');
	const row = office.locator(
		`[data-testid="product-sales-products"] tr[data-product="${productId}"]`
	);
	await expect(row).toContainText(name);
	await expect(row).toContainText('Rp 60.000');
	const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
	const csv = await office.request.get(
		`/office/statistik/unduh-produk?tabel=produk&dari=${month}&sampai=${month}`
	);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const body = await csv.text();
	expect(body.startsWith('\uFEFFbulan,kode_desa,desa,')).toBe(true);
	expect(body).toContain(`,${productId},${name},jar,0,2,2,60000\r\n`);
	await office.close();
});
