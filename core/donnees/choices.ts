// What a user decides about their data, each choice recorded, dated and revocable (GDPR art. 7(3)
// and 21, loi Informatique et Libertés art. 85): opposition to commercial prospecting and to
// profiling, or the consent to either, in the append-only `consents` table (the latest row
// wins; without one, the answer is "no": nothing is done without consent); directives for after
// death and the person who carries them out, in `data_directives` (a new one revokes the previous).
// Each change is audited with identifiers only.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type ConsentChoice, type ConsentPurpose, consentPurposes } from "../../schema/enums.ts";
import { consents, type DataDirectiveKind, dataDirectives } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import type { DataActor } from "./export.ts";

export interface ConsentState {
	readonly choice: ConsentChoice;
	/** When the user last chose; null when they never did (then the choice is "opposed"). */
	readonly recordedAt: Date | null;
}

export async function getConsentStates(
	db: Pick<Database, "select">,
	accountId: number,
): Promise<Record<ConsentPurpose, ConsentState>> {
	const rows = await db
		.select()
		.from(consents)
		.where(eq(consents.accountId, accountId))
		.orderBy(desc(consents.recordedAt), desc(consents.id));
	const states = {} as Record<ConsentPurpose, ConsentState>;
	for (const purpose of consentPurposes) {
		const latest = rows.find((row) => row.purpose === purpose);
		states[purpose] = latest
			? { choice: latest.choice, recordedAt: latest.recordedAt }
			: { choice: "opposed", recordedAt: null };
	}
	return states;
}

/** Records the choices made for the first time or changed (nothing is written for an unchanged one). */
export async function recordConsentChoices(
	db: Database,
	actor: DataActor,
	choices: Readonly<Record<ConsentPurpose, ConsentChoice>>,
	now: Date,
): Promise<ConsentPurpose[]> {
	return db.transaction(
		async (tx) => {
			const current = await getConsentStates(tx, actor.accountId);
			// A first explicit choice is recorded even when it matches the default: it is dated.
			const changed = consentPurposes.filter(
				(purpose) => current[purpose].recordedAt === null || current[purpose].choice !== choices[purpose],
			);
			for (const purpose of changed) {
				await tx
					.insert(consents)
					.values({ accountId: actor.accountId, purpose, choice: choices[purpose], recordedAt: now });
				await appendAuditEvent(tx, {
					occurredAt: now,
					...actor,
					actorKind: "account",
					action: choices[purpose] === "opposed" ? "donnees.consent.withdrawn" : "donnees.consent.given",
					objectType: "consent",
					objectId: purpose,
					outcome: "success",
				});
			}
			return changed;
		},
		{ behavior: "immediate" },
	);
}

export interface DataDirective {
	readonly id: number;
	readonly kind: DataDirectiveKind;
	readonly instructions: string | null;
	readonly personName: string | null;
	readonly personContact: string | null;
	readonly recordedAt: Date;
}

/** The directives in force, by kind. */
export async function getDataDirectives(
	db: Pick<Database, "select">,
	accountId: number,
): Promise<Partial<Record<DataDirectiveKind, DataDirective>>> {
	const rows = await db
		.select()
		.from(dataDirectives)
		.where(and(eq(dataDirectives.accountId, accountId), isNull(dataDirectives.revokedAt)))
		.orderBy(desc(dataDirectives.recordedAt));
	const found: Partial<Record<DataDirectiveKind, DataDirective>> = {};
	for (const row of rows) found[row.kind] ??= row;
	return found;
}

export type DirectiveInput =
	| { readonly kind: "post_mortem_directives"; readonly instructions: string }
	| { readonly kind: "trusted_person"; readonly personName: string; readonly personContact: string };

async function revokeActive(
	tx: Parameters<Parameters<Database["transaction"]>[0]>[0],
	accountId: number,
	kind: DataDirectiveKind,
	now: Date,
) {
	return tx
		.update(dataDirectives)
		.set({ revokedAt: now })
		.where(
			and(
				eq(dataDirectives.accountId, accountId),
				eq(dataDirectives.kind, kind),
				isNull(dataDirectives.revokedAt),
			),
		)
		.returning({ id: dataDirectives.id });
}

/** Records new directives (or a new person), revoking those in force. */
export async function recordDataDirective(
	db: Database,
	actor: DataActor,
	input: DirectiveInput,
	now: Date,
): Promise<void> {
	await db.transaction(
		async (tx) => {
			await revokeActive(tx, actor.accountId, input.kind, now);
			const [row] = await tx
				.insert(dataDirectives)
				.values({
					accountId: actor.accountId,
					kind: input.kind,
					instructions: input.kind === "post_mortem_directives" ? input.instructions : null,
					personName: input.kind === "trusted_person" ? input.personName : null,
					personContact: input.kind === "trusted_person" ? input.personContact : null,
					recordedAt: now,
				})
				.returning({ id: dataDirectives.id });
			await appendAuditEvent(tx, {
				occurredAt: now,
				...actor,
				actorKind: "account",
				action: "donnees.directive.recorded",
				objectType: "data_directive",
				objectId: String(row?.id),
				outcome: "success",
				details: { kind: input.kind },
			});
		},
		{ behavior: "immediate" },
	);
}

/** Revokes the directives (or the person) in force; false when there were none. */
export async function revokeDataDirective(
	db: Database,
	actor: DataActor,
	kind: DataDirectiveKind,
	now: Date,
): Promise<boolean> {
	return db.transaction(
		async (tx) => {
			const revoked = await revokeActive(tx, actor.accountId, kind, now);
			if (revoked.length === 0) return false;
			await appendAuditEvent(tx, {
				occurredAt: now,
				...actor,
				actorKind: "account",
				action: "donnees.directive.revoked",
				objectType: "data_directive",
				objectId: String(revoked[0]?.id),
				outcome: "success",
				details: { kind },
			});
			return true;
		},
		{ behavior: "immediate" },
	);
}
