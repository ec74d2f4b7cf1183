// « Preuve » (article 3 of the CGU: the records of the information system are proof): an
// account's entries of the audit trail, the chain verified, and a bundle for a dispute that
// anyone can check without our software: each entry comes with its canonical form, whose SHA-256
// is its hash, and each canonical form ends with the previous entry's hash. The whole chain is
// recomputed at export time and its head (last sequence number and hash) is in the bundle, so a
// later export, or the daily verification, can show the bundle's entries are still in the chain.
import { and, desc, eq, or } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type AuditEvent, auditEvents } from "../../schema/tables/index.ts";
import { type ChainVerification, canonicalForm, verifyAuditChain } from "../audit.ts";
import { sha256Hex } from "../sha256.ts";

export const BUNDLE_FORMAT = "espace-preuve/1";
/** Entries shown on the page; the export holds every one. */
export const TRAIL_LIMIT = 200;

export interface TrailEntry {
	readonly seq: number;
	readonly occurredAt: Date;
	readonly actorKind: string;
	readonly action: string;
	readonly objectType: string | null;
	readonly objectId: string | null;
	readonly outcome: string;
	readonly sessionId: string | null;
	readonly correlationId: string | null;
	readonly hash: string;
	readonly prevHash: string;
	/** SHA-256 of the canonical form equals the stored hash. */
	readonly intact: boolean;
	readonly canonical: string;
}

function toEntry(row: AuditEvent): TrailEntry {
	const canonical = canonicalForm({ ...row, details: row.details ?? null });
	return {
		seq: row.seq,
		occurredAt: row.occurredAt,
		actorKind: row.actorKind,
		action: row.action,
		objectType: row.objectType,
		objectId: row.objectId,
		outcome: row.outcome,
		sessionId: row.sessionId,
		correlationId: row.correlationId,
		hash: row.hash,
		prevHash: row.prevHash,
		intact: sha256Hex(canonical) === row.hash,
		canonical,
	};
}

/** What the account did, and what was done to it (staff and system entries about the account), newest first. */
export async function listAccountTrail(
	db: Database,
	accountId: number,
	limit = TRAIL_LIMIT,
): Promise<TrailEntry[]> {
	const rows = await db
		.select()
		.from(auditEvents)
		.where(
			or(
				eq(auditEvents.accountId, accountId),
				and(eq(auditEvents.objectType, "account"), eq(auditEvents.objectId, String(accountId))),
			),
		)
		.orderBy(desc(auditEvents.seq))
		.limit(limit);
	return rows.map(toEntry);
}

export interface ProofBundle {
	readonly format: typeof BUNDLE_FORMAT;
	readonly generatedAt: string;
	readonly account: { readonly id: number; readonly identifier: string };
	readonly chain: {
		readonly verified: boolean;
		readonly checked: number;
		readonly firstBrokenSeq: number | null;
		readonly head: { readonly seq: number; readonly hash: string } | null;
	};
	readonly howToVerify: readonly string[];
	readonly entries: readonly {
		readonly seq: number;
		readonly occurredAt: string;
		readonly action: string;
		readonly outcome: string;
		readonly prevHash: string;
		readonly hash: string;
		/** The exact text whose SHA-256 (UTF-8) is `hash`; its last element is `prevHash`. */
		readonly canonical: string;
	}[];
}

const HOW_TO_VERIFY = [
	"Chaque entrée : l'empreinte SHA-256 (UTF-8) du texte « canonical » est égale à « hash », et le dernier élément de « canonical » est « prevHash ».",
	"Avec jq et sha256sum : jq -j '.entries[0].canonical' preuve.json | sha256sum  (à comparer avec .entries[0].hash).",
	"Toutes les entrées d'un coup : npm run audit:verify-bundle -- preuve.json",
	"« chain.head » est la tête de la chaîne au moment de l'export : un export ultérieur ou npm run audit:verify montre que ces entrées y sont toujours.",
];

export async function buildProofBundle(
	db: Database,
	account: { readonly id: number; readonly identifier: string },
	now: Date,
): Promise<{ bundle: ProofBundle; verification: ChainVerification }> {
	const verification = await verifyAuditChain(db);
	const [head] = await db
		.select({ seq: auditEvents.seq, hash: auditEvents.hash })
		.from(auditEvents)
		.orderBy(desc(auditEvents.seq))
		.limit(1);
	const entries = (await listAccountTrail(db, account.id, Number.MAX_SAFE_INTEGER)).reverse();
	return {
		verification,
		bundle: {
			format: BUNDLE_FORMAT,
			generatedAt: now.toISOString(),
			account,
			chain: {
				verified: verification.ok,
				checked: verification.checked,
				firstBrokenSeq: verification.ok ? null : verification.firstBrokenSeq,
				head: head ?? null,
			},
			howToVerify: HOW_TO_VERIFY,
			entries: entries.map((entry) => ({
				seq: entry.seq,
				occurredAt: entry.occurredAt.toISOString(),
				action: entry.action,
				outcome: entry.outcome,
				prevHash: entry.prevHash,
				hash: entry.hash,
				canonical: entry.canonical,
			})),
		},
	};
}

export type BundleCheck =
	| { readonly ok: true; readonly entries: number }
	| { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks a bundle on its own (no database): each canonical form hashes to its entry's hash and
 * carries its sequence number and previous hash; consecutive entries link. In French, for the CLI.
 */
export function verifyProofBundle(bundle: unknown): BundleCheck {
	const problems: string[] = [];
	const entries = (bundle as { entries?: unknown })?.entries;
	if ((bundle as { format?: unknown })?.format !== BUNDLE_FORMAT || !Array.isArray(entries))
		return { ok: false, problems: [`Ce fichier n'est pas un export de preuve (${BUNDLE_FORMAT}).`] };
	let previous: { seq: number; hash: string } | null = null;
	for (const [index, raw] of entries.entries()) {
		const entry = raw as { seq?: unknown; hash?: unknown; prevHash?: unknown; canonical?: unknown };
		if (
			typeof entry.canonical !== "string" ||
			typeof entry.hash !== "string" ||
			typeof entry.seq !== "number"
		) {
			problems.push(`Entrée n° ${index + 1} : incomplète.`);
			continue;
		}
		let fields: unknown[] = [];
		try {
			fields = JSON.parse(entry.canonical) as unknown[];
		} catch {
			problems.push(`Entrée ${entry.seq} : forme canonique illisible.`);
			continue;
		}
		if (sha256Hex(entry.canonical) !== entry.hash)
			problems.push(`Entrée ${entry.seq} : l'empreinte ne correspond pas au contenu.`);
		if (fields[0] !== entry.seq || fields.at(-1) !== entry.prevHash)
			problems.push(`Entrée ${entry.seq} : numéro ou empreinte précédente différents de la forme canonique.`);
		if (previous && previous.seq + 1 === entry.seq && entry.prevHash !== previous.hash)
			problems.push(`Entrée ${entry.seq} : ne suit pas l'empreinte de l'entrée ${previous.seq}.`);
		previous = { seq: entry.seq, hash: entry.hash };
	}
	return problems.length === 0 ? { ok: true, entries: entries.length } : { ok: false, problems };
}
