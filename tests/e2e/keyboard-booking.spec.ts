// Booking pineapple picking with the keyboard alone: Tab to move, Enter to follow a link or send
// the form, Space for the checkbox, typing into fields and selects. No mouse at any point.
import { expect, test, type Page } from '@playwright/test';

/** Presses Tab until the focused element matches the selector; fails after a page's worth. */
async function tabTo(page: Page, selector: string) {
	for (let presses = 0; presses < 250; presses++) {
		await page.keyboard.press('Tab');
		const found = await page.evaluate(
			(wanted) => document.activeElement?.matches(wanted) ?? false,
			selector
		);
		if (found) return;
	}
	throw new Error(`Tab never reached ${selector}`);
}

test('a tourist books pineapple picking with the keyboard only', async ({ page }) => {
	await page.goto('/paket/petik-nanas-talang-bulang');

	// Months without an open slot are skipped with the "next month" link.
	for (let month = 0; ; month++) {
		const open = await page.locator('a.button[href*="/pesan?slot="]').count();
		if (open > 0) break;
		expect(month, 'an open slot within three months').toBeLessThan(3);
		await tabTo(page, 'a[rel="next"]');
		await Promise.all([page.waitForURL(/bulan=/), page.keyboard.press('Enter')]);
	}
	await tabTo(page, 'a[href*="/pesan?slot="]');
	await Promise.all([page.waitForURL(/\/pesan\?slot=\d+/), page.keyboard.press('Enter')]);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

	await tabTo(page, '#q-dewasa');
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowUp');
	await expect(page.locator('#q-dewasa')).toHaveValue('2');
	await expect(page.getByText(/orang · total/)).toContainText('70.000');

	await tabTo(page, '#name');
	await page.keyboard.type('Rina Keyboard');
	await page.keyboard.press('Tab');
	await expect(page.locator('#phone')).toBeFocused();
	await page.keyboard.type('0812 3456 7890');
	await page.keyboard.press('Tab');
	await expect(page.locator('#email')).toBeFocused();
	await page.keyboard.type('rina@example.com');

	// The country stays Indonesia; the province is picked by typing its name into the select.
	await tabTo(page, '#province');
	await page.keyboard.type('Sumatera Selatan');
	await expect(page.locator('#province')).toHaveValue('16');

	await tabTo(page, 'input[name="acceptPolicy"]');
	await page.keyboard.press('Space');
	await expect(page.locator('input[name=acceptPolicy]')).toBeChecked();

	await tabTo(page, 'button[type="submit"]:not([formaction])');
	await Promise.all([
		page.waitForURL(/\/pesanan\/[A-Z]{2}-[0-9A-Z]{6}\//),
		page.keyboard.press('Enter')
	]);
	await expect(page.locator('main')).toContainText(/[A-Z]{2}-[0-9A-Z]{6}/);
	await expect(page.locator('main')).toContainText('Rina Keyboard');
});
