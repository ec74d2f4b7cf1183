// Where the local client's rows (db/local-client.ts) keep their values as a plain array: rows
// whose positions are read through the prototype cost drizzle's mapping, which copies each row
// with `Array.prototype.slice.call`, about 1 µs a row; the array itself, a tenth of that
// (ADR 0052). A registered symbol, so that code bundled for the Worker (db/batch.ts) can look
// for it without importing the Node-only client; rows of other clients do not have it.
export const ROW_VALUES: unique symbol = Symbol.for("espace.db.row-values");

/** The row's values in column order, without a copy, when the local client made it. */
export function rowValuesOf(row: object): unknown[] | undefined {
	return (row as { [ROW_VALUES]?: unknown[] })[ROW_VALUES];
}
