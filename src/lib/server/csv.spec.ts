import { describe, expect, it } from 'vitest';
import { encodeCell, toCsv } from './csv';

/** The cells of one line as a spreadsheet that splits on `separator` and ignores quotes sees them. */
const naiveCells = (line: string, separator: string) => line.split(separator);
const runsAsFormula = (cell: string) => /^[=+\-@]/.test(cell.replace(/^["\t\r]+/, ''));

describe('CSV cells', () => {
	it('quotes a separator of either kind, a quote and line breaks (RFC 4180)', () => {
		expect(encodeCell('x, y')).toBe('"x, y"');
		expect(encodeCell('Nanas; madu')).toBe('"Nanas; madu"');
		expect(encodeCell('say "hi"')).toBe('"say ""hi"""');
		expect(encodeCell('dua\r\nbaris')).toBe('"dua\r\nbaris"');
		expect(encodeCell('Talang Bulang')).toBe('Talang Bulang');
		expect(encodeCell(null)).toBe('');
	});

	it('neutralises a leading = + - @, tab or CR in text, and leaves numbers as numbers', () => {
		for (const start of ['=', '+', '-', '@', '\t', '\r']) {
			expect(encodeCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
		}
		expect(encodeCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
		expect(encodeCell(-3)).toBe('-3');
		expect(encodeCell(-12.5)).toBe('-12.5');
		expect(encodeCell(0)).toBe('0');
		expect(encodeCell('-3')).toBe("'-3");
	});

	it('keeps a formula from starting after a separator inside text', () => {
		expect(encodeCell('Lengkeng;=1+1')).toBe('"Lengkeng;\'=1+1"');
		expect(encodeCell('a,+1')).toBe('"a,\'+1"');
		expect(encodeCell('a;"=1')).toBe('"a;""\'=1"');
		expect(encodeCell('baris\n@SUM(A1)')).toBe('"baris\n\'@SUM(A1)"');
		expect(encodeCell('Keripik - pedas')).toBe('Keripik - pedas');
	});

	it('writes a file no cell of which runs, split on , or on ;', () => {
		const body = toCsv(
			['produk', 'jumlah'],
			[
				['Lengkeng;=1+1', -2],
				['x,=cmd|"/C calc"!A0', 5],
				['-1', null]
			]
		);
		expect(body).toBe(
			'\uFEFFproduk,jumlah\r\n' +
				'"Lengkeng;\'=1+1",-2\r\n' +
				'"x,\'=cmd|""/C calc""!A0",5\r\n' +
				"'-1,\r\n"
		);
		const lines = body.slice(1).split('\r\n').filter(Boolean);
		for (const separator of [',', ';']) {
			const cells = lines.flatMap((line) => naiveCells(line, separator));
			expect(cells.filter(runsAsFormula)).toEqual(separator === ',' ? ['-2'] : []);
		}
	});
});
