import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openMailbox } from './mailbox';

const slug = 'petik-nanas-talang-bulang';
let mailbox: Awaited<ReturnType<typeof openMailbox>>;

test.beforeAll(async () => {
	mailbox = await openMailbox();
});
test.afterAll(() => mailbox.close());

test('a tourist books pineapple picking from the map, gets the ticket, and cancels', async ({
	page,
	request
}) => {
	test.setTimeout(90_000);
	// From the map to the package.
	await page.goto('/');
	await page.locator('path.village-marker.ovop').click();
	await page.locator('.leaflet-popup').getByRole('link', { name: 'Talang Bulang' }).click();
	await page.getByRole('link', { name: 'Petik nanas di kebun' }).click();
	await expect(page).toHaveURL(new RegExp(`/paket/${slug}$`));

	// The first open slot that can still be cancelled (24 hours before it starts): one inside
	// that window would be booked but not cancelled, and which one that is depends on the hour.
	const availability = async () => {
		const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		const to = new Date(Date.now() + 80 * 86_400_000).toISOString().slice(0, 10);
		const response = await request.get(
			`/api/v1/packages/${slug}/availability?from=${from}&to=${to}`
		);
		return (await response.json()).slots as {
			id: number;
			startsAt: string;
			status: string;
			seatsLeft: number;
		}[];
	};
	const cancellableFrom = Date.now() + 26 * 3_600_000;
	const slot = (await availability()).find(
		(s) => s.status === 'open' && s.seatsLeft >= 3 && Date.parse(s.startsAt) > cancellableFrom
	);
	expect(slot, 'an open slot more than a day ahead').toBeDefined();
	const slotId = slot!.id;
	const seatsLeft = async () => (await availability()).find((s) => s.id === slotId)!.seatsLeft;
	const before = slot!.seatsLeft;
	// It may be next month: the calendar's "next month" link goes there.
	const bookLink = page.locator(`a[href$="/pesan?slot=${slotId}"]`);
	for (let months = 0; (await bookLink.count()) === 0; months++) {
		expect(months, 'the slot within three months').toBeLessThan(3);
		const next = page.locator('a[rel="next"]');
		const month = (await next.getAttribute('href'))!.split('bulan=')[1];
		await next.click();
		await page.waitForURL(new RegExp(`bulan=${month}$`));
	}
	await bookLink.click();

	// More than a day ahead: nothing says it could not be cancelled online.
	await expect(page.getByTestId('cancel-closed')).toHaveCount(0);
	// The form shows the total before sending.
	await page.getByLabel(/^Dewasa/).fill('2');
	await page.getByLabel(/^Anak/).fill('1');
	await expect(page.getByText('3 orang · total Rp 90.000')).toBeVisible();
	await page.getByLabel('Nama').fill('Rina Marlina');
	await page.getByLabel('Nomor WhatsApp').fill('0812 7777 1234');
	await page.getByLabel('E-mail (tidak wajib)').fill('rina@example.test');
	await page.getByLabel('Provinsi').selectOption({ label: 'Sumatera Selatan' });
	await page.getByRole('checkbox').check();
	await page.getByRole('button', { name: 'Pesan sekarang' }).click();

	// The ticket: code, QR, total, calendar file.
	const code = (await page.getByTestId('booking-code').textContent())!.trim();
	expect(code).toMatch(/^TB-[2-9A-HJKMNP-Z]{6}$/);
	await expect(page.getByRole('img', { name: `Kode QR untuk pemesanan ${code}` })).toBeVisible();
	await expect(page.getByTestId('booking-total')).toHaveText('Rp 90.000');
	await expect(page.getByTestId('booking-status')).toHaveText('Pasti');
	expect(await seatsLeft()).toBe(before - 3);

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Simpan ke kalender (.ics)' }).click();
	const ics = await readFile((await (await download).path())!, 'utf8');
	expect(ics).toContain(`UID:${code}@agrowisata-pali`);
	expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);

	// The confirmation e-mail arrives through SMTP, in Indonesian, with the code.
	const mail = await mailbox.waitFor('rina@example.test', new RegExp(code));
	expect(mail.raw).toMatch(/text\/calendar/);

	// Cancel through the manage link: the seats come back on the calendar at once.
	await page.getByRole('button', { name: 'Batalkan pemesanan ini' }).click();
	await expect(page.getByText('Pemesanan dibatalkan. Kursinya sudah dikembalikan.')).toBeVisible();
	await expect(page.getByTestId('booking-status')).toHaveText('Dibatalkan oleh Anda');
	expect(await seatsLeft()).toBe(before);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the booking form explains bad input at each field and keeps what was typed', async ({
		page
	}) => {
		await page.goto(`/paket/${slug}`);
		// At the end of a month its last open slot may be gone: the next month has some.
		const bookLinks = page.getByTestId('slot').getByRole('link');
		if ((await bookLinks.count()) === 0) await page.locator('a[rel="next"]').click();
		await bookLinks.first().click();
		await page.getByLabel(/^Dewasa/).fill('2');
		await page.getByRole('button', { name: 'Hitung total' }).click();
		await expect(page.getByText('2 orang · total Rp 70.000')).toBeVisible();
		await page.getByLabel('Nama').fill('Rina');
		await page.getByLabel('Nomor WhatsApp').fill('12345');
		await page.getByRole('button', { name: 'Pesan sekarang' }).click();
		await expect(page.getByText(/Nomor telepon tidak valid/)).toBeVisible();
		await expect(page.getByText('Pilih provinsi asal pengunjung Indonesia.')).toBeVisible();
		await expect(page.getByText(/Setujui ketentuan pembatalan/)).toBeVisible();
		await expect(page.getByLabel('Nama')).toHaveValue('Rina');
		await expect(page.getByLabel(/^Dewasa/)).toHaveValue('2');
	});
});
