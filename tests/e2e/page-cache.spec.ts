// The public pages kept for visitors who are not signed in (src/lib/server/http/page-cache.ts): the
// same bytes for everyone, revalidated by ETag, renewed by any write, never kept for someone
// signed in.
import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext
} from '@playwright/test';
import { baseURL } from '../../playwright.config';

const PACKAGE = 'petik-nanas-talang-bulang';

function jakartaDate(offsetDays: number): string {
	return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A slot a month or two ahead, where the other specs do not book. */
async function distantSlot(request: APIRequestContext) {
	const response = await request.get(
		`/api/v1/packages/${PACKAGE}/availability?from=${jakartaDate(35)}&to=${jakartaDate(60)}`
	);
	const { slots } = (await response.json()) as {
		slots: { id: number; seatsLeft: number; status: string; startsAt: string }[];
	};
	const slot = slots.filter((each) => each.status === 'open' && each.seatsLeft >= 5).at(-1);
	expect(slot, 'an open slot 35 to 60 days ahead').toBeDefined();
	return slot!;
}

/** The status line the package calendar shows for one slot. */
function slotStatus(html: string, slotId: number): string | undefined {
	const item = html.split('data-testid="slot"').find((part) => part.includes(`?slot=${slotId}"`));
	return item?.match(/<span class="status[^"]*">([^<]*)<\/span>/)?.[1];
}

test('a package page is kept for anonymous visitors and renewed by a booking', async ({
	request
}) => {
	const slot = await distantSlot(request);
	const path = `/paket/${PACKAGE}?bulan=${slot.startsAt.slice(0, 7)}`;

	const first = await request.get(path);
	expect(first.status()).toBe(200);
	const kept = await request.get(path);
	expect(kept.headers()['x-page-cache']).toBe('hit');
	expect(await kept.text()).toBe(await first.text());
	expect(slotStatus(await kept.text(), slot.id)).toBe(`${slot.seatsLeft} kursi tersisa`);
	// The security headers are set on a kept page as on a fresh one.
	expect(kept.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
	expect(kept.headers()['x-content-type-options']).toBe('nosniff');

	// A phone that has the page already is told so in a few bytes.
	const revalidated = await request.get(path, {
		headers: { 'if-none-match': kept.headers()['etag'] }
	});
	expect(revalidated.status()).toBe(304);

	// A refused write changes nothing and keeps the page; a booking renews it at once.
	const refused = await request.post('/api/v1/bookings', { data: { slotId: slot.id } });
	expect(refused.status()).toBe(422);
	expect((await request.get(path)).headers()['x-page-cache']).toBe('hit');
	const booked = await request.post('/api/v1/bookings', {
		data: {
			slotId: slot.id,
			party: [{ category: 'dewasa', quantity: 3 }],
			contact: { name: 'Uji Halaman', phone: '081234567890', email: 'halaman@example.test' },
			origin: { country: 'ID', province: '16' },
			language: 'id'
		}
	});
	expect(booked.status(), await booked.text()).toBe(201);
	const renewed = await request.get(path);
	expect(renewed.headers()['x-page-cache']).toBe('miss');
	expect(slotStatus(await renewed.text(), slot.id)).toBe(`${slot.seatsLeft - 3} kursi tersisa`);
});

test('a signed-in host is never served a kept page', async ({ request }) => {
	// The anonymous copy of the home page, kept.
	await request.get('/');
	expect((await request.get('/')).headers()['x-page-cache']).toBe('hit');

	const host = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' }
	});
	const signedIn = await host.post('/login', {
		form: { email: 'talangbulang@agrowisata.test', password: 'agrowisata-demo' },
		maxRedirects: 0
	});
	expect(signedIn.status()).toBe(303);
	const home = await host.get('/');
	expect(home.headers()['x-page-cache']).toBeUndefined();
	expect(await home.text()).toContain('href="/host"');
	// Signing in was a write: the anonymous copy was renewed without the host's header.
	const anonymous = await request.get('/');
	expect(anonymous.headers()['x-page-cache']).toBe('miss');
	expect(await anonymous.text()).not.toContain('href="/host"');
	await host.dispose();
});
