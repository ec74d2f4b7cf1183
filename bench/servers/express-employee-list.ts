// The bare peer of the employee-list benchmark: Express 5 and better-sqlite3 running the very same
// two statements as the portal (core/employeur/employees.ts builds them: the count, then one page
// read from the employee directory's indexes) for a given company, and rendering the rows as
// HTML. No session, no CGU check, no audit entry, no security headers: the floor under the portal.
// Prints "listening <port> <pid>" once ready.
// Usage: tsx bench/servers/express-employee-list.ts <database file> <company id>
import Database from "better-sqlite3";
import express from "express";
import { type EmployeeFilter, employeeCountSql, employeeListSql } from "../../core/employeur/employees.ts";
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
	const count = employeeCountSql(companyId, today, filter);
	const total = (prepared(count.sql).get(count.args) as { n: number }).n;
	const list = employeeListSql(companyId, today, filter, 1);
	const rows = prepared(list.sql).all(list.args) as Record<string, string | number | null>[];
	res.set("Cache-Control", "no-store");
	res
		.type("html")
		.send(
			`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Salariés</title></head><body><main><h1>Salariés</h1><p>${total} salariés</p><table>${rows
				.map(
					(r) =>
						`<tr><th><a href="/employeur/salaries/${r.id}">${escapeHtml(r.last_name)} ${escapeHtml(r.first_name)}</a></th><td>${escapeHtml(r.employee_number)}</td><td>${escapeHtml(r.category_label)}</td><td>${escapeHtml(r.start_date)}</td><td>${escapeHtml(r.status)}</td></tr>`,
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
