// Column builders shared by every table, so that the conventions of index.ts hold everywhere.
import { type SQL, sql } from "drizzle-orm";
import { type AnySQLiteColumn, check, integer, text } from "drizzle-orm/sqlite-core";

/** An instant: integer milliseconds since 1970-01-01T00:00:00Z, read and written as a `Date`. */
export const instant = () => integer({ mode: "timestamp_ms" });

/** A calendar date (`YYYY-MM-DD`), e.g. a date of care or a birth date: no time zone attached. */
export const calendarDate = () => text();

/** A calendar month (`YYYY-MM`). */
export const calendarMonth = () => text();

/** Money in integer euro cents. */
export const cents = () => integer();

/** A rate in basis points (1 % = 100 bp, 100 % = 10 000 bp). */
export const basisPoints = () => integer();

/** JSON stored as text; the type parameter is a promise kept by whoever parses it at the boundary. */
export const json = <T>() => text({ mode: "json" }).$type<T>();

/** A boolean stored as 0/1. */
export const flag = () => integer({ mode: "boolean" });

/** A CHECK that the column holds one of the allowed values (NULL passes, as SQL decides). */
export function oneOf(name: string, column: AnySQLiteColumn, values: readonly string[]) {
	const list = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ");
	return check(name, sql`${column} IN (${sql.raw(list)})`);
}

/** A CHECK that a text column is made of exactly `length` digits. */
export function digits(name: string, column: AnySQLiteColumn, length: number): ReturnType<typeof check> {
	const pattern: SQL = sql.raw(`'${"[0-9]".repeat(length)}'`);
	return check(name, sql`${column} GLOB ${pattern}`);
}
