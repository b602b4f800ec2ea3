import { expect, test } from '@playwright/test';
import { loadContract, type Contract } from './openapi';

// Every response below is checked against the OpenAPI document the server publishes.
let contract: Contract;
const conforms: Contract['conforms'] = (...args) => contract.conforms(...args);

const slug = 'petik-nanas-talang-bulang';
const day = (offset: number) =>
	new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function bookingBody(slotId: number, adults: number) {
	return {
		slotId,
		party: [{ category: 'dewasa', quantity: adults }],
		contact: { name: 'API Partner', phone: '+6281299990000', email: null },
		origin: { country: 'MY', province: null },
		language: 'en'
	};
}

test.beforeAll(async ({ request }) => {
	contract = await loadContract(request);
});

test('reading villages, packages and availability matches the documented shapes', async ({
	request
}) => {
	const villages = await conforms('/villages', 'get', await request.get('/api/v1/villages'));
	expect(villages.features).toHaveLength(71);

	const packages = await conforms(
		'/packages',
		'get',
		await request.get('/api/v1/packages?village=16.12.01.2001')
	);
	expect(packages.packages.map((p: { slug: string }) => p.slug)).toContain(slug);
	await conforms('/packages', 'get', await request.get('/api/v1/packages?village=%3Cscript%3E'));

	const path = '/packages/{slug}/availability';
	const slots = await conforms(
		path,
		'get',
		await request.get(`/api/v1/packages/${slug}/availability?from=${day(0)}&to=${day(30)}`)
	);
	expect(slots.slots.length).toBeGreaterThan(10);
	await conforms(
		path,
		'get',
		await request.get(`/api/v1/packages/${slug}/availability?from=${day(30)}&to=${day(0)}`)
	);
	await conforms(
		path,
		'get',
		await request.get(`/api/v1/packages/no-such-package/availability?from=${day(0)}&to=${day(1)}`)
	);
});

test('booking, replaying, refusing, reading and cancelling match the document', async ({
	request
}) => {
	const { slots } = await (
		await request.get(`/api/v1/packages/${slug}/availability?from=${day(20)}&to=${day(60)}`)
	).json();
	const slot = slots.find(
		(s: { status: string; seatsLeft: number }) => s.status === 'open' && s.seatsLeft === 25
	);
	const headers = { 'Idempotency-Key': `api-spec-${Date.now()}` };

	const created = await request.post('/api/v1/bookings', {
		data: bookingBody(slot.id, 20),
		headers
	});
	expect(created.status()).toBe(201);
	const booking = await conforms('/bookings', 'post', created);
	expect(booking).toMatchObject({ status: 'confirmed', seats: 20, totalIdr: 700000 });

	const replay = await request.post('/api/v1/bookings', {
		data: bookingBody(slot.id, 20),
		headers
	});
	expect((await conforms('/bookings', 'post', replay)).code).toBe(booking.code);
	const reused = await request.post('/api/v1/bookings', { data: bookingBody(slot.id, 3), headers });
	expect((await conforms('/bookings', 'post', reused)).error).toBe('idempotency_key_reused');

	const full = await request.post('/api/v1/bookings', { data: bookingBody(slot.id, 10) });
	expect(await conforms('/bookings', 'post', full)).toEqual({
		error: 'not_enough_seats',
		message: expect.any(String),
		seatsLeft: 5
	});
	const invalid = await request.post('/api/v1/bookings', {
		data: { ...bookingBody(slot.id, 2), contact: { name: '', phone: 'call me' } }
	});
	expect((await conforms('/bookings', 'post', invalid)).fields).toMatchObject({
		'contact.name': expect.any(String),
		// The API has no localized URL: its messages are in Indonesian, the base language.
		'contact.phone': expect.stringMatching(/^Nomor telepon tidak valid\./)
	});
	const notJson = await request.post('/api/v1/bookings', {
		data: Buffer.from('{"slotId":'),
		headers: { 'content-type': 'application/json' }
	});
	expect((await conforms('/bookings', 'post', notJson)).error).toBe('bad_json');

	const secret = new URL(booking.manageUrl).pathname.split('/').pop();
	const auth = { Authorization: `Bearer ${secret}` };
	const read = await conforms(
		'/bookings/{code}',
		'get',
		await request.get(`/api/v1/bookings/${booking.code}`, { headers: auth })
	);
	expect(read).toMatchObject({ code: booking.code, people: 20, totalIdr: 700000 });
	const wrong = await request.get(`/api/v1/bookings/${booking.code}`, {
		headers: { Authorization: `Bearer ${'A'.repeat(32)}` }
	});
	expect(wrong.status()).toBe(404);
	await conforms('/bookings/{code}', 'get', wrong);

	const cancelled = await request.post(`/api/v1/bookings/${booking.code}/cancel`, {
		headers: auth
	});
	expect((await conforms('/bookings/{code}/cancel', 'post', cancelled)).status).toBe(
		'cancelled_by_tourist'
	);
	const again = await request.post(`/api/v1/bookings/${booking.code}/cancel`, { headers: auth });
	expect((await conforms('/bookings/{code}/cancel', 'post', again)).error).toBe('not_active');

	const after = await (
		await request.get(`/api/v1/packages/${slug}/availability?from=${day(20)}&to=${day(60)}`)
	).json();
	expect(after.slots.find((s: { id: number }) => s.id === slot.id).seatsLeft).toBe(25);
});
