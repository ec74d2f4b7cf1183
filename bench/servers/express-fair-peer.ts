// The fair peer (ADR 0013): Express 5 and better-sqlite3 doing the per-request work the portal does
// for a signed-in member's dashboard, written as a competent team would write it without our
// framework, so that the ratio measures the stack and not a difference in duties:
// - the session cookie `__Host-espace_session` checked against the sessions table: SHA-256 of the
//   token's secret compared in constant time, idle and absolute expiry, the account active, the
//   second factor done, an adhérent; last use written at most once a minute;
// - the CGU in force at today's Paris day (from the site's versions.json) accepted by the account,
//   remembered once seen as the portal does (an acceptance is never withdrawn);
// - the same five queries as the portal's dashboard, with the same columns;
// - one audit entry per page view, in the portal's canonical form and chain (`hashEntry`), by its
//   own INSERT (better-sqlite3 is synchronous: no group commit), re-chained after a key conflict
//   so that the portal and this peer can take turns on one database;
// - the same security headers, Cache-Control and a request id;
// - the page's member-specific part rendered with template strings, inside the parts that are the
//   same for every member (layout, navigation, shortcuts: the portal renders those once and keeps
//   them; this peer reads the portal's once at start), so the bytes are the portal's: the
//   benchmark compares them before measuring.
// Prints "listening <port> <pid>" once ready.
// Usage: tsx bench/servers/express-fair-peer.ts <database file> <site dir> <frame file>
import { randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import express from "express";
import { UNRECOGNISED_REIMBURSEMENT } from "../../core/adherent/reimbursement-report.ts";
import { GENESIS_HASH, hashEntry } from "../../core/audit.ts";
import { newRequestId } from "../../core/request-id.ts";
import { sha256Hex } from "../../core/sha256.ts";
import { SECURITY_HEADERS } from "../../edge/lib/security-headers.ts";
import {
	formatDate,
	formatMoney,
	formatMonth,
	PAYEE_LABELS,
	parisDayOf,
	REQUEST_STATUS_LABELS,
} from "../../edge/views/adherent/format.ts";
import { requestKindLabels } from "../../schema/enums.ts";
import type { PageFrame } from "../lib/dashboard-frame.ts";

const [file = "", siteDir = "", frameFile = ""] = process.argv.slice(2);
const db = new Database(file, { fileMustExist: true, timeout: 5000 });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("foreign_keys = ON");

/** The portal's page around its member-specific part (from the h1 to the shortcuts). */
const frame = JSON.parse(readFileSync(frameFile, "utf8")) as PageFrame;
const cguVersions = JSON.parse(readFileSync(join(siteDir, "cgu", "versions.json"), "utf8")) as {
	version: string;
	effectiveDate: string;
}[];

const IDLE_TIMEOUT_MS = 30 * 60_000;
const TOUCH_INTERVAL_MS = 60_000;

const sessionQuery = db.prepare(
	`SELECT s.id, s.secret_hash, s.last_used_at, s.expires_at, s.absolute_expires_at, s.second_factor_verified,
		a.id AS account_id, a.space, a.state, a.member_id
	 FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id = ?`,
);
const touchSession = db.prepare("UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE id = ?");
const acceptance = db.prepare("SELECT 1 FROM cgu_acceptances WHERE account_id = ? AND version = ? LIMIT 1");

const holderQuery = db.prepare(
	"SELECT p.first_name, p.last_name FROM members m JOIN persons p ON p.id = m.person_id WHERE m.id = ?",
);
const linesQuery = db.prepare(
	`SELECT pr.id, pr.care_date, pr.beneficiary_id, pe.first_name, pe.last_name, pr.act_code,
		a.label AS act_label, a.deduction, pr.category_code, c.label AS category_label,
		pro.practice_name, pro.first_name AS professional_first_name,
		pro.last_name AS professional_last_name, pro.profession, pr.quantity, pr.charged_cents,
		pr.base_cents, pr.ss_rate_bp, pr.ss_paid_cents, pr.participation_forfaitaire_cents,
		pr.franchise_cents, pr.mutuelle_cents, pr.remaining_cents, pr.paid_to, pr.payment_date
	 FROM prestations pr
	 JOIN beneficiaries b ON b.id = pr.beneficiary_id
	 JOIN persons pe ON pe.id = b.person_id
	 JOIN acts a ON a.code = pr.act_code
	 JOIN care_categories c ON c.code = pr.category_code
	 LEFT JOIN professionals pro ON pro.id = pr.professional_id
	 WHERE pr.member_id = ? ORDER BY pr.care_date DESC, pr.id DESC LIMIT 5`,
);
const statementsQuery = db.prepare(
	"SELECT id, month, published_at, line_count, mutuelle_cents, remaining_cents FROM statements WHERE member_id = ? ORDER BY month DESC LIMIT 3",
);
const requestsQuery = db.prepare(
	`SELECT id, reference, kind, sub_kind, status, created_at FROM requests
	 WHERE account_id = ? AND status IN ('received', 'acknowledged', 'in_progress')
	 ORDER BY created_at DESC, id DESC LIMIT 5`,
);
const cardQuery = db.prepare(
	"SELECT valid_from, valid_to FROM tiers_payant_cards WHERE member_id = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1",
);

const lastLink = db.prepare("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1");
const insertAudit = db.prepare(
	`INSERT INTO audit_events (seq, occurred_at, account_id, session_id, actor_kind, action, object_type, object_id,
		outcome, correlation_id, ip_hash, details, prev_hash, hash)
	 VALUES (?, ?, ?, ?, 'account', 'view:/adherent', NULL, NULL, 'success', ?, NULL, NULL, ?, ?)`,
);
let last: { seq: number; hash: string } | undefined;

function recordView(now: Date, accountId: number, sessionId: string, requestId: string): void {
	for (let attempt = 1; ; attempt++) {
		const previous = last ??
			(lastLink.get() as { seq: number; hash: string } | undefined) ?? {
				seq: 0,
				hash: GENESIS_HASH,
			};
		const entry = {
			seq: previous.seq + 1,
			occurredAt: now,
			accountId,
			sessionId,
			actorKind: "account",
			action: "view:/adherent",
			objectType: null,
			objectId: null,
			outcome: "success",
			correlationId: requestId,
			ipHash: null,
			details: null,
			prevHash: previous.hash,
		};
		const hash = hashEntry(entry);
		try {
			insertAudit.run(entry.seq, now.getTime(), accountId, sessionId, requestId, previous.hash, hash);
			last = { seq: entry.seq, hash };
			return;
		} catch (error) {
			// Another process (the portal, between rounds) wrote since: re-read the chain's end.
			last = undefined;
			const code = (error as { code?: string }).code ?? "";
			if (!code.startsWith("SQLITE_CONSTRAINT") || attempt >= 8) throw error;
		}
	}
}

function cguInForce(today: string): string | undefined {
	let current: { version: string; effectiveDate: string } | undefined;
	for (const version of cguVersions)
		if (version.effectiveDate <= today && (!current || version.effectiveDate > current.effectiveDate))
			current = version;
	return current?.version;
}
const acceptedSeen = new Set<string>();

function sessionToken(cookieHeader: string | undefined): string | undefined {
	for (const part of (cookieHeader ?? "").split(";")) {
		const [name, ...value] = part.trim().split("=");
		if (name === "__Host-espace_session") return value.join("=");
	}
	return undefined;
}

interface SessionRow {
	id: string;
	secret_hash: string;
	last_used_at: number;
	expires_at: number;
	absolute_expires_at: number;
	second_factor_verified: number;
	account_id: number;
	space: string;
	state: string;
	member_id: number | null;
}

function validSession(token: string | undefined, now: number): SessionRow | undefined {
	const [id, secret, extra] = (token ?? "").split(".");
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return undefined;
	const row = sessionQuery.get(id) as SessionRow | undefined;
	if (!row) return undefined;
	const expected = Buffer.from(row.secret_hash);
	const given = Buffer.from(sha256Hex(secret));
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
	if (now >= row.expires_at || now >= row.absolute_expires_at || row.state !== "active") return undefined;
	if (now - row.last_used_at >= TOUCH_INTERVAL_MS)
		touchSession.run(now, Math.min(now + IDLE_TIMEOUT_MS, row.absolute_expires_at), row.id);
	return row;
}

const ESCAPES: Record<string, string> = {
	"&": "&amp;",
	"<": "&lt;",
	">": "&gt;",
	'"': "&quot;",
	"'": "&#39;",
};
const escapeHtml = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

interface Line {
	id: number;
	care_date: string;
	first_name: string;
	last_name: string;
	act_label: string;
	mutuelle_cents: number;
	remaining_cents: number;
	paid_to: keyof typeof PAYEE_LABELS;
	payment_date: string | null;
}
interface Statement {
	month: string;
	line_count: number;
	mutuelle_cents: number;
	remaining_cents: number;
}
interface OpenRequest {
	id: number;
	reference: string;
	kind: keyof typeof requestKindLabels;
	sub_kind: string | null;
	status: keyof typeof REQUEST_STATUS_LABELS;
	created_at: number;
}

function linesTable(lines: Line[]): string {
	if (lines.length === 0) return "<p>Aucun remboursement pour le moment.</p>";
	const rows = lines
		.map(
			(l) =>
				`<tr><td data-label="Date des soins">${formatDate(l.care_date)}</td><th scope="row" data-label="Acte"><a href="/adherent/remboursements/${l.id}">${escapeHtml(l.act_label)}</a></th><td data-label="Bénéficiaire">${escapeHtml(l.first_name)} ${escapeHtml(l.last_name)}</td><td class="num key" data-label="Part mutuelle">${formatMoney(l.mutuelle_cents)}</td><td class="num key" data-label="Reste à charge">${formatMoney(l.remaining_cents)}</td><td data-label="Versé à">${PAYEE_LABELS[l.paid_to]}</td><td data-label="Payé le">${l.payment_date ? formatDate(l.payment_date) : '<span class="badge badge-info">En attente</span>'}</td></tr>`,
		)
		.join("");
	return `<section class="table-wrap" tabindex="0" aria-labelledby="derniers-remboursements"><table><caption id="derniers-remboursements">Vos ${lines.length} derniers remboursements, du plus récent au plus ancien</caption><thead><tr><th scope="col">Date des soins</th><th scope="col">Acte</th><th scope="col">Bénéficiaire</th><th scope="col" class="num">Part mutuelle</th><th scope="col" class="num">Reste à charge</th><th scope="col">Versé à</th><th scope="col">Payé le</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function statementsList(statements: Statement[]): string {
	if (statements.length === 0) return "<p>Aucun relevé pour le moment.</p>";
	return `<ul>${statements
		.map(
			(s) =>
				`<li><strong>${formatMonth(s.month)}</strong> : ${s.line_count} ${s.line_count > 1 ? "actes" : "acte"}, ${formatMoney(s.mutuelle_cents)} remboursés par la mutuelle, reste à charge ${formatMoney(s.remaining_cents)}.</li>`,
		)
		.join("")}</ul>`;
}

/** As the portal's dashboard: data-protection requests and complaints open from the list. */
function requestLink(r: OpenRequest): string {
	const label = `${r.sub_kind === UNRECOGNISED_REIMBURSEMENT ? "Remboursement non reconnu" : escapeHtml(requestKindLabels[r.kind])} <strong>${escapeHtml(r.reference)}</strong>`;
	const path =
		r.kind === "data_protection"
			? `/compte/donnees/demandes/${r.id}`
			: r.kind === "complaint"
				? `/adherent/reclamations/${r.id}`
				: null;
	return path ? `<a href="${path}">${label}</a>` : label;
}

function requestsList(requests: OpenRequest[]): string {
	if (requests.length === 0) return "<p>Aucune demande en cours.</p>";
	return `<ul>${requests
		.map(
			(r) =>
				`<li>${requestLink(r)}, du ${formatDate(parisDayOf(new Date(r.created_at)))} : <span class="badge badge-info">${REQUEST_STATUS_LABELS[r.status]}</span></li>`,
		)
		.join("")}</ul>`;
}

function cardText(card: { valid_from: string; valid_to: string } | undefined, today: string): string {
	if (!card) return "<p>Aucune carte de tiers payant en cours : contactez-nous si vous en avez besoin.</p>";
	const valid = card.valid_to >= today;
	return `<p>${valid ? "Valable" : "Était valable"} du ${formatDate(card.valid_from)} au ${formatDate(card.valid_to)}.${valid ? "" : " Une nouvelle carte vous sera adressée."}</p>`;
}

const app = express();
app.disable("x-powered-by");
// The portal answers `no-store` pages without an ETag: computing one per response would be work
// the portal does not do.
app.set("etag", false);

app.get("/adherent", (req, res) => {
	const now = new Date();
	// The portal's request id, time-ordered (core/request-id.ts, ADR 0048): the audit INSERT below
	// lands on the same rightmost leaf of the correlation index as the portal's.
	const requestId = newRequestId(now, randomBytes);
	res.set(SECURITY_HEADERS).set("Cache-Control", "no-store").set("X-Request-Id", requestId);
	const session = validSession(sessionToken(req.headers.cookie), now.getTime());
	if (!session?.second_factor_verified) {
		res.redirect(303, "/connexion?next=%2Fadherent");
		return;
	}
	if (session.space !== "adherent" || session.member_id === null) {
		res.status(403).type("html").send("<p>Cet espace n'est pas accessible avec votre compte.</p>");
		return;
	}
	const today = parisDayOf(now);
	const version = cguInForce(today);
	const key = `${session.account_id}:${version}`;
	if (version && !acceptedSeen.has(key)) {
		if (!acceptance.get(session.account_id, version)) {
			res.redirect(303, "/compte/cgu?next=%2Fadherent");
			return;
		}
		acceptedSeen.add(key);
	}
	const memberId = session.member_id;
	const holder = holderQuery.get(memberId) as { first_name: string; last_name: string } | undefined;
	const lines = linesQuery.all(memberId) as Line[];
	const statements = statementsQuery.all(memberId) as Statement[];
	const requests = requestsQuery.all(session.account_id) as OpenRequest[];
	const card = cardQuery.get(memberId, today) as { valid_from: string; valid_to: string } | undefined;
	// The cells carry their column's label for phones, written in the template as the portal's
	// dashboard does (it no longer rewrites the page, stacked-tables.ts).
	const html = `${frame.before}<h1>Espace adhérent</h1><p class="lead">${holder ? `Bonjour ${escapeHtml(holder.first_name)} ${escapeHtml(holder.last_name)}.` : "Bonjour."}</p><section aria-labelledby="remboursements-titre"><h2 id="remboursements-titre">Derniers remboursements</h2>${linesTable(lines)}<p><a href="/adherent/remboursements">Voir tous mes remboursements</a></p></section><section aria-labelledby="releves-titre"><h2 id="releves-titre">Derniers relevés de prestations</h2>${statementsList(statements)}<p><a href="/adherent/releves">Voir tous mes relevés</a></p></section><section aria-labelledby="demandes-titre"><h2 id="demandes-titre">Mes demandes en cours</h2>${requestsList(requests)}<p><a href="/adherent/reclamations">Voir mes réclamations</a></p></section><section aria-labelledby="carte-titre"><h2 id="carte-titre">Ma carte de tiers payant</h2>${cardText(card, today)}<p><a href="/adherent/carte">Afficher ma carte de tiers payant</a></p></section>${frame.after}`;
	// Nothing is answered before its record exists (as in the portal).
	recordView(now, session.account_id, session.id, requestId);
	res.type("html").send(html);
});

const server = app.listen(0, "127.0.0.1", () => {
	const address = server.address();
	process.stdout.write(
		`listening ${typeof address === "object" && address ? address.port : 0} ${process.pid}\n`,
	);
});
process.once("SIGTERM", () => {
	server.close();
	db.close();
	process.exit(0);
});
