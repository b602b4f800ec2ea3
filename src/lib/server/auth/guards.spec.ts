import { describe, expect, it } from 'vitest';
import { safeNextPath } from './guards';

describe('safeNextPath', () => {
	it('keeps paths on this site, with their query and language prefix', () => {
		expect(safeNextPath('/host')).toBe('/host');
		expect(safeNextPath('/en/host/desa?tanggal=2026-12-01')).toBe(
			'/en/host/desa?tanggal=2026-12-01'
		);
	});

	it('refuses anything that could lead to another site', () => {
		for (const next of [
			null,
			'',
			'host',
			'https://evil.example/',
			'//evil.example',
			'/\\evil.example',
			'/\t/evil.example',
			'javascript:alert(1)',
			'/%0a/evil'.replace('%0a', '\n')
		]) {
			expect(safeNextPath(next), String(next)).toBeUndefined();
		}
	});
});
