import { error } from '@sveltejs/kit';
import * as bookings from '$lib/server/bookings';
import { writeCalendarFile, readCalendarStatus } from '$lib/server/bookings/calendar-file';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals, url }) => {
	const booking = await bookings.findForManage(params.code, params.secret, locals.locale);
	if (!booking) error(404, m.booking_not_found());
	// A booking that is off still gets its file, marked cancelled: a calendar that holds the
	// visit from an earlier file takes it out, where a 404 would leave it there.
	const file = writeCalendarFile({
		code: booking.code,
		status: readCalendarStatus(booking.status),
		packageTitle: booking.packageTitle,
		villageName: booking.villageName,
		startsAt: booking.startsAt,
		endsAt: booking.endsAt,
		manageUrl: url.href.replace(/\/kalender\.ics$/, ''),
		location: { lat: booking.meetingLat, lng: booking.meetingLng }
	});
	return new Response(file, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${booking.code}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
