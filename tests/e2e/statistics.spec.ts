// The office watches this month's visitors: a party booked through the API and checked in by
// the Talang Bulang host shows up on the dashboard and in the CSV at once.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';

const VILLAGE = '16.12.01.2001';
const SLUG = 'petik-nanas-talang-bulang';

function jakartaDate(offsetDays = 0): string {
	return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function signIn(page: Page, email: string) {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Kata sandi').fill('agrowisata-demo');
	await page.getByRole('button', { name: 'Masuk' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** This month's visitors to Talang Bulang as the office dashboard shows them. */
async function visitorsShown(page: Page): Promise<number> {
	await page.goto(`/office/statistik?desa=${VILLAGE}`);
	const cell = page.getByTestId('stats-compare').locator('tr[data-measure="visitors"] td').first();
	return Number((await cell.innerText()).replace(/\D/g, ''));
}

/** Books today's first open slot and checks the party in through the host's page. */
async function checkInToday(browser: Browser, page: Page): Promise<number | undefined> {
	const today = jakartaDate();
	const response = await page.request.get(
		`/api/v1/packages/${SLUG}/availability?from=${today}&to=${today}`
	);
	const { slots } = (await response.json()) as {
		slots: { id: number; status: string; seatsLeft: number }[];
	};
	const slot = slots.find((s) => s.status === 'open' && s.seatsLeft >= 3);
	if (!slot) return undefined;
	const booked = await page.request.post('/api/v1/bookings', {
		data: {
			slotId: slot.id,
			party: [
				{ category: 'dewasa', quantity: 2 },
				{ category: 'anak', quantity: 1 }
			],
			contact: { name: 'Rombongan Statistik', phone: '081234567890', email: 'stat@example.test' },
			origin: { country: 'ID', province: '16' },
			language: 'id'
		}
	});
	expect(booked.status(), await booked.text()).toBe(201);
	const { code } = (await booked.json()) as { code: string };
	const host = await browser.newContext();
	const hostPage = await host.newPage();
	await signIn(hostPage, 'talangbulang@agrowisata.test');
	await hostPage.goto(`/host/${VILLAGE}/check-in`);
	await hostPage.getByLabel('Kode pemesanan').fill(code);
	await hostPage.getByRole('button', { name: 'Cari' }).click();
	await hostPage.getByLabel(/^Dewasa \(dipesan 2\)/).fill('1');
	await hostPage.getByRole('button', { name: 'Simpan check-in' }).click();
	await expect(hostPage.getByRole('status')).toContainText(`${code}: 2 orang tercatat datang.`);
	await host.close();
	return 2;
}

test('the office sees a checked-in party in this month and downloads the CSV', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'dinas@agrowisata.test');
	const before = await visitorsShown(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statistik pengunjung');
	await expect(page.getByText(/bulan kunjungan/).first()).toBeVisible();

	const came = await checkInToday(browser, page);
	if (came === undefined) {
		test.info().annotations.push({
			type: 'note',
			description: 'no slot of today was bookable now, so no check-in could be counted'
		});
	}
	const after = await visitorsShown(page);
	expect(after).toBe(before + (came ?? 0));

	const month = jakartaDate().slice(0, 7);
	const downloading = page.waitForEvent('download');
	await page
		.locator('section[aria-labelledby="by-village"]')
		.getByRole('link', { name: 'Unduh CSV' })
		.click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(`statistik-desa-${month}.csv`);
	const csv = await readFile((await download.path()) as string, 'utf8');
	const lines = csv.split('\r\n');
	expect(lines[0]).toBe(
		'\uFEFFbulan,kode_desa,desa,kode_kecamatan,kecamatan,wisnus,wisman,total,dewasa,anak,bayi,dengan_pesanan,tanpa_pesanan,pendapatan_idr,pesanan,orang_dipesan,menunggu,check_in,tidak_datang,batal_wisatawan,batal_pengelola,ditolak_kedaluwarsa'
	);
	expect(lines).toHaveLength(3);
	const cells = lines[1].split(',');
	expect(cells.slice(0, 5)).toEqual([month, VILLAGE, 'Talang Bulang', '16.12.01', 'Talang Ubi']);
	expect(Number(cells[7])).toBe(after);
	expect(csv).not.toContain('Rombongan Statistik');
	expect(csv).not.toContain('stat@example.test');

	// A malformed month gets its message at the field and the page still works.
	await page.goto('/office/statistik?bulan=2026-13&desa=99.99');
	await expect(page.locator('#bulan-problem')).toHaveText(
		'Tulis bulan sebagai TTTT-BB, misalnya 2026-12.'
	);
	await expect(page.locator('#desa-problem')).toHaveText(
		'Desa itu tidak dikenal; semua desa ditampilkan.'
	);
});

/** The numbers of one column of a table's body, as the page writes them. */
async function column(page: Page, testId: string, cell: number): Promise<string[]> {
	return page
		.getByTestId(testId)
		.locator(`tbody tr > :nth-child(${cell + 1})`)
		.allTextContents();
}

test('the dashboard draws its charts on the server, for phones without JavaScript', async ({
	page,
	browser
}) => {
	await signIn(page, 'dinas@agrowisata.test');
	const raw = await page.request.get('/office/statistik');
	expect(raw.status()).toBe(200);
	expect(await raw.text()).not.toContain('<script');

	const context = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await page.context().storageState()
	});
	const noJs = await context.newPage();
	await noJs.goto('/office/statistik');
	const chart = (section: string) =>
		noJs.locator(`section[aria-labelledby="${section}"]`).getByRole('img');

	// Visitors over time: a dot per month of the table and a line through all of them.
	const months = await column(noJs, 'stats-series', 0);
	expect(months).toHaveLength(13);
	await expect(chart('over-time').locator('.dot')).toHaveCount(13);
	const line = await chart('over-time').locator('path.line').getAttribute('d');
	expect(line?.split('L')).toHaveLength(13);

	// The map: a circle per village, each named with the visitors its table row gives.
	const villages = (await (await page.request.get('/api/v1/villages')).json()) as {
		features: unknown[];
	};
	const map = chart('by-village');
	await expect(map.locator('circle')).toHaveCount(villages.features.length);
	const titles = await map.locator('circle title').allTextContents();
	const shown = new Map(titles.map((title) => [title.replace(/: [\d.]+$/, ''), title]));
	const names = await column(noJs, 'stats-villages', 0);
	const totals = await column(noJs, 'stats-villages', 9);
	names.forEach((name, i) => expect(shown.get(name)).toBe(`${name}: ${totals[i]}`));
	const visited = totals.filter((total) => total !== '0').length;
	await expect(map.locator('circle.visited')).toHaveCount(visited);
	expect(titles.filter((title) => !title.endsWith(': 0'))).toHaveLength(visited);

	// Visitors by kecamatan: a bar per row with the table's total written at its end.
	const districts = await column(noJs, 'stats-districts', 0);
	expect(districts.length).toBeGreaterThan(0);
	await expect(chart('by-district').locator('rect')).toHaveCount(districts.length);
	expect(await chart('by-district').locator('.value').allTextContents()).toEqual(
		await column(noJs, 'stats-districts', 8)
	);
	await context.close();
});

test('the public open-data page and API answer without signing in', async ({ page, request }) => {
	const raw = await request.get('/data');
	expect(await raw.text()).not.toContain('<script');
	await page.goto('/data');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data terbuka pengunjung');
	const months = await column(page, 'open-data-months', 0);
	expect(months.length).toBeGreaterThan(0);
	await expect(
		page.locator('section[aria-labelledby="per-month"]').getByRole('img').locator('.dot')
	).toHaveCount(months.length);
	const ok = await request.get('/api/v1/statistics/monthly?from=2026-01&to=2026-02');
	expect(ok.status()).toBe(200);
	expect(((await ok.json()) as { rows: unknown[] }).rows).toHaveLength(2 * 71);
	const bad = await request.get('/api/v1/statistics/monthly?from=2020-01&to=2026-02');
	expect(bad.status()).toBe(422);
	expect(await bad.json()).toEqual({
		error: 'invalid',
		message: expect.any(String),
		fields: { from: 'Rentang paling panjang 36 bulan.' }
	});
});
