import { describe, expect, it } from 'vitest';
import { bookingCalendarFile } from '$lib/server/calendar-file';
import { qrSvg } from '$lib/server/qr';

const booking = {
	code: 'TB-7KX4Q2',
	packageTitle: 'Petik nanas',
	villageName: 'Talang Bulang',
	// 08:00 to 11:00 WIB (UTC+7).
	startsAt: '2026-12-05T08:00:00+07:00',
	endsAt: new Date('2026-12-05T04:00:00Z'),
	manageUrl: 'https://agrowisata.example/pesanan/TB-7KX4Q2/secret',
	location: { lat: -3.2345, lng: 104.0567 }
};

/** Unfolds iCalendar content lines (RFC 5545 §3.1) so long values can be matched whole. */
function unfold(calendar: string): string {
	return calendar.replace(/\r?\n[ \t]/g, '');
}

describe('bookingCalendarFile', () => {
	it('puts the visit in UTC with a stable UID, for publishing', () => {
		const calendar = unfold(bookingCalendarFile(booking));
		expect(calendar).toMatch(/^BEGIN:VCALENDAR/);
		expect(calendar).toContain('METHOD:PUBLISH');
		expect(calendar).toContain('UID:TB-7KX4Q2@agrowisata-pali');
		expect(calendar).toContain('DTSTART:20261205T010000Z');
		expect(calendar).toContain('DTEND:20261205T040000Z');
		expect(calendar).toContain('SUMMARY:Petik nanas\\, Talang Bulang');
		expect(calendar).toContain('URL:https://agrowisata.example/pesanan/TB-7KX4Q2/secret');
		expect(calendar).toContain('GEO:-3.2345;104.0567');
		expect(calendar).not.toContain('TZID');
	});

	it('gives the same event the same UID every time it is made', () => {
		const uid = (text: string) => text.match(/^UID:.*$/m)?.[0];
		expect(uid(bookingCalendarFile(booking))).toBe(
			uid(bookingCalendarFile({ ...booking, packageTitle: 'Pineapple picking' }))
		);
	});

	it('carries a description in the reader language when given one', () => {
		const calendar = unfold(
			bookingCalendarFile({ ...booking, description: 'Booking code: TB-7KX4Q2' })
		);
		expect(calendar).toContain('DESCRIPTION:Booking code: TB-7KX4Q2');
	});
});

describe('qrSvg', () => {
	it('draws an SVG that can be inlined in a page', async () => {
		const svg = await qrSvg('TB-7KX4Q2');
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('viewBox');
		expect(svg).not.toContain('<?xml');
		expect(svg.trim().endsWith('</svg>')).toBe(true);
	});

	it('grows with the text it holds', async () => {
		const size = (svg: string) => Number(svg.match(/viewBox="0 0 (\d+)/)?.[1]);
		const short = await qrSvg('TB-7KX4Q2');
		const long = await qrSvg(`https://agrowisata.example/pesanan/TB-7KX4Q2/${'x'.repeat(40)}`);
		expect(size(long)).toBeGreaterThan(size(short));
	});
});
