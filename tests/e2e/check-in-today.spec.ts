// A visit booked for later today, checked in by the host, shows in this month's visitor
// numbers at once. The sample packages close bookings 12 hours ahead, so the host first makes
// a walk-up package (no cut-off) and opens one session today, the office approves it, and a
// tourist books it: every step goes through the app as its users would.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { signIn, walkUpSessionToday, wibNow } from './walk-up';

const VILLAGE = '16.12.01.1017';
const TITLE = `Jalan sore kebun lengkeng ${Date.now().toString(36)}`;

async function visitorsThisMonth(page: Page): Promise<number> {
	const month = wibNow().toISOString().slice(0, 7);
	const response = await page.request.get(`/api/v1/statistics/monthly?from=${month}&to=${month}`);
	expect(response.status()).toBe(200);
	const { rows } = (await response.json()) as {
		rows: { villageCode: string; total: number; booked: number }[];
	};
	return rows.find((row) => row.villageCode === VILLAGE)?.booked ?? 0;
}

test('a party booked for later today is checked in and counted in this month at once', async ({
	page
}) => {
	test.setTimeout(120_000);
	const session = await walkUpSessionToday(page, {
		village: VILLAGE,
		hostEmail: 'bhayangkara@agrowisata.test',
		titleId: TITLE,
		titleEn: 'Evening longan garden walk'
	});

	// A tourist books three adults for it.
	const booked = await page.request.post('/api/v1/bookings', {
		data: {
			slotId: session.slotId,
			party: [{ category: 'dewasa', quantity: 3 }],
			contact: { name: 'Rombongan Sore', phone: '081234567890', email: null },
			origin: { country: 'ID', province: '16' },
			language: 'id'
		}
	});
	expect(booked.status(), await booked.text()).toBe(201);
	const { code } = await booked.json();
	const before = await visitorsThisMonth(page);

	// Two of the three come: the host checks them in by typing the code.
	await page.goto(`/host/${VILLAGE}/check-in`);
	await page.getByLabel('Kode pemesanan').fill(code);
	await page.getByRole('button', { name: 'Cari' }).click();
	await page.getByLabel(/^Dewasa \(dipesan 3\)/).fill('2');
	await page.getByRole('button', { name: 'Simpan check-in' }).click();
	await expect(page.getByRole('status')).toContainText(`${code}: 2 orang tercatat datang.`);

	// This month's visitors who came with a booking grow by exactly the two who came, in the
	// open data at once and in the office's export.
	const after = await visitorsThisMonth(page);
	expect(after).toBe(before + 2);
	await signIn(page, 'dinas@agrowisata.test');
	await page.goto('/office/statistik');
	const downloading = page.waitForEvent('download');
	await page
		.locator('section[aria-labelledby="by-village"]')
		.getByRole('link', { name: 'Unduh CSV' })
		.click();
	const csv = await readFile((await (await downloading).path()) as string, 'utf8');
	const row = csv
		.split('\r\n')
		.map((line) => line.split(','))
		.find((cells) => cells[1] === VILLAGE);
	// Columns: … 11 dengan_pesanan (visitors who came with a booking) … 17 check_in.
	expect(Number(row?.[11])).toBe(after);
	expect(csv).not.toContain('Rombongan Sore');
});
