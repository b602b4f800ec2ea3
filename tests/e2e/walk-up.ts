// A session later today, made through the app as its users would: the sample packages close
// bookings 12 hours ahead, so the host makes a walk-up package (no cut-off), the office
// approves it and the host opens one session today.
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from '../../playwright.config';

const WIB = 7 * 3_600_000;
export const wibNow = () => new Date(Date.now() + WIB);
const pad = (n: number) => String(n).padStart(2, '0');

export async function signIn(page: Page, email: string) {
	await page.context().clearCookies();
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Kata sandi').fill('agrowisata-demo');
	await page.getByRole('button', { name: 'Masuk' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** A form post as a browser without JavaScript makes it. */
export function post(page: Page, path: string, fields: [string, string][]) {
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

export interface WalkUpSession {
	slug: string;
	slotId: number;
	today: string;
	time: string;
}

/** The last start time of a day that still leaves ten minutes to book it. */
const LAST_START_MINUTE = 23 * 60 + 55;

/**
 * Opens a session later today at the village, about 40 minutes from now (at 23.55 WIB at the
 * latest), and returns it. In the last quarter of an hour before midnight WIB no session can
 * start later that day, so the test waits for the new day instead of skipping.
 */
export async function walkUpSessionToday(
	page: Page,
	options: { village: string; hostEmail: string; titleId: string; titleEn: string }
): Promise<WalkUpSession> {
	const minuteOfDay = (at: Date) => at.getUTCHours() * 60 + at.getUTCMinutes();
	if (minuteOfDay(wibNow()) > LAST_START_MINUTE - 11) {
		const untilTomorrow = (24 * 60 - minuteOfDay(wibNow())) * 60_000 + 30_000;
		test.setTimeout(test.info().timeout + untilTomorrow);
		await page.waitForTimeout(untilTomorrow);
	}
	const now = wibNow();
	const today = now.toISOString().slice(0, 10);
	const inForty = new Date(Math.ceil((now.getTime() + 40 * 60_000) / 300_000) * 300_000);
	const latest = new Date(`${today}T00:00:00Z`);
	latest.setUTCMinutes(LAST_START_MINUTE);
	const start = inForty < latest ? inForty : latest;
	const time = `${pad(start.getUTCHours())}:${pad(start.getUTCMinutes())}`;

	// The host makes a walk-up package; it goes to the office for review.
	await signIn(page, options.hostEmail);
	const created = await post(page, `/host/${options.village}/paket/baru?/create`, [
		['titleId', options.titleId],
		['titleEn', options.titleEn],
		['descriptionId', 'Berjalan di kebun bersama petani.'],
		['descriptionEn', 'A walk in the garden with a farmer.'],
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
	await signIn(page, options.hostEmail);
	const saved = await post(page, `/host/${options.village}/jadwal/${packageId}?/save`, [
		...Array.from({ length: 12 }, (_, i): [string, string] => ['seasonMonths', String(i + 1)]),
		['exceptions.0.date', today],
		['exceptions.0.capacity', '10'],
		['exceptions.0.startTimes', time],
		['exceptions.0.reason', 'Sesi sore']
	]);
	expect([200, 303], await saved.text()).toContain(saved.status());

	const { packages } = await (
		await page.request.get(`/api/v1/packages?village=${options.village}`)
	).json();
	const slug = packages.find((p: { title: string }) => p.title === options.titleId).slug;
	const { slots } = await (
		await page.request.get(`/api/v1/packages/${slug}/availability?from=${today}&to=${today}`)
	).json();
	expect(slots).toHaveLength(1);
	expect(slots[0]).toMatchObject({ startsAt: `${today}T${time}:00+07:00`, status: 'open' });
	return { slug, slotId: slots[0].id, today, time };
}
