import { expect, test } from '@playwright/test';

const VILLAGE = '16.12.01.2001';
// A 1×1 PNG.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);

test.beforeEach(async ({ page }) => {
	await page.goto(`/login?next=${encodeURIComponent(`/host/${VILLAGE}/jadwal`)}`);
	await page.getByLabel('E-mail').fill('talangbulang@agrowisata.test');
	await page.getByLabel('Kata sandi').fill('agrowisata-demo');
	await page.getByRole('button', { name: 'Masuk' }).click();
	await expect(page).toHaveURL(new RegExp(`/host/${VILLAGE}/jadwal$`));
});

test('the host changes the capacity of the pineapple picking rule after a preview', async ({
	page
}) => {
	await page.getByRole('link', { name: 'Petik nanas di kebun' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jadwal: Petik nanas di kebun');
	const capacity = page.getByTestId('rule').first().getByLabel('Kapasitas (orang)');
	await expect(capacity).toHaveValue('25');

	await capacity.fill('30');
	await page.getByRole('button', { name: 'Lihat pratinjau' }).click();
	const preview = page.getByTestId('schedule-preview');
	await expect(preview.getByRole('heading', { name: 'Pratinjau 4 minggu ke depan' })).toBeVisible();
	await expect(preview.getByText(/08\.00 WIB · 30 kursi, \d+ sudah dipesan/).first()).toBeVisible();
	await expect(preview.getByText(/14\.00 WIB · 30 kursi/).first()).toBeVisible();
	// A preview saves nothing: the typed value is kept, the stored rule is unchanged.
	await expect(capacity).toHaveValue('30');

	await page.getByRole('button', { name: 'Simpan jadwal' }).click();
	await expect(page.getByText('Jadwal sudah disimpan dan langsung berlaku.')).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('rule').first().getByLabel('Kapasitas (orang)')).toHaveValue('30');

	// Back to the sample's 25 seats, so that other tests find the package as seeded.
	await page.getByTestId('rule').first().getByLabel('Kapasitas (orang)').fill('25');
	await page.getByRole('button', { name: 'Simpan jadwal' }).click();
	await expect(page.getByText('Jadwal sudah disimpan dan langsung berlaku.')).toBeVisible();
	await expect(page.getByTestId('rule').first().getByLabel('Kapasitas (orang)')).toHaveValue('25');
});

test('the host adds a photo to the village page and the public page shows it', async ({
	page,
	request
}) => {
	await page.getByRole('link', { name: 'Halaman desa' }).click();
	await expect(page).toHaveURL(new RegExp(`/host/${VILLAGE}/desa$`));

	// A text file named .png is refused at the field.
	await page.getByLabel('Pilih foto').setInputFiles({
		name: 'bukan-foto.png',
		mimeType: 'image/png',
		buffer: Buffer.from('ini bukan gambar')
	});
	await page.getByRole('button', { name: 'Unggah foto' }).click();
	await expect(page.getByText('Berkas ini bukan foto JPEG, PNG atau WebP.')).toBeVisible();

	await page.getByLabel('Pilih foto').setInputFiles({
		name: 'kebun-nanas.png',
		mimeType: 'image/png',
		buffer: PNG
	});
	await page.getByLabel('Keterangan foto (Indonesia, boleh kosong)').fill('Kebun nanas');
	await page.getByRole('button', { name: 'Unggah foto' }).click();
	await expect(page.getByText('Foto sudah ditambahkan.')).toBeVisible();
	await expect(page.getByTestId('host-photos').locator('img')).toHaveCount(1);

	await page.goto('/desa/talang-bulang');
	const photo = page.getByRole('img', { name: 'Kebun nanas' });
	await expect(photo).toHaveAttribute('loading', 'lazy');
	const src = await photo.getAttribute('src');
	expect(src).toMatch(/^\/foto\/[0-9a-f]{32}\.png$/);
	const served = await request.get(src as string);
	expect(served.status()).toBe(200);
	expect(served.headers()['content-type']).toBe('image/png');
	expect(served.headers()['x-content-type-options']).toBe('nosniff');
	expect(Buffer.from(await served.body()).equals(PNG)).toBe(true);
	expect((await request.get('/foto/..%2F..%2Fpackage.json')).status()).toBe(404);
});
