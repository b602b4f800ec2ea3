import { describe, expect, it } from 'vitest';
import { escapeHtml, render, type TemplateName } from './index';

const booking = {
	code: 'TB-7KX4Q2',
	packageTitle: 'Petik nanas',
	villageName: 'Talang Bulang',
	startsAt: '2026-12-05T01:00:00.000Z',
	endsAt: '2026-12-05T04:00:00.000Z',
	people: 3,
	lines: [
		{ label: 'Dewasa', quantity: 2, unitPriceIdr: 25000 },
		{ label: 'Anak', quantity: 1, unitPriceIdr: 15000 }
	],
	totalIdr: 65000,
	manageUrl: 'https://agrowisata.example/pesanan/TB-7KX4Q2/secret',
	hostWhatsapp: '0812-3456-7890'
};

const bookingTemplates: TemplateName[] = [
	'booking_confirmed',
	'booking_requested',
	'booking_accepted',
	'booking_declined',
	'booking_cancelled',
	'booking_cancelled_by_host',
	'booking_reminder'
];

describe('render', () => {
	it('writes a confirmation in Indonesian with rupiah, WIB time and the host on WhatsApp', () => {
		const mail = render('booking_confirmed', 'id', booking);
		expect(mail.subject).toBe('Pemesanan TB-7KX4Q2 terkonfirmasi');
		expect(mail.text).toContain('Kode pemesanan: TB-7KX4Q2');
		expect(mail.text).toContain('Sabtu, 5 Desember 2026, pukul 08.00 WIB sampai 11.00 WIB');
		expect(mail.text).toContain('2 × Dewasa @ Rp 25.000');
		expect(mail.text).toContain('Total: Rp 65.000');
		expect(mail.text).toContain('https://wa.me/6281234567890');
		expect(mail.text).toContain(booking.manageUrl);
		expect(mail.html).toContain('<html lang="id">');
	});

	it('writes the same confirmation in English', () => {
		const mail = render('booking_confirmed', 'en', booking);
		expect(mail.subject).toBe('Booking TB-7KX4Q2 confirmed');
		expect(mail.text).toContain('Saturday, 5 December 2026, 08:00 WIB to 11:00 WIB');
		expect(mail.text).toContain('Total: IDR 65,000');
	});

	it('renders every booking template in both languages', () => {
		for (const template of bookingTemplates) {
			const id = render(template, 'id', booking);
			const en = render(template, 'en', booking);
			expect(id.subject).not.toBe(en.subject);
			expect(id.text).toContain('TB-7KX4Q2');
			expect(en.html).toContain('TB-7KX4Q2');
		}
	});

	it('attaches the visit while it is on, its cancellation once it is off, nothing to a request', () => {
		const statuses = Object.fromEntries(
			bookingTemplates.map((template) => {
				const [ics] = render(template, 'id', booking).attachments ?? [];
				return [template, ics && String(ics.content).match(/^STATUS:.*$/m)?.[0]];
			})
		);
		expect(statuses).toEqual({
			booking_confirmed: 'STATUS:CONFIRMED',
			booking_requested: undefined,
			booking_accepted: 'STATUS:CONFIRMED',
			booking_declined: 'STATUS:CANCELLED',
			booking_cancelled: 'STATUS:CANCELLED',
			booking_cancelled_by_host: 'STATUS:CANCELLED',
			booking_reminder: 'STATUS:CONFIRMED'
		});
		expect(render('booking_cancelled', 'en', booking).text).toContain(
			'open it to mark this visit cancelled in your calendar'
		);
		const [ics] = render('booking_reminder', 'en', booking).attachments ?? [];
		expect(ics.filename).toBe('TB-7KX4Q2.ics');
		expect(ics.contentType).toMatch(/^text\/calendar/);
		expect(ics.content).toContain('DTSTART:20261205T010000Z');
	});

	it('gives the host reason and offers another date when the host cancels', () => {
		const mail = render('booking_cancelled_by_host', 'id', {
			...booking,
			reason: 'Hujan deras, kebun banjir'
		});
		expect(mail.text).toContain('Alasan: Hujan deras, kebun banjir');
		expect(mail.text).toContain('tanggal lain');
		expect(mail.text).not.toContain('Total');
	});

	it('tells a requester when the host will answer', () => {
		const mail = render('booking_requested', 'en', {
			...booking,
			respondBy: '2026-12-03T05:30:00.000Z'
		});
		expect(mail.text).toContain('You will have an answer by Thursday, 3 December 2026, 12:30 WIB.');
	});

	it('accepts a cancellation that carries no lines and no manage link', () => {
		const mail = render('booking_cancelled', 'en', {
			...booking,
			lines: undefined,
			manageUrl: undefined
		});
		expect(mail.subject).toBe('Booking TB-7KX4Q2 cancelled');
		expect(mail.attachments?.map((file) => file.filename)).toEqual(['TB-7KX4Q2.ics']);
	});

	it('escapes what people typed before it reaches the HTML', () => {
		const mail = render('booking_declined', 'en', {
			...booking,
			packageTitle: 'Nanas <b>&</b> "madu"',
			reason: '<script>alert(1)</script>'
		});
		expect(mail.html).not.toContain('<script>');
		expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(mail.html).toContain('Nanas &lt;b&gt;&amp;&lt;/b&gt; &quot;madu&quot;');
		expect(mail.text).toContain('Reason: <script>alert(1)</script>');
	});

	it('writes invitations and password resets with the link and when it expires', () => {
		const invitation = render('invitation', 'id', {
			url: 'https://agrowisata.example/undangan/abc',
			expiresAt: '2026-12-10T10:00:00.000Z',
			name: 'Pak Darmo',
			villageName: 'Talang Bulang',
			role: 'host'
		});
		expect(invitation.subject).toBe('Undangan ke Agrowisata PALI');
		expect(invitation.text).toContain('Halo Pak Darmo,');
		expect(invitation.text).toContain('pengelola Talang Bulang');
		expect(invitation.text).toContain('https://agrowisata.example/undangan/abc');
		expect(invitation.text).toContain('Kamis, 10 Desember 2026, pukul 17.00 WIB');
		expect(invitation.html).toContain('href="https://agrowisata.example/undangan/abc"');

		const office = render('invitation', 'en', {
			url: 'https://agrowisata.example/undangan/def',
			expiresAt: '2026-12-10T10:00:00.000Z',
			role: 'office'
		});
		expect(office.text).toContain('tourism office staff');

		const reset = render('password_reset', 'en', {
			url: 'https://agrowisata.example/reset/xyz',
			expiresAt: '2026-12-10T10:00:00.000Z'
		});
		expect(reset.subject).toBe('Reset your Agrowisata PALI password');
		expect(reset.text).toContain('https://agrowisata.example/reset/xyz');
		expect(reset.text).toContain('17:00 WIB');
	});

	it('refuses a payload that lacks what the message needs', () => {
		expect(() => render('booking_confirmed', 'id', { code: 'TB-7KX4Q2' })).toThrow();
		expect(() => render('password_reset', 'id', { url: 'not a url', expiresAt: 'x' })).toThrow();
		expect(() => render('no_such_template' as TemplateName, 'id', booking)).toThrow(
			/no_such_template/
		);
	});
});

describe('escapeHtml', () => {
	it('escapes the five characters that matter in text and attributes', () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
			'&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
		);
	});
});
