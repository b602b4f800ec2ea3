// Protected routes of the village shop as its hosts keep it: products, stock, counter sales and
// the product sales downloads. Shape and placeholders: see host-operations.ts. `{productId}` is
// the first sample product of Talang Bulang (keripik nanas, 40 in stock).
import type { ProtectedRoute } from './host-operations';

const chips = { productId: '1' };

const product = {
	nameId: 'Produk susupan',
	nameEn: 'Sneaked product',
	descriptionId: 'Tidak boleh tersimpan.',
	descriptionEn: 'Must not be stored.',
	unit: 'pack',
	priceIdr: '1',
	stock: '5',
	sortOrder: '9',
	seasonMonths: '1',
	active: 'on'
};

export const routes: ProtectedRoute[] = [
	{ path: '/host/{village}/produk', method: 'GET' },
	{ path: '/host/{village}/produk', method: 'POST', action: '?/create', form: product },
	{ path: '/host/{village}/produk/{productId}', method: 'GET', params: chips },
	{
		path: '/host/{village}/produk/{productId}',
		method: 'POST',
		action: '?/save',
		form: product,
		params: chips
	},
	{
		path: '/host/{village}/produk/{productId}',
		method: 'POST',
		action: '?/adjustStock',
		form: { mode: 'set', quantity: '0' },
		params: chips
	},
	// Sent without a file: the guard refuses before the body is read.
	{
		path: '/host/{village}/produk/{productId}',
		method: 'POST',
		action: '?/addPhoto',
		form: { altId: 'x', altEn: 'x' },
		params: chips
	},
	{
		path: '/host/{village}/produk/{productId}',
		method: 'POST',
		action: '?/deletePhoto',
		form: { photoId: '1' },
		params: chips
	},
	{ path: '/host/{village}/toko', method: 'GET' },
	{
		path: '/host/{village}/toko',
		method: 'POST',
		action: '?/sell',
		form: { 'product.1': '3', paymentMethod: 'cash', soldOn: '{today}' }
	},
	{ path: '/office/statistik/unduh-produk?tabel=produk', method: 'GET' },
	{
		path: '/office/statistik/unduh-produk?tabel=produk_desa&dari=2026-01&sampai=2026-12',
		method: 'GET'
	},
	{ path: '/host/{village}/statistik/unduh-produk?tabel=produk', method: 'GET', scope: 'village' }
];
