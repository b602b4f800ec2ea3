// Protected routes of the visitor statistics. Shape and placeholders: see host-operations.ts.
// The office pages are office-only (a host of any village is refused); the host pages belong
// to the village in the path. The public /data page and the open-data API are not listed:
// anyone may read them.
import type { ProtectedRoute } from './host-operations';

export const routes: ProtectedRoute[] = [
	{ path: '/office/statistik', method: 'GET' },
	{ path: '/office/statistik?bulan=2026-03&desa=16.12.01.2001', method: 'GET' },
	{ path: '/office/statistik/unduh?tabel=bulanan', method: 'GET' },
	{ path: '/office/statistik/unduh?tabel=negara&bulan=2026-03', method: 'GET' },
	{ path: '/host/{village}/statistik', method: 'GET', scope: 'village' },
	{ path: '/host/{village}/statistik/unduh?tabel=desa', method: 'GET', scope: 'village' }
];
