// The one CSV writer for every download the app offers. Cells typed by people (names, notes,
// reasons) may start with a character a spreadsheet reads as a formula; those are neutralised
// with a leading apostrophe (OWASP's rule: = + - @ tab CR), so opening an export never runs one.
// Numbers are written as numbers: a negative figure is data, not a formula.
import Papa from 'papaparse';

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell read back from one of our own exports: the apostrophe `neutralise` added comes off. */
export function unneutralise(text: string): string {
	return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	return Papa.unparse({
		fields: [...fields],
		data: rows.map((row) =>
			row.map((cell) => (typeof cell === 'string' ? neutralise(cell) : cell === null ? '' : cell))
		)
	});
}

/** A CSV download. The byte-order mark makes spreadsheet apps read Chinese names correctly. */
export function csvResponse(filename: string, csv: string): Response {
	return new Response('\uFEFF' + csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
			'Cache-Control': 'no-store'
		}
	});
}
