import { expect, test, type Page } from '@playwright/test';
import { baseURL } from '../../playwright.config';

const BHAYANGKARA = '16.12.01.1017';

async function signIn(page: Page, email: string, next: string) {
	await page.goto(`/login?next=${encodeURIComponent(next)}`);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Kata sandi').fill('agrowisata-demo');
	await page.getByRole('button', { name: 'Masuk' }).click();
	await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?.]/g, '\\$&')}$`));
}

test('the office marks Pasar Bhayangkara as OVOP and the home map shows it', async ({ page }) => {
	await signIn(page, 'dinas@agrowisata.test', '/office/desa');
	await expect(page.getByRole('link', { name: 'Ruang kerja' })).toBeVisible();
	await page.getByLabel('Status OVOP').selectOption({ label: 'Hanya desa bukan OVOP' });
	await page.getByRole('button', { name: 'Terapkan' }).click();
	await expect(page.getByText('70 desa')).toBeVisible();
	await page.getByRole('link', { name: 'Pasar Bhayangkara' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pasar Bhayangkara');

	// Without a product the field says so and nothing changes.
	await page.getByRole('button', { name: 'Tandai sebagai desa OVOP' }).click();
	await expect(page.getByText('Isi nama produk unggulan.').first()).toBeVisible();

	await page.getByLabel('Produk unggulan (Bahasa Indonesia)').fill('Lengkeng');
	await page.getByLabel('Produk unggulan (bahasa Inggris)').fill('Longan');
	await page.getByRole('button', { name: 'Tandai sebagai desa OVOP' }).click();
	await expect(page.getByText('Data OVOP desa disimpan.')).toBeVisible();
	await expect(
		page.getByText(/anggota OVOP sejak \d{4} dengan produk unggulan Lengkeng/)
	).toBeVisible();

	await page.goto('/');
	const ovop = page.locator('path.village-marker.ovop');
	await expect(ovop).toHaveCount(2);
	await expect(page.locator('path.village-marker.ovop[data-slug="pasar-bhayangkara"]')).toHaveCount(
		1
	);

	await page.goto('/office/audit');
	await expect(page.getByTestId('audit-events').getByText('village.mark_ovop')).toBeVisible();

	// The other specs expect Talang Bulang as the only OVOP village: take Bhayangkara out again.
	await page.goto('/office/desa/pasar-bhayangkara');
	await page.getByRole('button', { name: 'Keluarkan dari OVOP' }).click();
	await expect(page.getByText('Desa dikeluarkan dari program OVOP.')).toBeVisible();
	await page.goto('/');
	await expect(page.locator('path.village-marker.ovop')).toHaveCount(1);
});

test('the office approves a package a host sent for review, and it goes public', async ({
	page
}) => {
	// The host creates a package through the host workspace's form, which sends it for review.
	await signIn(page, 'bhayangkara@agrowisata.test', `/host/${BHAYANGKARA}/paket`);
	const created = await page.request.post(`/host/${BHAYANGKARA}/paket/baru?/create`, {
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0,
		form: {
			titleId: 'Panen lengkeng sore',
			titleEn: 'Afternoon longan harvest',
			descriptionId: 'Memetik lengkeng bersama petani.',
			descriptionEn: 'Pick longan with a farmer.',
			durationMinutes: '90',
			minParty: '1',
			maxParty: '10',
			cutoffHours: '12',
			cancelHours: '24',
			bookingMode: 'instant',
			responseHours: '24',
			seasonMonths: '1',
			'categories.0.code': 'dewasa',
			'categories.0.labelId': 'Dewasa',
			'categories.0.labelEn': 'Adult',
			'categories.0.priceIdr': '40000',
			'categories.0.takesSeat': 'on',
			'categories.0.ageGroup': 'adult',
			'categories.0.active': 'on'
		}
	});
	expect(created.status(), await created.text()).toBe(303);
	const packageId = /terkirim=(\d+)/.exec(created.headers().location ?? '')?.[1];
	expect(packageId).toBeTruthy();
	await page.context().clearCookies();

	await signIn(page, 'dinas@agrowisata.test', '/office/tinjauan');
	await page.getByRole('link', { name: 'Panen lengkeng sore' }).click();
	await expect(page).toHaveURL(new RegExp(`/office/tinjauan/${packageId}$`));
	await expect(page.getByText('Afternoon longan harvest')).toBeVisible();
	await expect(page.getByText('Dewasa / Adult: Rp 40.000')).toBeVisible();
	await page.getByRole('button', { name: 'Setujui dan terbitkan' }).click();
	await expect(
		page.getByText('Paket diterbitkan dan slotnya sudah dibuka untuk pemesanan.')
	).toBeVisible();
	await expect(page.getByText('Status: terbit')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Setujui dan terbitkan' })).toHaveCount(0);

	await page.getByRole('link', { name: 'Lihat halaman paket' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Panen lengkeng sore');
	await page.goto('/office/tinjauan');
	await expect(page.getByRole('link', { name: 'Panen lengkeng sore' })).toHaveCount(0);
});
