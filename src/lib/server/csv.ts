// CSV downloads for spreadsheets, one encoder for every export. Quoting follows RFC 4180; text
// is kept from running as a formula (OWASP, "CSV Injection") whichever separator the
// spreadsheet splits on: Excel set to Indonesian splits on ';', not ','.

/** A cell as the code that writes it knows it: text, a number, or nothing. */
export type CsvCell = string | number | null;

// What makes a spreadsheet read a cell as a formula (a tab or CR before one is skipped).
const FORMULA_START = /^[=+\-@\t\r]/;
// A spreadsheet that splits on the other separator, or that ignores quotes, starts a new cell
// (or row) after any of these, so a formula start after one runs too: 'Lengkeng;=1+1'.
const FORMULA_AFTER_BREAK = /([,;\t\r\n]"*)(?=[=+\-@\t\r])/g;
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One cell. Numbers are written as they are, so that a negative count stays a number; text
 * that could start a formula, at its start or after a separator inside it, gets a ' before it.
 */
export function encodeCell(value: CsvCell): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	let text = value.replace(FORMULA_AFTER_BREAK, "$1'");
	if (FORMULA_START.test(text)) text = `'${text}`;
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark (so Excel reads it as UTF-8), commas, CRLF line ends. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
	const lines = [header, ...rows].map((row) => row.map(encodeCell).join(','));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
