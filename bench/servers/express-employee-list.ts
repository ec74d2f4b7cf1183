// The bare peer of the employee-list benchmark: Express 5 and better-sqlite3 running the very same
// statement as the portal (core/employeur/employees.ts builds it: the count, one page read from the
// employee directory's indexes and the categories, in one row, ADR 0048) for a given company, and
// rendering the rows as HTML. No session, no CGU check, no audit entry, no security headers: the floor under the portal.
// Prints "listening <port> <pid>" once ready.
// Usage: tsx bench/servers/express-employee-list.ts <database file> <company id>
import Database from "better-sqlite3";
import express from "express";
import { type EmployeeFilter, employeePageSql } from "../../core/employeur/employees.ts";
import { parisDayOf } from "../../core/format.ts";

const [file = "", companyText = "0"] = process.argv.slice(2);
const companyId = Number(companyText);
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma("journal_mode = WAL");

const escapeHtml = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const statements = new Map<string, Database.Statement>();

/** better-sqlite3 prepares once per distinct SQL text, as a competent team would cache it. */
function prepared(sql: string): Database.Statement {
	let statement = statements.get(sql);
	if (!statement) {
		statement = db.prepare(sql);
		statements.set(sql, statement);
	}
	return statement;
}

const app = express();
app.get("/employeur/salaries", (req, res) => {
	const today = parisDayOf(new Date());
	const q = typeof req.query.q === "string" ? req.query.q : undefined;
	const statut = req.query.statut === "portabilite" ? ("portabilite" as const) : undefined;
	const filter: EmployeeFilter = { search: q, status: statut };
	const page = employeePageSql(companyId, today, filter, 1);
	const read = prepared(page.sql).get(page.args) as { n: number; rows: string };
	const total = read.n;
	// The values in employeePageSql's order: id, last name, first name, number, NIR, category, option, start, end, portability, status.
	const rows = JSON.parse(read.rows) as (string | number | null)[][];
	res.set("Cache-Control", "no-store");
	res
		.type("html")
		.send(
			`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Salariés</title></head><body><main><h1>Salariés</h1><p>${total} salariés</p><table>${rows
				.map(
					(r) =>
						`<tr><th><a href="/employeur/salaries/${r[0]}">${escapeHtml(r[1])} ${escapeHtml(r[2])}</a></th><td>${escapeHtml(r[3])}</td><td>${escapeHtml(r[5])}</td><td>${escapeHtml(r[7])}</td><td>${escapeHtml(r[10])}</td></tr>`,
				)
				.join("")}</table></main></body></html>`,
		);
});
const server = app.listen(0, "127.0.0.1", () => {
	const address = server.address();
	process.stdout.write(
		`listening ${typeof address === "object" && address ? address.port : 0} ${process.pid}\n`,
	);
});
