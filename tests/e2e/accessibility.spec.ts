// axe-core on the pages tourists, hosts and the office use: no serious or critical violations
// (WCAG 2.1 A and AA rules plus axe's best practices).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const PACKAGE = 'petik-nanas-talang-bulang';

async function expectNoSeriousViolations(page: Page, what: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.analyze();
	const serious = results.violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map(
			(violation) =>
				`${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes
					.slice(0, 3)
					.map((node) => node.target.join(' '))
					.join('; ')})`
		);
	expect(serious, `${what}:\n${serious.join('\n')}`).toEqual([]);
}

/** The first open slot with room, through the public API. */
async function openSlotId(page: Page): Promise<number> {
	const day = (offset: number) =>
		new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
	const response = await page.request.get(
		`/api/v1/packages/${PACKAGE}/availability?from=${day(1)}&to=${day(60)}`
	);
	const { slots } = (await response.json()) as {
		slots: { id: number; status: string; seatsLeft: number }[];
	};
	const slot = slots.find((each) => each.status === 'open' && each.seatsLeft >= 2);
	expect(slot).toBeDefined();
	return slot!.id;
}

async function signIn(page: Page, email: string) {
	await page.goto('/login');
	await page.locator('input[name=email]').fill(email);
	await page.locator('input[name=password]').fill('agrowisata-demo');
	await page.locator('form button[type=submit]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

test('home page with the map and the list', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('path.village-marker')).toHaveCount(71);
	await expectNoSeriousViolations(page, 'home');
});

test('village page', async ({ page }) => {
	await page.goto('/desa/talang-bulang');
	await expectNoSeriousViolations(page, 'village page');
});

test('package page with its calendar', async ({ page }) => {
	await page.goto(`/paket/${PACKAGE}`);
	await expect(page.getByTestId('slot').first()).toBeVisible();
	await expectNoSeriousViolations(page, 'package page');
});

test('booking form, empty and with its field messages', async ({ page }) => {
	await page.goto(`/paket/${PACKAGE}/pesan?slot=${await openSlotId(page)}`);
	await expectNoSeriousViolations(page, 'booking form');
	await page.locator('form button[type=submit]:not([formaction])').click();
	await expect(page.locator('.field-error').first()).toBeVisible();
	await expectNoSeriousViolations(page, 'booking form with errors');
});

test('booking page behind the manage link', async ({ page }) => {
	const response = await page.request.post('/api/v1/bookings', {
		data: {
			slotId: await openSlotId(page),
			party: [{ category: 'dewasa', quantity: 1 }],
			contact: { name: 'Uji Aksesibilitas', phone: '0812-3456-7890', email: null },
			origin: { country: 'ID', province: '16' },
			language: 'id'
		}
	});
	expect(response.status()).toBe(201);
	const { manageUrl } = (await response.json()) as { manageUrl: string };
	await page.goto(new URL(manageUrl).pathname);
	await expectNoSeriousViolations(page, 'booking page');
});

test('village shop, its field messages and an order page', async ({ page }) => {
	await page.goto('/toko/talang-bulang');
	await expectNoSeriousViolations(page, 'village shop');
	await page.locator('form button[type=submit]').click();
	await expect(page.locator('.field-error').first()).toBeVisible();
	await expectNoSeriousViolations(page, 'village shop with errors');
	await page.getByLabel('Jumlah (bungkus)').first().fill('1');
	const tomorrow = new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10);
	await page.locator('input[name=pickupDate]').fill(tomorrow);
	await page.locator('input[name="contact.name"]').fill('Uji Aksesibilitas');
	await page.locator('input[name="contact.phone"]').fill('0812-3456-7890');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByTestId('order-code')).toBeVisible();
	await expectNoSeriousViolations(page, 'order page');
});

test('host "today" page', async ({ page }) => {
	await signIn(page, 'talangbulang@agrowisata.test');
	expect((await page.goto('/host/16.12.01.2001/hari-ini'))?.status()).toBe(200);
	await expectNoSeriousViolations(page, 'host today');
});

test('office statistics dashboard', async ({ page }) => {
	await signIn(page, 'dinas@agrowisata.test');
	expect((await page.goto('/office/statistik'))?.status()).toBe(200);
	await expectNoSeriousViolations(page, 'office dashboard');
});
