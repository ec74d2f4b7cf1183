// How long the portal keeps what, and why (DOMAIN.md §9; GDPR art. 5(1)(e), 17(3)(b) and (e)).
// One list, read by the account-deletion page (what is deleted, what is kept and why) and
// enforced by the daily retention task (worker/tasks/data-retention.ts), which is safe to run
// twice: each step only matches what is past its limit and not yet deleted or anonymised.
import { and, eq, inArray, isNotNull, lt, lte, ne, notInArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
	accounts,
	bankDetailChanges,
	beneficiaries,
	consents,
	dataDirectives,
	individualContracts,
	members,
	pageViews,
	persons,
	requestStatusHistory,
	requests,
	uploadedDocuments,
} from "../../schema/tables/index.ts";
import { addMonths, addYears, parisDay } from "../calendar.ts";
import type { DocumentStorage } from "../storage.ts";

export interface RetentionRule {
	readonly what: string;
	readonly kept: string;
	readonly why: string;
}

export const CLOSED_ACCOUNT_YEARS = 1;
export const CHOICE_PROOF_YEARS = 5;
export const REQUEST_YEARS = 5;
export const IDENTITY_PROOF_YEARS = 1;
export const AUDIENCE_MONTHS = 25;
export const INSURANCE_RECORD_YEARS = 10;

/** What the page tells the user, in the order it happens. */
export const RETENTION_RULES: readonly RetentionRule[] = [
	{
		what: "Vos identifiants de connexion, votre second facteur et vos sessions",
		kept: "Supprimés à la suppression du compte (après le délai de rétractation), ou un an après sa fermeture.",
		why: "Ils ne servent qu'à vous connecter.",
	},
	{
		what: "Vos directives pour après votre décès et la personne désignée",
		kept: "Supprimées avec le compte.",
		why: "Elles ne valent que tant que vous avez un compte pour les gérer.",
	},
	{
		what: "Vos choix sur la prospection et le profilage",
		kept: `${CHOICE_PROOF_YEARS} ans après la suppression du compte, puis supprimés.`,
		why: "La mutuelle doit pouvoir prouver votre accord ou votre opposition (RGPD, article 7 ; prescription de 5 ans, article 2224 du Code civil).",
	},
	{
		what: "Vos demandes (réclamations, données personnelles…) et leur historique",
		kept: `${REQUEST_YEARS} ans après leur clôture, puis supprimées.`,
		why: "Preuve du traitement de vos demandes en cas de litige (prescription de 5 ans, article 2224 du Code civil).",
	},
	{
		what: "Les justificatifs joints à une demande sur vos données (pièce d'identité…)",
		kept: `${IDENTITY_PROOF_YEARS} an après la clôture de la demande, puis supprimés.`,
		why: "Recommandation de la CNIL pour les justificatifs d'identité.",
	},
	{
		what: "Vos contrats, bénéficiaires, remboursements, relevés et paiements",
		kept: `${INSURANCE_RECORD_YEARS} ans après la fin de votre dernier contrat, puis anonymisés.`,
		why: "Obligations légales de la mutuelle : prescription des actions (article L221-11 du Code de la mutualité) et conservation des pièces comptables pendant 10 ans (article L123-22 du Code de commerce) ; RGPD, article 17, paragraphe 3, b et e.",
	},
	{
		what: "Le journal des opérations faites par votre compte",
		kept: "Conservé, sans donnée personnelle : il ne contient que des numéros.",
		why: "Il fait preuve des opérations (article 3 des conditions d'utilisation) ; inaltérable, il n'est ni modifié ni supprimé.",
	},
];

export interface RetentionCounts extends Record<string, number> {
	closedAccounts: number;
	directives: number;
	consents: number;
	requests: number;
	identityProofs: number;
	audienceDays: number;
	anonymisedMembers: number;
}

/** The end of an account: its credentials and contact erased, its sessions ended by the caller. */
export const ERASED_ACCOUNT = (accountId: number) =>
	({
		email: `compte-supprime-${accountId}@invalid`,
		passwordHash: null,
		totpSecret: null,
		totpEnabled: false,
		recoveryCodeHashes: null,
	}) as const;

async function eraseClosedAccounts(db: Database, now: Date): Promise<number> {
	const cutoff = new Date(`${addYears(parisDay(now), -CLOSED_ACCOUNT_YEARS)}T00:00:00Z`);
	const due = await db
		.select({ id: accounts.id })
		.from(accounts)
		.where(
			and(eq(accounts.state, "closed"), lte(accounts.closedAt, cutoff), isNotNull(accounts.passwordHash)),
		);
	for (const { id } of due) {
		await db
			.update(accounts)
			.set({ ...ERASED_ACCOUNT(id), updatedAt: now })
			.where(eq(accounts.id, id));
	}
	return due.length;
}

async function deleteDirectivesOfDeletedAccounts(db: Database): Promise<number> {
	const gone = db.select({ id: accounts.id }).from(accounts).where(eq(accounts.state, "deleted"));
	const rows = await db
		.delete(dataDirectives)
		.where(inArray(dataDirectives.accountId, gone))
		.returning({ id: dataDirectives.id });
	return rows.length;
}

async function deleteOldChoices(db: Database, now: Date): Promise<number> {
	const cutoff = new Date(`${addYears(parisDay(now), -CHOICE_PROOF_YEARS)}T00:00:00Z`);
	const gone = db
		.select({ id: accounts.id })
		.from(accounts)
		.where(and(eq(accounts.state, "deleted"), lte(accounts.deletedAt, cutoff)));
	const rows = await db
		.delete(consents)
		.where(inArray(consents.accountId, gone))
		.returning({ id: consents.id });
	return rows.length;
}

async function deleteDocuments(
	db: Database,
	storage: DocumentStorage | null,
	where: ReturnType<typeof and>,
): Promise<number> {
	// Without the store (a host that wired none) the bytes could not go: the rows stay, found again later.
	if (!storage) return 0;
	const due = await db
		.select({ id: uploadedDocuments.id, key: uploadedDocuments.storageKey })
		.from(uploadedDocuments)
		.where(where);
	for (const document of due) {
		// The bytes first: a row left behind after a failure is found again on the next run.
		await storage.delete(document.key);
		await db.delete(uploadedDocuments).where(eq(uploadedDocuments.id, document.id));
	}
	return due.length;
}

async function deleteOldRequests(db: Database, storage: DocumentStorage | null, now: Date): Promise<number> {
	const cutoff = new Date(`${addYears(parisDay(now), -REQUEST_YEARS)}T00:00:00Z`);
	// A bank-details change keeps its request as long as the change itself (not personal data here).
	const kept = db
		.select({ id: bankDetailChanges.requestId })
		.from(bankDetailChanges)
		.where(isNotNull(bankDetailChanges.requestId));
	const due = await db
		.select({ id: requests.id })
		.from(requests)
		.where(and(isNotNull(requests.closedAt), lte(requests.closedAt, cutoff), notInArray(requests.id, kept)));
	if (due.length === 0) return 0;
	await deleteDocuments(
		db,
		storage,
		and(
			inArray(
				uploadedDocuments.requestId,
				due.map((row) => row.id),
			),
		),
	);
	const withDocuments = new Set(
		(
			await db
				.select({ id: uploadedDocuments.requestId })
				.from(uploadedDocuments)
				.where(
					inArray(
						uploadedDocuments.requestId,
						due.map((row) => row.id),
					),
				)
		).map((row) => row.id),
	);
	const ids = due.map((row) => row.id).filter((id) => !withDocuments.has(id));
	if (ids.length === 0) return 0;
	await db.delete(requestStatusHistory).where(inArray(requestStatusHistory.requestId, ids));
	await db.delete(requests).where(inArray(requests.id, ids));
	return ids.length;
}

async function deleteIdentityProofs(
	db: Database,
	storage: DocumentStorage | null,
	now: Date,
): Promise<number> {
	const cutoff = new Date(`${addYears(parisDay(now), -IDENTITY_PROOF_YEARS)}T00:00:00Z`);
	const closed = db
		.select({ id: requests.id })
		.from(requests)
		.where(
			and(eq(requests.kind, "data_protection"), isNotNull(requests.closedAt), lte(requests.closedAt, cutoff)),
		);
	return deleteDocuments(db, storage, and(inArray(uploadedDocuments.requestId, closed)));
}

async function deleteOldAudience(db: Database, now: Date): Promise<number> {
	const firstKept = addMonths(parisDay(now), -AUDIENCE_MONTHS);
	const rows = await db
		.delete(pageViews)
		.where(lt(pageViews.day, firstKept))
		.returning({ day: pageViews.day });
	return rows.length;
}

/**
 * Members whose last contract ended more than ten years ago and who have no open account: their
 * identity and contact data are replaced, so the amounts left behind are no one's. A person is
 * anonymised only if no other member, beneficiary line or affiliation still needs them.
 */
async function anonymiseFormerMembers(db: Database, now: Date): Promise<number> {
	const limit = addYears(parisDay(now), -INSURANCE_RECORD_YEARS);
	const stillCovered = db
		.select({ id: individualContracts.memberId })
		.from(individualContracts)
		.where(sql`${individualContracts.endDate} IS NULL OR ${individualContracts.endDate} >= ${limit}`);
	const withLiveAccount = db
		.select({ id: accounts.memberId })
		.from(accounts)
		.where(and(isNotNull(accounts.memberId), inArray(accounts.state, ["pending", "active", "suspended"])));
	const due = await db
		.select({ id: members.id, personId: members.personId })
		.from(members)
		.where(
			and(
				ne(members.addressLine1, "Anonymisé"),
				notInArray(members.id, stillCovered),
				notInArray(members.id, withLiveAccount),
				sql`EXISTS (SELECT 1 FROM individual_contracts c WHERE c.member_id = ${members.id})`,
			),
		);
	for (const member of due) {
		await db.transaction(
			async (tx) => {
				await tx
					.update(members)
					.set({
						addressLine1: "Anonymisé",
						addressLine2: null,
						postalCode: "00000",
						city: "Anonymisé",
						inseeCode: null,
						email: null,
						phone: null,
						updatedAt: now,
					})
					.where(eq(members.id, member.id));
				const people = await tx
					.select({ id: beneficiaries.personId })
					.from(beneficiaries)
					.where(eq(beneficiaries.memberId, member.id));
				const candidates = [...new Set([member.personId, ...people.map((row) => row.id)])];
				for (const personId of candidates) {
					const [elsewhere] = await tx.all<{ n: number }>(sql`SELECT
						(SELECT count(*) FROM members WHERE person_id = ${personId} AND id <> ${member.id})
						+ (SELECT count(*) FROM beneficiaries WHERE person_id = ${personId} AND member_id <> ${member.id})
						+ (SELECT count(*) FROM affiliations WHERE person_id = ${personId})
						+ (SELECT count(*) FROM accounts WHERE staff_person_id = ${personId}) AS n`);
					if ((elsewhere?.n ?? 0) > 0) continue;
					await tx
						.update(persons)
						.set({
							lastName: "Anonyme",
							birthName: null,
							firstName: "Anonyme",
							nir: null,
							// The year stays (age bands in the insurer's statistics), the day goes.
							birthDate: sql`substr(${persons.birthDate}, 1, 4) || '-01-01'`,
							updatedAt: now,
						})
						.where(eq(persons.id, personId));
				}
			},
			{ behavior: "immediate" },
		);
	}
	return due.length;
}

/** One pass of every rule; counts only. */
export async function enforceRetention(
	db: Database,
	now: Date,
	storage: DocumentStorage | null,
): Promise<RetentionCounts> {
	return {
		closedAccounts: await eraseClosedAccounts(db, now),
		directives: await deleteDirectivesOfDeletedAccounts(db),
		consents: await deleteOldChoices(db, now),
		identityProofs: await deleteIdentityProofs(db, storage, now),
		requests: await deleteOldRequests(db, storage, now),
		audienceDays: await deleteOldAudience(db, now),
		anonymisedMembers: await anonymiseFormerMembers(db, now),
	};
}

/** Anything past its limit (the decade test asks after every run): should always be empty. */
export async function findOverdueData(db: Database, now: Date): Promise<string[]> {
	const day = parisDay(now);
	const found: string[] = [];
	const check = async (label: string, rows: Promise<unknown[]>) => {
		const n = (await rows).length;
		if (n > 0) found.push(`${label}: ${n}`);
	};
	const gone = db.select({ id: accounts.id }).from(accounts).where(eq(accounts.state, "deleted"));
	await check(
		"credentials of deleted or long-closed accounts",
		db
			.select({ id: accounts.id })
			.from(accounts)
			.where(
				and(
					isNotNull(accounts.passwordHash),
					sql`(${accounts.state} = 'deleted' OR (${accounts.state} = 'closed' AND ${accounts.closedAt} <= ${new Date(`${addYears(day, -CLOSED_ACCOUNT_YEARS)}T00:00:00Z`).getTime() - 86_400_000}))`,
				),
			),
	);
	await check(
		"directives of deleted accounts",
		db.select().from(dataDirectives).where(inArray(dataDirectives.accountId, gone)),
	);
	await check(
		"requests closed too long ago",
		db
			.select({ id: requests.id })
			.from(requests)
			.where(
				and(
					ne(requests.kind, "bank_details_change"),
					isNotNull(requests.closedAt),
					lt(requests.closedAt, new Date(`${addYears(day, -REQUEST_YEARS)}T00:00:00Z`)),
				),
			),
	);
	await check(
		"audience counts too old",
		db
			.select()
			.from(pageViews)
			.where(lt(pageViews.day, addMonths(day, -AUDIENCE_MONTHS))),
	);
	await check(
		"identified former members",
		db
			.select({ id: members.id })
			.from(members)
			.where(
				and(
					ne(members.addressLine1, "Anonymisé"),
					sql`EXISTS (SELECT 1 FROM individual_contracts c WHERE c.member_id = ${members.id})`,
					sql`NOT EXISTS (SELECT 1 FROM individual_contracts c WHERE c.member_id = ${members.id} AND (c.end_date IS NULL OR c.end_date >= ${addYears(day, -INSURANCE_RECORD_YEARS)}))`,
					sql`NOT EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = ${members.id} AND a.state IN ('pending', 'active', 'suspended'))`,
				),
			),
	);
	return found;
}
