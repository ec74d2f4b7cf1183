// The bare peer: Express 5 and better-sqlite3 (synchronous, in-process SQLite) running the five
// dashboard queries for a given member and rendering the same information as HTML. No session,
// no CGU check, no audit trail, no security headers: the floor under the fair peer
// (express-fair-peer.ts), which does all of those.
import Database from "better-sqlite3";
import express from "express";
import { parisDayOf } from "../../edge/views/adherent/format.ts";

const [file = "", memberIdText = "0", accountIdText = "0"] = process.argv.slice(2);
const memberId = Number(memberIdText);
const accountId = Number(accountIdText);
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma("journal_mode = WAL");

const holder = db.prepare(
	"SELECT p.first_name, p.last_name FROM members m JOIN persons p ON p.id = m.person_id WHERE m.id = ?",
);
const lines = db.prepare(
	`SELECT pr.id, pr.care_date, a.label AS act, pe.first_name, pr.mutuelle_cents, pr.remaining_cents, pr.paid_to, pr.payment_date
	 FROM prestations pr JOIN acts a ON a.code = pr.act_code JOIN beneficiaries b ON b.id = pr.beneficiary_id JOIN persons pe ON pe.id = b.person_id
	 WHERE pr.member_id = ? ORDER BY pr.care_date DESC, pr.id DESC LIMIT 5`,
);
const latest = db.prepare(
	"SELECT id, month, line_count, mutuelle_cents, remaining_cents FROM statements WHERE member_id = ? ORDER BY month DESC LIMIT 3",
);
const open = db.prepare(
	"SELECT id, reference, kind, status, created_at FROM requests WHERE account_id = ? AND status IN ('received','acknowledged','in_progress') ORDER BY created_at DESC, id DESC LIMIT 5",
);
const card = db.prepare(
	"SELECT valid_from, valid_to FROM tiers_payant_cards WHERE member_id = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1",
);

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const escapeHtml = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const app = express();
app.get("/adherent", (_req, res) => {
	// Today as the portal reads it: the calendar day in Paris, whatever the server's zone.
	const today = parisDayOf(new Date());
	const h = holder.get(memberId) as { first_name: string; last_name: string } | undefined;
	const rows = lines.all(memberId) as Record<string, string | number>[];
	const months = latest.all(memberId) as Record<string, string | number>[];
	const requests = open.all(accountId) as Record<string, string | number>[];
	const c = card.get(memberId, today) as { valid_from: string; valid_to: string } | undefined;
	res.set("Cache-Control", "no-store");
	res
		.type("html")
		.send(
			`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Espace adhérent</title></head><body><main><h1>Espace adhérent</h1><p>Bonjour ${escapeHtml(h?.first_name)} ${escapeHtml(h?.last_name)}.</p><table>${rows
				.map(
					(r) =>
						`<tr><td>${escapeHtml(r.care_date)}</td><td>${escapeHtml(r.act)}</td><td>${escapeHtml(r.first_name)}</td><td>${euros.format(Number(r.mutuelle_cents) / 100)}</td><td>${euros.format(Number(r.remaining_cents) / 100)}</td></tr>`,
				)
				.join(
					"",
				)}</table><ul>${months.map((m) => `<li>${escapeHtml(m.month)} : ${euros.format(Number(m.mutuelle_cents) / 100)}</li>`).join("")}</ul><ul>${requests
				.map((r) => `<li>${escapeHtml(r.reference)} ${escapeHtml(r.status)}</li>`)
				.join(
					"",
				)}</ul><p>${c ? `${escapeHtml(c.valid_from)} – ${escapeHtml(c.valid_to)}` : ""}</p></main></body></html>`,
		);
});
const server = app.listen(0, "127.0.0.1", () => {
	const address = server.address();
	process.stdout.write(
		`listening ${typeof address === "object" && address ? address.port : 0} ${process.pid}\n`,
	);
});
