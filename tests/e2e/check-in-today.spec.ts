// A visit booked for later today, checked in by the host, shows in this month's visitor
// numbers at once. The sample packages close bookings 12 hours ahead, so the host first makes
// a walk-up package (no cut-off) and opens one session today, the office approves it, and a
// tourist books it: every step goes through the app as its users would.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from '../../playwright.config';

const VILLAGE = '16.12.01.1017';
const TITLE = `Jalan sore kebun lengkeng ${Date.now().toString(36)}`;

const WIB = 7 * 3_600_000;
const wibNow = () => new Date(Date.now() + WIB);
const pad = (n: number) => String(n).padStart(2, '0');

async function signIn(page: Page, email: string) {
	await page.context().clearCookies();
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Kata sandi').fill('agrowisata-demo');
	await page.getByRole('button', { name: 'Masuk' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

function post(page: Page, path: string, fields: [string, string][]) {
	return page.request.post(path, {
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		maxRedirects: 0,
		data: new URLSearchParams(fields).toString()
	});
}

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
	// A session 40 minutes from now, rounded to five minutes, must still be today in WIB.
	const start = new Date(Math.ceil((wibNow().getTime() + 40 * 60_000) / 300_000) * 300_000);
	const today = wibNow().toISOString().slice(0, 10);
	test.skip(
		start.toISOString().slice(0, 10) !== today,
		'within 45 minutes of midnight WIB no session can start later today'
	);
	const time = `${pad(start.getUTCHours())}:${pad(start.getUTCMinutes())}`;

	// The host makes a walk-up package; it goes to the office for review.
	await signIn(page, 'bhayangkara@agrowisata.test');
	const created = await post(page, `/host/${VILLAGE}/paket/baru?/create`, [
		['titleId', TITLE],
		['titleEn', 'Evening longan garden walk'],
		['descriptionId', 'Berjalan di kebun lengkeng bersama petani.'],
		['descriptionEn', 'A walk in the longan garden with a farmer.'],
		['durationMinutes', '60'],
		['minParty', '1'],
		['maxParty', '10'],
		['cutoffHours', '0'],
		['cancelHours', '0'],
		['bookingMode', 'instant'],
		['responseHours', '24'],
		...Array.from({ length: 12 }, (_, i): [string, string] => ['seasonMonths', String(i + 1)]),
		['categories.0.code', 'dewasa'],
		['categories.0.labelId', 'Dewasa'],
		['categories.0.labelEn', 'Adult'],
		['categories.0.priceIdr', '20000'],
		['categories.0.takesSeat', 'on'],
		['categories.0.ageGroup', 'adult'],
		['categories.0.active', 'on']
	]);
	expect(created.status(), await created.text()).toBe(303);
	const packageId = /terkirim=(\d+)/.exec(created.headers().location ?? '')?.[1];
	expect(packageId).toBeTruthy();

	// The office approves it.
	await signIn(page, 'dinas@agrowisata.test');
	await page.goto(`/office/tinjauan/${packageId}`);
	await page.getByRole('button', { name: 'Setujui dan terbitkan' }).click();
	await expect(page.getByText('Status: terbit')).toBeVisible();

	// The host opens one session today, through the schedule form.
	await signIn(page, 'bhayangkara@agrowisata.test');
	const saved = await post(page, `/host/${VILLAGE}/jadwal/${packageId}?/save`, [
		...Array.from({ length: 12 }, (_, i): [string, string] => ['seasonMonths', String(i + 1)]),
		['exceptions.0.date', today],
		['exceptions.0.capacity', '10'],
		['exceptions.0.startTimes', time],
		['exceptions.0.reason', 'Sesi sore']
	]);
	expect([200, 303], await saved.text()).toContain(saved.status());

	// A tourist books three adults for it.
	const { packages } = await (await page.request.get(`/api/v1/packages?village=${VILLAGE}`)).json();
	const slug = packages.find((p: { title: string }) => p.title === TITLE).slug;
	const { slots } = await (
		await page.request.get(`/api/v1/packages/${slug}/availability?from=${today}&to=${today}`)
	).json();
	expect(slots).toHaveLength(1);
	expect(slots[0]).toMatchObject({ startsAt: `${today}T${time}:00+07:00`, status: 'open' });
	const booked = await page.request.post('/api/v1/bookings', {
		data: {
			slotId: slots[0].id,
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
