// Protected routes of the office's programme management: villages and OVOP, people and
// invitations, package review and the audit log (the statistics have their own table).
// Shape and placeholders: see host-operations.ts. Every entry is office-only, so the default
// scope holds: a host of any village is refused as firmly as nobody.
import type { ProtectedRoute } from './host-operations';

export const routes: ProtectedRoute[] = [
	{ path: '/office', method: 'GET' },
	{ path: '/office/desa', method: 'GET' },
	{ path: '/office/desa?kecamatan=16.12.01&ovop=ya', method: 'GET' },
	{ path: '/office/desa/{slug}', method: 'GET', params: { slug: 'talang-bulang' } },
	{
		path: '/office/desa/{slug}',
		method: 'POST',
		action: '?/markOvop',
		params: { slug: 'talang-bulang' },
		form: { productId: 'Kopi', productEn: 'Coffee', since: '2025' }
	},
	{
		path: '/office/desa/{slug}',
		method: 'POST',
		action: '?/removeOvop',
		params: { slug: 'talang-bulang' }
	},
	{
		path: '/office/desa/{slug}',
		method: 'POST',
		action: '?/savePage',
		params: { slug: 'talang-bulang' },
		form: { storyId: 'Diubah tanpa hak', storyEn: 'Changed without right', whatsapp: '' }
	},
	{ path: '/office/orang', method: 'GET' },
	{ path: '/office/orang?desa={village}', method: 'GET' },
	{
		path: '/office/orang',
		method: 'POST',
		action: '?/invite',
		form: { email: 'tanpa-hak@example.test', kind: 'office', villageCode: '' }
	},
	{ path: '/office/orang', method: 'POST', action: '?/disable', form: { userId: '1' } },
	{ path: '/office/tinjauan', method: 'GET' },
	{ path: '/office/tinjauan/{id}', method: 'GET', params: { id: '1' } },
	{
		path: '/office/tinjauan/{id}',
		method: 'POST',
		action: '?/approve',
		params: { id: '1' },
		form: { version: '0-0' }
	},
	{
		path: '/office/tinjauan/{id}',
		method: 'POST',
		action: '?/sendBack',
		params: { id: '1' },
		form: { note: 'Dikembalikan tanpa hak' }
	},
	{ path: '/office/audit', method: 'GET' },
	{ path: '/office/audit?desa={village}&dari={today}&sampai={today}', method: 'GET' }
];
