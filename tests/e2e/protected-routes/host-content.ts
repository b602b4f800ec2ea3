// Protected routes of the village's content: schedules, packages with their photos, and the
// village page. Shape and placeholders: see host-operations.ts. `{packageId}` is the
// pineapple picking package of Talang Bulang, the first sample package seeded.
import type { ProtectedRoute } from './host-operations';

const pineapple = { packageId: '1' };

const schedule = {
	seasonMonths: '1',
	'rules.0.weekdays': '1',
	'rules.0.startTimes': '08.00',
	'rules.0.capacity': '1',
	'rules.0.validFrom': '{today}',
	'rules.0.validTo': ''
};

const pkg = {
	titleId: 'Paket susupan',
	titleEn: 'Sneaked package',
	descriptionId: 'Tidak boleh tersimpan.',
	descriptionEn: 'Must not be stored.',
	durationMinutes: '60',
	minParty: '1',
	maxParty: '5',
	cutoffHours: '1',
	cancelHours: '1',
	bookingMode: 'instant',
	responseHours: '24',
	seasonMonths: '1',
	'categories.0.code': 'dewasa',
	'categories.0.labelId': 'Dewasa',
	'categories.0.labelEn': 'Adult',
	'categories.0.priceIdr': '1',
	'categories.0.takesSeat': 'on',
	'categories.0.ageGroup': 'adult',
	'categories.0.active': 'on'
};

export const routes: ProtectedRoute[] = [
	{ path: '/host/{village}/jadwal', method: 'GET' },
	{ path: '/host/{village}/jadwal/{packageId}', method: 'GET', params: pineapple },
	{
		path: '/host/{village}/jadwal/{packageId}',
		method: 'POST',
		action: '?/preview',
		params: pineapple,
		form: schedule
	},
	{
		path: '/host/{village}/jadwal/{packageId}',
		method: 'POST',
		action: '?/save',
		params: pineapple,
		form: schedule
	},
	{ path: '/host/{village}/paket', method: 'GET' },
	{ path: '/host/{village}/paket/baru', method: 'GET' },
	{ path: '/host/{village}/paket/baru', method: 'POST', action: '?/create', form: pkg },
	{ path: '/host/{village}/paket/{packageId}', method: 'GET', params: pineapple },
	{
		path: '/host/{village}/paket/{packageId}',
		method: 'POST',
		action: '?/save',
		params: pineapple,
		form: pkg
	},
	// Sent without a file: the guard refuses before the body is read.
	{
		path: '/host/{village}/paket/{packageId}',
		method: 'POST',
		action: '?/addPhoto',
		params: pineapple,
		form: { altId: 'x', altEn: 'x' }
	},
	{
		path: '/host/{village}/paket/{packageId}',
		method: 'POST',
		action: '?/deletePhoto',
		params: pineapple,
		form: { photoId: '1' }
	},
	{ path: '/host/{village}/desa', method: 'GET' },
	{
		path: '/host/{village}/desa',
		method: 'POST',
		action: '?/save',
		form: { storyId: 'Diubah orang lain', storyEn: 'Changed by someone else', whatsapp: '' }
	},
	{
		path: '/host/{village}/desa',
		method: 'POST',
		action: '?/moveMarker',
		form: { lat: '-3.3', lng: '104.1' }
	},
	{ path: '/host/{village}/desa', method: 'POST', action: '?/resetMarker' },
	{
		path: '/host/{village}/desa',
		method: 'POST',
		action: '?/addPhoto',
		form: { altId: 'x', altEn: 'x' }
	},
	{ path: '/host/{village}/desa', method: 'POST', action: '?/deletePhoto', form: { photoId: '1' } }
];
