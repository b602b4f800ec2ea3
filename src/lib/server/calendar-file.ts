// The visit as an iCalendar file: attached to booking e-mails and offered as a download.
import { createEvent } from 'ics';

export interface CalendarBooking {
	code: string;
	packageTitle: string;
	villageName: string;
	startsAt: Date | string;
	endsAt: Date | string;
	manageUrl?: string;
	location?: { lat: number; lng: number };
	description?: string;
}

/** A stable UID lets a calendar replace the event when the file is opened again. */
export function calendarUid(code: string): string {
	return `${code}@agrowisata-pali`;
}

export function bookingCalendarFile(booking: CalendarBooking): string {
	// UTC times need no VTIMEZONE block, which some phone calendars mishandle.
	const { error, value } = createEvent({
		productId: 'agrowisata-pali/booking',
		method: 'PUBLISH',
		uid: calendarUid(booking.code),
		title: `${booking.packageTitle}, ${booking.villageName}`,
		description: booking.description ?? booking.manageUrl,
		location: booking.villageName,
		geo: booking.location ? { lat: booking.location.lat, lon: booking.location.lng } : undefined,
		url: booking.manageUrl,
		status: 'CONFIRMED',
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
