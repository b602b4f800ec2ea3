// The visit as an iCalendar file: attached to booking e-mails and offered as a download. Each
// file says where the booking stands (RFC 5545 STATUS): a request the host has not answered is
// TENTATIVE, a confirmed visit CONFIRMED, and one that will not happen CANCELLED. Every file of
// a booking has the same UID and a SEQUENCE that grows with each step, so a calendar that
// already holds the visit updates it, and marks it cancelled or removes it, instead of keeping
// a visit that is off. The files are published (METHOD:PUBLISH), not scheduling messages:
// METHOD:CANCEL belongs to invitations with an organizer and attendees (RFC 5546), which a
// booking has not.
import { createEvent } from 'ics';
import type { BookingStatus } from '../db/schema';

export type CalendarStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';

export interface CalendarBooking {
	code: string;
	status: CalendarStatus;
	packageTitle: string;
	villageName: string;
	startsAt: Date | string;
	endsAt: Date | string;
	manageUrl?: string;
	location?: { lat: number; lng: number };
	description?: string;
}

/** How the calendar says a booking's status: declined, expired and cancelled are all off. */
export function readCalendarStatus(status: BookingStatus): CalendarStatus {
	if (status === 'requested') return 'TENTATIVE';
	if (status === 'confirmed') return 'CONFIRMED';
	return 'CANCELLED';
}

// A booking only moves forward (requested, then confirmed, then off), so its status orders
// the versions of its file.
const SEQUENCE: Record<CalendarStatus, number> = { TENTATIVE: 0, CONFIRMED: 1, CANCELLED: 2 };

/** A stable UID lets a calendar replace the event when the file is opened again. */
export function buildCalendarUid(code: string): string {
	return `${code}@agrowisata-pali`;
}

export function writeCalendarFile(booking: CalendarBooking): string {
	// UTC times need no VTIMEZONE block, which some phone calendars mishandle.
	const { error, value } = createEvent({
		productId: 'agrowisata-pali/booking',
		method: 'PUBLISH',
		uid: buildCalendarUid(booking.code),
		sequence: SEQUENCE[booking.status],
		title: `${booking.packageTitle}, ${booking.villageName}`,
		description: booking.description ?? booking.manageUrl,
		location: booking.villageName,
		geo: booking.location ? { lat: booking.location.lat, lon: booking.location.lng } : undefined,
		url: booking.manageUrl,
		status: booking.status,
		start: new Date(booking.startsAt).getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: new Date(booking.endsAt).getTime(),
		endInputType: 'utc',
		endOutputType: 'utc'
	});
	if (error || !value) throw error ?? new Error('The calendar file came out empty.');
	return value;
}
