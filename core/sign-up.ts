// Signing up (CGU articles 1 and 2); the new account's identifier is allocated by
// account-identifier.ts and the account activated by account-activation.ts. A person proves who they are
// against the insurer's records (member number and birth date, SIRET and group contract, or
// tiers-payant convention and RPPS/FINESS), always with the e-mail address those records hold.
// Callers answer the same thing whatever happened (no enumeration): what happened is told by
// e-mail to the address on the records, and to the audit trail, which only staff read.
// No password ever travels by e-mail: the mail carries the identifier and a single-use link,
// valid 24 hours, where the person chooses the password (SECURITY.md "Credentials").
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../db/client.ts";
import type { CapacityStatement } from "../schema/enums.ts";
import {
	type Account,
	accounts,
	affiliations,
	cguAcceptances,
	companies,
	groupContracts,
	individualContracts,
	members,
	persons,
	professionals,
} from "../schema/tables/index.ts";
import { allocateIdentifier, type SignUpSpace } from "./account-identifier.ts";
import { recordAuditEvent } from "./audit.ts";
import { addYears, parisDay } from "./calendar.ts";
import { createOneTimeToken, invalidateTokens } from "./one-time-token.ts";
import type { RandomBytes } from "./password.ts";
import { consumeRateLimit } from "./rate-limit.ts";
import { queueMail } from "./send-mail.ts";

/** Who may accept the CGU in each space (article 2: own capacity, or an authorisation). */
export const SPACE_CAPACITIES = {
	adherent: ["own_capacity", "parental_authority", "tutor", "curator"],
	employeur: ["legal_representative", "own_capacity"],
	professionnel: ["own_capacity", "legal_representative"],
} as const satisfies Readonly<Record<SignUpSpace, readonly [CapacityStatement, ...CapacityStatement[]]>>;

/** What the person typed to prove who they are; already parsed and normalised at the boundary. */
export type SignUpProof =
	| {
			readonly space: "adherent";
			readonly memberNumber: string;
			readonly birthDate: string;
			readonly email: string;
	  }
	| {
			readonly space: "employeur";
			readonly siret: string;
			readonly contractNumber: string;
			readonly email: string;
	  }
	| {
			readonly space: "professionnel";
			readonly conventionNumber: string;
			readonly practitionerNumber: string;
			readonly email: string;
	  };

/** An e-mail address: trimmed and lower-cased, so that the comparison with the records is exact. */
export const emailAddressSchema = z
	.string({ error: "L'adresse e-mail est obligatoire." })
	.trim()
	.toLowerCase()
	.min(1, "L'adresse e-mail est obligatoire.")
	.max(254, "L'adresse e-mail est trop longue.")
	.pipe(z.email({ error: "L'adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)." }));

const HOUR = 60 * 60_000;
/** Every valid submission counts, matched or not, so that the limit itself tells nothing. */
export const SIGN_UP_LIMITS = {
	perEmail: { limit: 3, windowMs: HOUR },
	perIp: { limit: 20, windowMs: HOUR },
} as const;

export interface SignUpInput {
	readonly proof: SignUpProof;
	/** The version of the CGU in force that the form showed and the person accepted. */
	readonly cguVersion: string;
	readonly capacity: CapacityStatement;
	readonly ipKey: string;
	readonly now: Date;
	/** Server secret: keys the e-mail address in the rate-limit table. */
	readonly pepper: string;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
	readonly correlationId?: string | null;
}

/**
 * For the audit trail and the tests only: every caller must answer the same whatever it says.
 * - created: a pending account and its activation link; resent: a new link for a pending one;
 * - exists: the member, company or professional already has an account (its owner is told by e-mail);
 * - no_match, access_ended (coverage over for more than two years, or never any), rate_limited.
 */
export type SignUpOutcome = "created" | "resent" | "exists" | "no_match" | "access_ended" | "rate_limited";
export type SignUpResult = {
	readonly ok: true;
	readonly outcome: SignUpOutcome;
	readonly accountId: number | null;
};

/** The member, company or professional the proof designates, as the records know it. */
interface Holder {
	readonly space: SignUpSpace;
	readonly ownerId: number;
	/** The address on the records, which the typed one matched. */
	readonly email: string;
	readonly displayName: string | undefined;
	/** Last day of access: two years after the coverage ended; null while it goes on. */
	readonly accessUntil: string | null;
	/** False when the records hold no contract, affiliation or convention at all. */
	readonly covered: boolean;
}

export async function signUp(db: Database, input: SignUpInput): Promise<SignUpResult> {
	const { proof, now } = input;
	const space = proof.space;
	const audit = (outcome: SignUpOutcome, accountId: number | null) =>
		recordAuditEvent(db, {
			occurredAt: now,
			accountId,
			actorKind: "anonymous",
			action: "auth.sign_up",
			objectType: accountId === null ? null : "account",
			objectId: accountId === null ? null : String(accountId),
			outcome:
				outcome === "rate_limited"
					? "denied"
					: outcome === "created" || outcome === "resent"
						? "success"
						: "failure",
			correlationId: input.correlationId ?? null,
			ipHash: input.ipKey,
			details: { space, result: outcome },
		});
	const done = async (outcome: SignUpOutcome, accountId: number | null = null): Promise<SignUpResult> => {
		await audit(outcome, accountId);
		return { ok: true, outcome, accountId };
	};

	if (!(await withinSignUpLimits(db, input))) return done("rate_limited");
	const holder = await findHolder(db, proof);
	if (!holder) return done("no_match");
	if (!holder.covered || (holder.accessUntil !== null && holder.accessUntil < parisDay(now)))
		return done("access_ended");

	const claimed = await db.transaction(
		async (tx) => {
			// Inside the write lock: two submissions at once cannot both create an account. A closed
			// or deleted account does not count: its holder may sign up again while still covered.
			const [live] = await tx
				.select()
				.from(accounts)
				.where(and(ownerIs(holder), inArray(accounts.state, ["pending", "active", "suspended"])));
			if (live && live.state !== "pending") return { kind: "exists" as const, account: live };
			let account: Account;
			if (live) {
				const [refreshed] = await tx
					.update(accounts)
					.set({ email: holder.email, accessUntil: holder.accessUntil, updatedAt: now })
					.where(eq(accounts.id, live.id))
					.returning();
				account = refreshed ?? live;
			} else {
				const [created] = await tx
					.insert(accounts)
					.values({
						identifier: await allocateIdentifier(tx, space),
						space,
						memberId: space === "adherent" ? holder.ownerId : null,
						companyId: space === "employeur" ? holder.ownerId : null,
						professionalId: space === "professionnel" ? holder.ownerId : null,
						email: holder.email,
						state: "pending",
						createdAt: now,
						accessUntil: holder.accessUntil,
						// Codes by e-mail until an authenticator app is enrolled (required of employers and
						// professionals at their first sign-in: edge/middleware/auth.ts).
						secondFactorMethod: "email",
						updatedAt: now,
					})
					.returning();
				if (!created) throw new Error("sign-up: the account was not written");
				account = created;
			}
			await tx
				.insert(cguAcceptances)
				.values({
					accountId: account.id,
					version: input.cguVersion,
					acceptedAt: now,
					capacity: input.capacity,
				})
				.onConflictDoNothing();
			return { kind: live ? ("resent" as const) : ("created" as const), account };
		},
		{ behavior: "immediate" },
	);

	// The owner of the existing account learns of the attempt, at its own address; the page said
	// nothing. One notice per account and hour at most (the sign-up rate limits apply before).
	if (claimed.kind === "exists") {
		await queueMail(db, {
			template: "sign-up-existing-account",
			data: { signInPath: "/connexion", resetPath: "/mot-de-passe-oublie" },
			to: claimed.account.email,
			accountId: claimed.account.id,
			idempotencyKey: `sign-up-existing-account/${claimed.account.id}/${Math.floor(now.getTime() / 3_600_000)}`,
			now,
			publicUrl: input.publicUrl,
		});
		return done("exists", claimed.account.id);
	}

	const { account } = claimed;
	await invalidateTokens(db, account.id, "activation", now);
	const link = await createOneTimeToken(db, {
		purpose: "activation",
		accountId: account.id,
		now,
		randomBytes: input.randomBytes,
	});
	await queueMail(db, {
		template: "account-activation",
		data: {
			identifier: account.identifier,
			activationPath: `/compte/activer?jeton=${link.token}`,
			...(holder.displayName ? { displayName: holder.displayName } : {}),
		},
		to: account.email,
		accountId: account.id,
		idempotencyKey: `account-activation/${link.id}`,
		now,
		publicUrl: input.publicUrl,
	});
	return done(claimed.kind, account.id);
}

async function withinSignUpLimits(db: Database, input: SignUpInput): Promise<boolean> {
	const { now, pepper } = input;
	// The address is personal data: the bucket key holds a keyed hash of it, never the address.
	const emailKey = encodeHexLowerCase(
		hmac(SHA256, new TextEncoder().encode(pepper), new TextEncoder().encode(input.proof.email)),
	);
	const byEmail = await consumeRateLimit(db, {
		key: `sign_up:email:${emailKey}`,
		...SIGN_UP_LIMITS.perEmail,
		now,
	});
	const byIp = await consumeRateLimit(db, { key: `sign_up:ip:${input.ipKey}`, ...SIGN_UP_LIMITS.perIp, now });
	return byEmail.ok && byIp.ok;
}

function ownerIs(holder: Pick<Holder, "space" | "ownerId">) {
	if (holder.space === "adherent") return eq(accounts.memberId, holder.ownerId);
	if (holder.space === "employeur") return eq(accounts.companyId, holder.ownerId);
	return eq(accounts.professionalId, holder.ownerId);
}

const sameAddress = (recorded: string | null, typed: string): recorded is string =>
	recorded !== null && recorded.trim().toLowerCase() === typed;

/** Last covered day over periods (`null` end: still covered); undefined when there is none. */
function coverageEnd(ends: readonly (string | null)[]): { covered: boolean; accessUntil: string | null } {
	if (ends.length === 0) return { covered: false, accessUntil: null };
	if (ends.includes(null)) return { covered: true, accessUntil: null };
	// `YYYY-MM-DD` days sort as text.
	const last = [...(ends as string[])].sort().at(-1) as string;
	return { covered: true, accessUntil: addYears(last, 2) };
}

async function findHolder(db: Database, proof: SignUpProof): Promise<Holder | null> {
	if (proof.space === "adherent") return findMember(db, proof);
	if (proof.space === "employeur") return findCompany(db, proof);
	return findProfessional(db, proof);
}

/** Adhérent: the member number, the holder's birth date and the member's e-mail address. */
async function findMember(
	db: Database,
	proof: Extract<SignUpProof, { space: "adherent" }>,
): Promise<Holder | null> {
	const [member] = await db
		.select({
			id: members.id,
			email: members.email,
			birthDate: persons.birthDate,
			deceasedOn: persons.deceasedOn,
			first: persons.firstName,
			last: persons.lastName,
		})
		.from(members)
		.innerJoin(persons, eq(persons.id, members.personId))
		.where(eq(members.memberNumber, proof.memberNumber));
	if (
		!member ||
		member.birthDate !== proof.birthDate ||
		member.deceasedOn !== null ||
		!sameAddress(member.email, proof.email)
	)
		return null;
	return {
		space: "adherent",
		ownerId: member.id,
		email: member.email,
		displayName: `${member.first} ${member.last}`.slice(0, 80),
		...(await memberCoverage(db, member.id)),
	};
}

/**
 * A member's coverage: by an individual contract or, as an employee, by an affiliation
 * (portability included); `accessUntil` is two years after the last one ended (article 7), null
 * while one goes on. Also what an imported contract termination sets (core/import/resiliations.ts).
 */
export async function memberCoverage(
	db: Pick<Database, "select">,
	memberId: number,
): Promise<{ covered: boolean; accessUntil: string | null }> {
	const contracts = await db
		.select({ end: individualContracts.endDate })
		.from(individualContracts)
		.where(eq(individualContracts.memberId, memberId));
	const affiliated = await db
		.select({
			end: sql<string | null>`coalesce(${affiliations.portabilityEndDate}, ${affiliations.endDate})`,
		})
		.from(affiliations)
		.where(and(eq(affiliations.memberId, memberId), isNotNull(affiliations.option)));
	return coverageEnd([...contracts, ...affiliated].map((row) => row.end));
}

/** Employeur: the SIRET, one of the company's group contracts and the company's contact address. */
async function findCompany(
	db: Database,
	proof: Extract<SignUpProof, { space: "employeur" }>,
): Promise<Holder | null> {
	const [company] = await db
		.select({ id: companies.id, name: companies.name, email: companies.email })
		.from(companies)
		.innerJoin(
			groupContracts,
			and(eq(groupContracts.companyId, companies.id), eq(groupContracts.number, proof.contractNumber)),
		)
		.where(eq(companies.siret, proof.siret));
	if (!company || !sameAddress(company.email, proof.email)) return null;
	// The account covers the company, not one contract: access lasts as long as any of them.
	const contracts = await db
		.select({ end: groupContracts.endDate })
		.from(groupContracts)
		.where(eq(groupContracts.companyId, company.id));
	return {
		space: "employeur",
		ownerId: company.id,
		email: company.email,
		displayName: company.name.slice(0, 80),
		...coverageEnd(contracts.map((row) => row.end)),
	};
}

/** Professionnel: the tiers-payant convention, the RPPS (a person) or FINESS (an establishment) and the address. */
async function findProfessional(
	db: Database,
	proof: Extract<SignUpProof, { space: "professionnel" }>,
): Promise<Holder | null> {
	const [professional] = await db
		.select()
		.from(professionals)
		.where(
			and(
				eq(professionals.conventionNumber, proof.conventionNumber),
				or(
					eq(professionals.rpps, proof.practitionerNumber),
					eq(professionals.finess, proof.practitionerNumber),
				),
			),
		);
	if (!professional || !sameAddress(professional.email, proof.email)) return null;
	const name = professional.lastName
		? `${professional.firstName ?? ""} ${professional.lastName}`.trim()
		: professional.practiceName;
	return {
		space: "professionnel",
		ownerId: professional.id,
		email: professional.email,
		displayName: name?.slice(0, 80),
		...coverageEnd(professional.conventionSignedOn === null ? [] : [professional.conventionEndedOn]),
	};
}
