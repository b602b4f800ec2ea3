import { expect, test } from '@playwright/test';

test('the home map shows all 71 villages, Talang Bulang among the OVOP ones', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('path.village-marker')).toHaveCount(71);
	const ovop = page.locator('path.village-marker.ovop');
	await expect(ovop).toHaveCount(1);
	await expect(ovop).toHaveAttribute('data-slug', 'talang-bulang');
	await expect(page.getByText('© OpenStreetMap contributors')).toBeVisible();
	await expect(page.getByTestId('village-list').locator('li')).toHaveCount(71);
});

test('clicking Talang Bulang on the map reaches its village page', async ({ page }) => {
	await page.goto('/');
	await page.locator('path.village-marker.ovop').click();
	await page.locator('.leaflet-popup').getByRole('link', { name: 'Talang Bulang' }).click();
	await expect(page).toHaveURL(/\/desa\/talang-bulang$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Talang Bulang');
	await expect(page.getByText('Produk unggulan: Nanas')).toBeVisible();
	await expect(page.locator('path.village-marker')).toHaveCount(1);
});

test('the language switch goes to English and stays there while browsing', async ({ page }) => {
	await page.goto('/desa/talang-bulang');
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page).toHaveURL(/\/en\/desa\/talang-bulang$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByText('Flagship product: Pineapple')).toBeVisible();
	await page
		.getByRole('link', { name: /Back to all villages/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/en$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Explore the villages of PALI');
	await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jelajahi desa-desa PALI');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the list filters by kecamatan and OVOP and the village page works', async ({ page }) => {
		await page.goto('/');
		await page.getByLabel('Kecamatan').selectOption({ label: 'Abab' });
		await page.getByRole('button', { name: 'Terapkan' }).click();
		await expect(page).toHaveURL(/kecamatan=16\.12\.04/);
		await expect(page.getByTestId('village-list').locator('li')).toHaveCount(8);

		await page.goto('/?ovop=1');
		const items = page.getByTestId('village-list').locator('li');
		await expect(items).toHaveCount(1);
		await items.getByRole('link', { name: 'Talang Bulang' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Talang Bulang');
		await expect(page.getByText(/Titik di peta adalah perkiraan pusat/)).toBeVisible();
	});

	test('unknown pages and filter values are explained, not errors', async ({ page }) => {
		const missing = await page.goto('/desa/tidak-ada');
		expect(missing?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible();
		const english = await page.goto('/en/desa/nowhere');
		expect(english?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
		expect((await page.goto('/fr/desa/talang-bulang'))?.status()).toBe(404);
		const odd = await page.goto('/?kecamatan=%27%3BDROP%20TABLE&produk=%3Cscript%3E');
		expect(odd?.status()).toBe(200);
		await expect(page.getByText('Kecamatan itu tidak dikenal')).toBeVisible();
		await expect(page.getByTestId('village-list').locator('li')).toHaveCount(71);
	});
});
