import { describe, expect, it } from 'vitest';
import { writeCalendarFile, readCalendarStatus } from '$lib/server/bookings/calendar-file';
import type { BookingStatus } from '$lib/server/db/schema';
import { drawQrSvg } from '$lib/server/qr';

const booking = {
	code: 'TB-7KX4Q2',
	status: 'CONFIRMED' as const,
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

describe('writeCalendarFile', () => {
	it('puts the visit in UTC with a stable UID, for publishing', () => {
		const calendar = unfold(writeCalendarFile(booking));
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
		expect(uid(writeCalendarFile(booking))).toBe(
			uid(writeCalendarFile({ ...booking, packageTitle: 'Pineapple picking' }))
		);
	});

	it('says where the booking stands, each later step with a higher SEQUENCE of the same UID', () => {
		const statuses: [BookingStatus, string, number][] = [
			['requested', 'TENTATIVE', 0],
			['confirmed', 'CONFIRMED', 1],
			['declined', 'CANCELLED', 2],
			['expired', 'CANCELLED', 2],
			['cancelled_by_tourist', 'CANCELLED', 2],
			['cancelled_by_host', 'CANCELLED', 2]
		];
		for (const [status, said, sequence] of statuses) {
			const calendar = unfold(
				writeCalendarFile({ ...booking, status: readCalendarStatus(status) })
			);
			expect(calendar.match(/^STATUS:.*$/gm), status).toEqual([`STATUS:${said}`]);
			expect(calendar.match(/^SEQUENCE:.*$/gm), status).toEqual([`SEQUENCE:${sequence}`]);
			expect(calendar).toContain('UID:TB-7KX4Q2@agrowisata-pali');
			// Published files, never an iTIP cancellation without organizer and attendees.
			expect(calendar).toContain('METHOD:PUBLISH');
		}
	});

	it('carries a description in the reader language when given one', () => {
		const calendar = unfold(
			writeCalendarFile({ ...booking, description: 'Booking code: TB-7KX4Q2' })
		);
		expect(calendar).toContain('DESCRIPTION:Booking code: TB-7KX4Q2');
	});
});

describe('drawQrSvg', () => {
	it('draws an SVG that can be inlined in a page', async () => {
		const svg = await drawQrSvg('TB-7KX4Q2');
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('viewBox');
		expect(svg).not.toContain('<?xml');
		expect(svg.trim().endsWith('</svg>')).toBe(true);
	});

	it('grows with the text it holds', async () => {
		const size = (svg: string) => Number(svg.match(/viewBox="0 0 (\d+)/)?.[1]);
		const short = await drawQrSvg('TB-7KX4Q2');
		const long = await drawQrSvg(`https://agrowisata.example/pesanan/TB-7KX4Q2/${'x'.repeat(40)}`);
		expect(size(long)).toBeGreaterThan(size(short));
	});
});
