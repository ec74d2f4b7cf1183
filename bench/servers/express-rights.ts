// The fair peer of the rights benchmark: Express 5 and better-sqlite3 doing, for
// `POST /api/v1/professionnel/droits`, the per-request work the portal does, as a competent team
// would write it without our framework:
// - the practice's API key (`Authorization: Bearer espk_<public id>_<secret>`) looked up by its
//   public id, SHA-256 of its secret compared in constant time, revoked keys refused, last use
//   written at most once a minute;
// - the practice's two rate-limit counters (minute, hour) by the same UPSERT … RETURNING
//   (core/rate-limit.ts), with the same limits the portal runs with in the benchmark;
// - the member by number, the card in force on the day of care, its beneficiaries on that day,
//   the offer (individual contract, else affiliation) and its card cells: the statements of
//   core/adherent/card.ts; the answer shaped by the portal's own rightsOfCard (a pure function);
// - the check written to rights_checks, one audit entry in the portal's canonical form and chain
//   (`hashEntry`, re-chained after a key conflict so that the two servers can take turns on one
//   database; the insert fires the same trigger, which keeps rights_check_recent_members), and
//   the two harvesting queries of core/professionnel/harvesting.ts;
// - in the portal's transactions (ADR 0049): the counts and the card's reads in one, the check and
//   the watch's reads in another, the audit entry on its own.
// Body validation is a few `typeof` and regex checks (the portal runs zod through the OpenAPI
// route). Prints "listening <port> <pid>" once ready.
// Usage: tsx bench/servers/express-rights.ts <database file> <checks per minute> <checks per hour>
import { timingSafeEqual } from "node:crypto";
import Database from "better-sqlite3";
import express from "express";
import { DOMAIN_LABELS, type MemberCard } from "../../core/adherent/card.ts";
import { GENESIS_HASH, hashEntry } from "../../core/audit.ts";
import { parisDayOf } from "../../core/format.ts";
import { rightsOfCard } from "../../core/professionnel/rights.ts";
import { sha256Hex } from "../../core/sha256.ts";

const [file = "", perMinuteText = "30", perHourText = "300"] = process.argv.slice(2);
const LIMITS = [
	{ name: "minute", limit: Number(perMinuteText), windowMs: 60_000 },
	{ name: "hour", limit: Number(perHourText), windowMs: 3_600_000 },
];
const db = new Database(file, { fileMustExist: true });
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");

const KEY = /^espk_([a-z2-7]{24})_([a-z2-7]{24})$/;
const keyQuery = db.prepare(
	"SELECT id, professional_id, created_by_account_id, secret_hash, scope, last_used_at, revoked_at FROM practice_api_keys WHERE public_id = ?",
);
const touchKey = db.prepare("UPDATE practice_api_keys SET last_used_at = ? WHERE id = ?");
const consume = db.prepare(
	`INSERT INTO rate_limit_buckets (key, count, window_started_at) VALUES (?, 1, ?)
	 ON CONFLICT (key) DO UPDATE SET
	   count = CASE WHEN window_started_at <= ? THEN 1 ELSE count + 1 END,
	   window_started_at = CASE WHEN window_started_at <= ? THEN ? ELSE window_started_at END
	 RETURNING count, window_started_at`,
);
const memberQuery = db.prepare("SELECT id FROM members WHERE member_number = ?");
const cardQuery = db.prepare(
	`SELECT c.id, c.amc_number, c.convention_type, c.routing_criterion, c.valid_from, c.valid_to, m.member_number,
	        p.last_name, p.first_name
	 FROM tiers_payant_cards c JOIN members m ON m.id = c.member_id JOIN persons p ON p.id = m.person_id
	 WHERE c.member_id = ? AND c.valid_from <= ? AND c.valid_to >= ?
	 ORDER BY c.valid_from DESC, c.issued_at DESC LIMIT 1`,
);
const beneficiariesQuery = db.prepare(
	`SELECT b.id, p.last_name, p.first_name, b.relationship, p.birth_date, p.nir
	 FROM beneficiaries b JOIN persons p ON p.id = b.person_id
	 WHERE b.member_id = ? AND b.start_date <= ? AND (b.end_date IS NULL OR b.end_date >= ?)
	 ORDER BY b.rank, b.id`,
);
const individualOffer = db.prepare(
	`SELECT o.id, o.label, o.responsible FROM individual_contracts ic JOIN offers o ON o.id = ic.offer_id
	 WHERE ic.member_id = ? AND ic.start_date <= ? AND (ic.end_date IS NULL OR ic.end_date >= ?)
	 ORDER BY ic.start_date DESC LIMIT 1`,
);
const collectiveOffer = db.prepare(
	`SELECT o.id, o.label, o.responsible FROM affiliations a
	 JOIN group_contract_categories g ON g.id = a.category_id JOIN offers o ON o.id = g.offer_id
	 WHERE a.member_id = ? AND a.start_date <= ?
	   AND (a.end_date IS NULL OR a.end_date >= ? OR a.portability_end_date >= ?)
	 ORDER BY a.start_date DESC LIMIT 1`,
);
const cellsQuery = db.prepare(
	"SELECT domain AS code, value FROM offer_card_cells WHERE offer_id = ? ORDER BY id",
);
const insertCheck = db.prepare(
	`INSERT INTO rights_checks (professional_id, account_id, channel, checked_at, member_number_as_sent, member_id, care_date, found)
	 VALUES (?, ?, 'api', ?, ?, ?, ?, ?)`,
);
// The two bounded reads of the harvesting watch (ADR 0044): the numbers of the last ten minutes
// from rights_check_recent_members (which the database's trigger keeps on every insert into
// rights_checks, this server's too), up to the threshold, and the latest checks along the time index.
const recentMembers = db.prepare(
	"SELECT last_checked_at FROM rights_check_recent_members WHERE professional_id = ? AND last_checked_at > ? LIMIT 26",
);
const recentNumbers = db.prepare(
	"SELECT member_number_as_sent FROM rights_checks WHERE professional_id = ? AND checked_at > ? ORDER BY checked_at DESC, id DESC LIMIT 20",
);
const lastLink = db.prepare("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1");
const insertAudit = db.prepare(
	`INSERT INTO audit_events (seq, occurred_at, account_id, session_id, actor_kind, action, object_type, object_id,
		outcome, correlation_id, ip_hash, details, prev_hash, hash)
	 VALUES (?, ?, ?, NULL, 'account', 'professionnel.rights.checked', ?, ?, ?, ?, NULL, ?, ?, ?)`,
);
let last: { seq: number; hash: string } | undefined;

function recordCheck(
	now: Date,
	accountId: number,
	memberId: number | null,
	found: boolean,
	details: Record<string, string | number>,
	requestId: string,
) {
	for (let attempt = 1; ; attempt++) {
		const previous = last ??
			(lastLink.get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH };
		const objectType = memberId === null ? null : "member";
		const objectId = memberId === null ? null : String(memberId);
		const outcome = found ? "success" : "failure";
		const entry = {
			seq: previous.seq + 1,
			occurredAt: now,
			accountId,
			sessionId: null,
			actorKind: "account",
			action: "professionnel.rights.checked",
			objectType,
			objectId,
			outcome,
			correlationId: requestId,
			ipHash: null,
			details,
			prevHash: previous.hash,
		};
		const hash = hashEntry(entry);
		try {
			insertAudit.run(
				entry.seq,
				now.getTime(),
				accountId,
				objectType,
				objectId,
				outcome,
				requestId,
				JSON.stringify(details),
				previous.hash,
				hash,
			);
			last = { seq: entry.seq, hash };
			return;
		} catch (error) {
			// The portal wrote since (between rounds): re-read the chain's end.
			last = undefined;
			const code = (error as { code?: string }).code ?? "";
			if (!code.startsWith("SQLITE_CONSTRAINT") || attempt >= 8) throw error;
		}
	}
}

/** The card in force, as core/adherent/card.ts#getCurrentCard reads it. */
function currentCard(memberId: number, day: string): MemberCard | null {
	const row = cardQuery.get(memberId, day, day) as Record<string, string | number> | undefined;
	if (!row) return null;
	const offer = (individualOffer.get(memberId, day, day) ?? collectiveOffer.get(memberId, day, day, day)) as
		| { id: number; label: string; responsible: number }
		| undefined;
	const cells = offer ? (cellsQuery.all(offer.id) as { code: string; value: string }[]) : [];
	const covered = beneficiariesQuery.all(memberId, day, day) as Record<string, string | number | null>[];
	return {
		id: Number(row.id),
		memberId,
		memberNumber: String(row.member_number),
		amcNumber: String(row.amc_number),
		conventionType: String(row.convention_type),
		routingCriterion: String(row.routing_criterion),
		validFrom: String(row.valid_from),
		validTo: String(row.valid_to),
		holder: { lastName: String(row.last_name), firstName: String(row.first_name) },
		offer: offer ? { label: offer.label, responsible: Boolean(offer.responsible) } : null,
		beneficiaries: covered.map((b) => ({
			id: Number(b.id),
			lastName: String(b.last_name),
			firstName: String(b.first_name),
			relationship: b.relationship,
			birthDate: String(b.birth_date),
			nir: b.nir === null ? null : String(b.nir),
		})),
		domains: cells.map((cell) => ({ ...cell, label: DOMAIN_LABELS[cell.code] ?? null })),
	} as MemberCard;
}

const countAndRead = db.transaction(
	(professionalId: number, now: Date, memberNumber: string, careDate: string) => {
		const counts = LIMITS.map(
			(window) =>
				(
					consume.get(
						`rights_check:${window.name}:professional:${professionalId}`,
						now.getTime(),
						now.getTime() - window.windowMs,
						now.getTime() - window.windowMs,
						now.getTime(),
					) as { count: number }
				).count,
		);
		const member = memberQuery.get(memberNumber) as { id: number } | undefined;
		return { counts, member, card: member ? currentCard(member.id, careDate) : null };
	},
).immediate;

const recordAndWatch = db.transaction(
	(
		professionalId: number,
		accountId: number,
		now: Date,
		memberNumber: string,
		memberId: number | null,
		careDate: string,
		found: boolean,
	) => {
		insertCheck.run(
			professionalId,
			accountId,
			now.getTime(),
			memberNumber,
			memberId,
			careDate,
			found ? 1 : 0,
		);
		recentMembers.all(professionalId, now.getTime() - 10 * 60_000);
		recentNumbers.all(professionalId, now.getTime() - 60 * 60_000);
	},
).immediate;

let requestCount = 0;
const app = express();
app.use(express.json({ limit: "16kb" }));
app.post("/api/v1/professionnel/droits", (req, res) => {
	const now = new Date();
	const requestId = `peer-${process.pid}-${++requestCount}`;
	res.set("Cache-Control", "no-store");
	const header = req.get("Authorization") ?? "";
	const match = header.startsWith("Bearer ") ? KEY.exec(header.slice(7).trim()) : null;
	const key = match
		? (keyQuery.get(match[1]) as Record<string, string | number | null> | undefined)
		: undefined;
	const given = Buffer.from(sha256Hex(match?.[2] ?? ""));
	const stored = Buffer.from(String(key?.secret_hash ?? ""));
	if (
		!key ||
		key.revoked_at !== null ||
		key.scope !== "droits" ||
		given.length !== stored.length ||
		!timingSafeEqual(given, stored)
	) {
		res.status(401).json({ error: "unauthorized" });
		return;
	}
	if (key.last_used_at === null || now.getTime() - Number(key.last_used_at) >= 60_000)
		touchKey.run(now.getTime(), key.id);
	const body = req.body as Record<string, unknown>;
	const today = parisDayOf(now);
	const { memberNumber, birthDate } = body;
	const careDate = typeof body.careDate === "string" ? body.careDate : today;
	if (
		typeof memberNumber !== "string" ||
		!/^\d{1,20}$/.test(memberNumber) ||
		typeof birthDate !== "string" ||
		!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)
	) {
		res.status(400).json({ error: "invalid" });
		return;
	}
	const professionalId = Number(key.professional_id);
	// As the portal (ADR 0049): the two counts and the card's reads in one transaction, then the
	// check and the watch's reads in another; the audit entry after them.
	const { counts, member, card } = countAndRead(professionalId, now, memberNumber, careDate);
	if (counts.some((count, index) => count > (LIMITS[index]?.limit ?? 0))) {
		res.status(429).json({ error: "throttled" });
		return;
	}
	const beneficiaries = card?.beneficiaries.filter((person) => person.birthDate === birthDate) ?? [];
	const found = card !== null && beneficiaries.length > 0;
	recordAndWatch(
		professionalId,
		Number(key.created_by_account_id),
		now,
		memberNumber,
		found ? (member?.id ?? null) : null,
		careDate,
		found,
	);
	recordCheck(
		now,
		Number(key.created_by_account_id),
		found ? (member?.id ?? null) : null,
		found,
		{ apiKeyId: Number(key.id), careDate, channel: "api", professionalId },
		requestId,
	);
	if (!found || !card) {
		res.status(404).json({ error: "not-found" });
		return;
	}
	res.json({ status: "covered", rights: rightsOfCard(card, careDate, beneficiaries) });
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
