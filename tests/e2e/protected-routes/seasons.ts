// Routes of harvest seasons: the host's months in or out of season (protected), and the
// tourist's "tell me when it is in season" form and unsubscribe link (public, listed for the
// record). `{packageId}` is the pineapple picking package of Talang Bulang.
import type { ProtectedRoute } from './host-operations';

const pineapple = { packageId: '1' };
// Closing this month, were it let through, would show in the audit log the spec compares.
const thisMonth = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

export const routes: ProtectedRoute[] = [
	{ path: '/host/{village}/jadwal/{packageId}/musim', method: 'GET', params: pineapple },
	{
		path: '/host/{village}/jadwal/{packageId}/musim',
		method: 'POST',
		action: '?/save',
		params: pineapple,
		form: { month: thisMonth }
	},
	{
		path: '/paket/petik-nanas-talang-bulang',
		method: 'POST',
		action: '?/notifySeason',
		scope: 'public',
		form: { email: 'tamu@example.test' }
	},
	{ path: '/kabar-musim/{token}', method: 'GET', scope: 'public', params: { token: 'x' } },
	{ path: '/kabar-musim/{token}', method: 'POST', scope: 'public', params: { token: 'x' } }
];
