// Protected routes of the host's daily work (today, check-in, walk-ins, bookings).
//
// Every file in this folder exports `routes: ProtectedRoute[]`; tests/e2e/authorization.spec.ts
// reads them all and walks each entry as nobody, as the host of another village and as a disabled
// account, expecting a refusal and no change. It also fails when a +page.server.ts or +server.ts
// under src/routes/host or src/routes/office (or one of its form actions or HTTP methods) has no
// entry here or in a sibling file.

/**
 * One request to refuse. `path` uses placeholders the spec fills in:
 * - `{village}`: Talang Bulang (16.12.01.2001), the village the refused users do not belong to;
 * - `{code}`: a confirmed booking there; `{requestCode}`: a booking waiting for an answer;
 * - `{slot}` and `{date}`: a later slot of the pineapple package there and its Jakarta date;
 * - `{walkIn}`: a walk-in recorded there today;
 * - anything else comes from `params` (e.g. `{ packageId: '1' }`).
 * The same placeholders work in `form` values. `action` is a named form action (`'?/checkIn'`);
 * leave it out for GET and for a page's default action. `scope: 'signed-in'` marks a route that
 * any signed-in account may use (it is then only checked for nobody and the disabled account);
 * `scope: 'public'` records a route outside host/ and office/ that anyone may use: it is listed
 * for the record and never walked.
 */
export interface ProtectedRoute {
	path: string;
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	action?: `?/${string}`;
	form?: Record<string, string>;
	params?: Record<string, string>;
	scope?: 'village' | 'signed-in' | 'public';
}

export const routes: ProtectedRoute[] = [
	{ path: '/host', method: 'GET', scope: 'signed-in' },
	{ path: '/host/{village}/hari-ini', method: 'GET' },
	{ path: '/host/{village}/hari-ini?tanggal={date}', method: 'GET' },
	{
		path: '/host/{village}/hari-ini',
		method: 'POST',
		action: '?/markNoShows',
		form: { slotId: '{slot}' }
	},
	{
		path: '/host/{village}/hari-ini',
		method: 'POST',
		action: '?/undoNoShow',
		form: { code: '{code}' }
	},
	{
		path: '/host/{village}/hari-ini',
		method: 'POST',
		action: '?/collect',
		form: { code: 'TBP-22222Z', paymentMethod: 'qris' }
	},
	{ path: '/host/{village}/check-in?kode={code}', method: 'GET' },
	{
		path: '/host/{village}/check-in',
		method: 'POST',
		action: '?/checkIn',
		form: { code: '{code}', 'line.1': '1' }
	},
	{ path: '/host/{village}/walk-in', method: 'GET' },
	{
		path: '/host/{village}/walk-in',
		method: 'POST',
		action: '?/record',
		form: {
			visitDate: '{today}',
			adults: '3',
			children: '0',
			infants: '0',
			originCountry: 'ID',
			originProvince: '16'
		}
	},
	{ path: '/host/{village}/walk-in', method: 'POST', action: '?/remove', form: { id: '{walkIn}' } },
	{ path: '/host/{village}/pemesanan', method: 'GET' },
	{ path: '/host/{village}/pemesanan/{code}', method: 'GET' },
	{ path: '/host/{village}/pemesanan/{requestCode}', method: 'POST', action: '?/accept' },
	{
		path: '/host/{village}/pemesanan/{requestCode}',
		method: 'POST',
		action: '?/decline',
		form: { reason: 'Tidak berhak menolak' }
	},
	{
		path: '/host/{village}/pemesanan/{code}',
		method: 'POST',
		action: '?/cancel',
		form: { reason: 'Tidak berhak membatalkan' }
	},
	{ path: '/host/{village}/pemesanan/batal?tanggal={date}&slot={slot}', method: 'GET' },
	{
		path: '/host/{village}/pemesanan/batal',
		method: 'POST',
		action: '?/cancelSlot',
		form: { slotId: '{slot}', reason: 'Tidak berhak membatalkan' }
	},
	{
		path: '/host/{village}/pemesanan/batal',
		method: 'POST',
		action: '?/cancelDay',
		form: { date: '{date}', reason: 'Tidak berhak membatalkan' }
	}
];
