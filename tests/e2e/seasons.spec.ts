// Harvest seasons on a phone: the Bhayangkara host closes this month for longan picking (late
// fruit); a tourist finds the package out of season, sees when the season starts again and asks
// to be told; a second one changes their mind through the link in the confirmation, a third
// through their mail program's one-click button; the host opens the month again and only the
// first tourist's e-mail arrives.
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { decode, openMailbox } from './mailbox';

const VILLAGE = '16.12.01.1017';
const SLUG = 'petik-lengkeng-pasar-bhayangkara';

let mailbox: Awaited<ReturnType<typeof openMailbox>>;

test.beforeAll(async () => {
	mailbox = await openMailbox();
});
test.afterAll(() => mailbox.close());

/** "November 2026": a Jakarta month as the pages name it, `offset` months from this one. */
function monthName(offset = 0): string {
	const [year, month] = new Date(Date.now() + 7 * 3_600_000)
		.toISOString()
		.slice(0, 7)
		.split('-')
		.map(Number);
	return new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' })
		.format(Date.UTC(year, month - 1 + offset, 15))
		.replace(/^\w/, (first) => first.toUpperCase());
}

test('a host opens the season early and the tourist waiting for it is told once', async ({
	page
}) => {
	test.setTimeout(120_000);
	const stamp = Date.now();
	const waiting = `menunggu-${stamp}@example.test`;
	const changedMind = `batal-${stamp}@example.test`;
	const oneClick = `satu-klik-${stamp}@example.test`;

	await page.goto('/login');
	await page.getByLabel('E-mail').fill('bhayangkara@agrowisata.test');
	await page.getByLabel('Kata sandi').fill('agrowisata-demo');
	await page.getByRole('button', { name: 'Masuk' }).click();
	await expect(page).toHaveURL(new RegExp(`/host/${VILLAGE}/`));

	// The host closes this month from the availability editor.
	await page.goto(`/host/${VILLAGE}/jadwal`);
	await page.getByRole('link', { name: 'Petik lengkeng' }).click();
	await page.getByRole('link', { name: 'Buka atau tutup musim per bulan' }).click();
	await expect(page).toHaveURL(/\/jadwal\/\d+\/musim$/);
	const seasonUrl = page.url();
	await page.getByLabel(monthName()).uncheck();
	await page.getByRole('button', { name: 'Simpan musim' }).click();
	await expect(page.getByRole('status')).toContainText('Musim tersimpan');
	await expect(page.getByLabel(monthName())).not.toBeChecked();

	// The package page says when the season starts again, instead of an empty calendar.
	await page.goto(`/paket/${SLUG}`);
	const notice = page.getByTestId('season-notice');
	await expect(notice).toContainText('Di luar musim.');
	await expect(notice).toContainText(`Musim petik berikutnya mulai ${monthName(1)}.`);
	await expect(notice.getByRole('link', { name: `Lihat jadwal ${monthName(1)}` })).toHaveAttribute(
		'href',
		/\?bulan=\d{4}-\d{2}$/
	);
	await expect(page.getByTestId('slot')).toHaveCount(0);

	// A bad address is answered at the field; a good one gets a confirmation.
	const email = page.getByLabel('Alamat e-mail');
	await email.fill('bukan-alamat');
	await page.getByRole('button', { name: 'Kabari saya' }).click();
	await expect(page.getByText('Alamat e-mail tidak valid.')).toBeVisible();
	await expect(email).toHaveAttribute('aria-invalid', 'true');
	await email.fill(waiting);
	await page.getByRole('button', { name: 'Kabari saya' }).click();
	await expect(page.getByRole('status')).toContainText(`Kami akan mengabari ${waiting}`);
	const confirmation = await mailbox.waitFor(waiting, /Kami akan mengabari Anda: Petik lengkeng/);
	expect(decode(confirmation.raw)).toMatch(/\/kabar-musim\/[A-Za-z0-9_-]{43}/);

	// A second tourist subscribes, then stops through the link in their confirmation.
	await page.reload();
	await page.getByLabel('Alamat e-mail').fill(changedMind);
	await page.getByRole('button', { name: 'Kabari saya' }).click();
	await expect(page.getByRole('status')).toContainText(changedMind);
	const second = await mailbox.waitFor(changedMind, /kabar-musim/);
	const unsubscribe = decode(second.raw).match(/https?:\/\/[^\s"<>]+\/kabar-musim\/[\w-]{43}/);
	expect(unsubscribe).not.toBeNull();
	await page.goto(new URL(unsubscribe![0]).pathname);
	await page.getByRole('button', { name: 'Berhenti dan hapus alamat saya' }).click();
	await expect(page.getByRole('status')).toContainText('Alamat e-mail Anda sudah dihapus');

	// A third stops with their mail program's own button (RFC 8058): a POST from its servers,
	// without an Origin, to the link in the List-Unsubscribe header.
	await page.goto(`/paket/${SLUG}`);
	await page.getByLabel('Alamat e-mail').fill(oneClick);
	await page.getByRole('button', { name: 'Kabari saya' }).click();
	await expect(page.getByRole('status')).toContainText(oneClick);
	const third = decode((await mailbox.waitFor(oneClick, /kabar-musim/)).raw);
	expect(third).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
	const listUnsubscribe = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(third)?.[1];
	expect(listUnsubscribe).toMatch(/\/kabar-musim\/[\w-]{43}$/);
	const mailProgram = await playwrightRequest.newContext();
	const unsubscribed = await mailProgram.post(
		new URL(new URL(listUnsubscribe!).pathname, page.url()).href,
		{
			form: { 'List-Unsubscribe': 'One-Click' },
			maxRedirects: 0
		}
	);
	expect(unsubscribed.status()).toBe(200);
	// Any other form without this site's Origin is still refused.
	const foreign = await mailProgram.post(new URL(page.url()).origin + '/login', {
		form: { email: 'dinas@agrowisata.test', password: 'agrowisata-demo' },
		maxRedirects: 0
	});
	expect(foreign.status()).toBe(403);
	await mailProgram.dispose();

	// The fruit is ripe after all: the host opens this month again.
	await page.goto(seasonUrl);
	await page.getByLabel(monthName()).check();
	await page.getByRole('button', { name: 'Simpan musim' }).click();
	await expect(page.getByRole('status')).toContainText(
		'1 orang yang menunggu musim ini diberi tahu'
	);

	const opened = await mailbox.waitFor(waiting, /Sudah musim: Petik lengkeng/);
	expect(decode(opened.raw)).toContain(`/paket/${SLUG}`);
	// The outbox sends both in one batch: had the second been queued, it would be here by now.
	await page.waitForTimeout(1_000);
	const seasonMails = (to: string) =>
		mailbox.received.filter((mail) => mail.to.includes(to) && /Sudah musim/.test(decode(mail.raw)));
	expect(seasonMails(waiting)).toHaveLength(1);
	expect(seasonMails(changedMind)).toHaveLength(0);
	expect(seasonMails(oneClick)).toHaveLength(0);

	// In season again: the calendar is back, with no form to wait.
	await page.goto(`/paket/${SLUG}`);
	await expect(page.getByTestId('season-notice')).toHaveCount(0);
	await expect(page.getByLabel('Alamat e-mail')).toHaveCount(0);
});
