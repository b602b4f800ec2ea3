import { describe, expect, it } from 'vitest';
import { safeNextPath } from './guards';

describe('safeNextPath', () => {
	it('keeps paths on this site, with their query and language prefix', () => {
		expect(safeNextPath('/host')).toBe('/host');
		expect(safeNextPath('/en/host/desa?tanggal=2026-12-01')).toBe(
			'/en/host/desa?tanggal=2026-12-01'
		);
		// Dots resolve as a browser resolves them; encoded slashes and backslashes stay encoded,
		// which a browser reads as one path segment on this site.
		expect(safeNextPath('/host/../office')).toBe('/office');
		expect(safeNextPath('/%2e%2e/office')).toBe('/office');
		expect(safeNextPath('/%2f%2fevil.example')).toBe('/%2f%2fevil.example');
		expect(safeNextPath('/%5c%5cevil.example')).toBe('/%5c%5cevil.example');
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
			'/%0a/evil'.replace('%0a', '\n'),
			// Paths that resolve to one starting with two slashes: a browser reads another host.
			'/..//evil.example/phish',
			'/%2e%2e//evil.example/phish',
			'/%2E%2E//evil.example/phish',
			'/.//evil.example/phish',
			'/%2e//evil.example/phish',
			'/a/..//evil.example/phish',
			'/a/b/../..//evil.example/phish',
			'/a/%2e%2e//evil.example/phish',
			'/..\\evil.example/phish',
			'/a/..\\/evil.example',
			'//[bad'
		]) {
			expect(safeNextPath(next), String(next)).toBeUndefined();
		}
	});
});
