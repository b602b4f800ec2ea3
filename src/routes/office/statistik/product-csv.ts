// Reading a product sales CSV request, shared by the office's and the hosts' downloads.
import * as shopStatistics from '$lib/server/statistics/products';
import { checkTableRequest } from './csv-request';

type Read =
	| { ok: true; table: shopStatistics.ProductCsvTable; from: string; to: string }
	| { ok: false; response: Response };

/** ?tabel=produk|produk_desa, ?dari, ?sampai; a wrong one is refused (422) with the reason. */
export function readProductCsvRequest(
	params: URLSearchParams,
	today: string,
	unknownVillage: boolean
): Read {
	const checked = checkTableRequest(
		params,
		today,
		unknownVillage,
		shopStatistics.productCsvTables,
		'produk'
	);
	if (!checked.ok) return checked;
	return { ok: true, table: checked.table, from: checked.period.from, to: checked.period.to };
}
