// Bookings of a visit. The public booking is written in create.ts (judged on what request.ts
// reads), the tourist manages it through manage.ts, and release.ts gives seats back; the host's
// verbs are in host.ts and manifest.ts, the mail the tourist gets in notices.ts.
export { create, slotOfPackage, type CreatedBooking, type CreateResult } from './create';
export {
	cancelByTourist,
	cancelDeadline,
	describeForApi,
	findForManage,
	type BookingView,
	type CancelResult
} from './manage';
export { expireRequests, release } from './release';
export { codePrefix, isBookingCode, newBookingCode } from '../codes';
export { buildManagePath } from './manage-link';
