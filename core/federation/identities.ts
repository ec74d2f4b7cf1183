// The federated identities linked to an account: found at each federated sign-in, listed and
// unlinked from `/compte/securite`. Unlinking is recorded; a later federated sign-in with that
// identity asks for the password again.
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type FederationProvider, federatedIdentities } from "../../schema/tables/index.ts";
import { recordAccountActivity } from "../audit.ts";

export type FederatedIdentity = typeof federatedIdentities.$inferSelect;

export async function findFederatedIdentity(
	db: Database,
	provider: FederationProvider,
	subject: string,
): Promise<FederatedIdentity | null> {
	const [row] = await db
		.select()
		.from(federatedIdentities)
		.where(and(eq(federatedIdentities.provider, provider), eq(federatedIdentities.subject, subject)));
	return row ?? null;
}

export function listFederatedIdentities(db: Database, accountId: number): Promise<FederatedIdentity[]> {
	return db
		.select()
		.from(federatedIdentities)
		.where(eq(federatedIdentities.accountId, accountId))
		.orderBy(asc(federatedIdentities.linkedAt));
}

/** Removes one of the account's links; false when the id is not one of its links (a 404). */
export async function unlinkFederatedIdentity(
	db: Database,
	actor: { accountId: number; sessionId: string; correlationId: string; now: Date },
	id: number,
): Promise<boolean> {
	const [removed] = await db
		.delete(federatedIdentities)
		.where(and(eq(federatedIdentities.id, id), eq(federatedIdentities.accountId, actor.accountId)))
		.returning();
	if (!removed) return false;
	await recordAccountActivity(db, actor, actor.correlationId, actor.now, {
		action: "account.federation.unlinked",
		objectType: "federated_identity",
		objectId: String(removed.id),
		details: { provider: removed.provider },
	});
	return true;
}
