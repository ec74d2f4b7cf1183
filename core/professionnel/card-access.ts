// A card's QR code opened by a practice (`/professionnel/carte/<jeton>`): the signed, expiring
// token (core/adherent/card-token.ts) names a card; the practice sees what the rights check shows
// for the card in force today, for every beneficiary it prints (the practice holds the card).
// A token whose card is no longer the member's card in force (replaced, or the contract ended)
// is revoked: the member's new card carries a new one.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { members } from "../../schema/tables/index.ts";
import { getCurrentCard } from "../adherent/card.ts";
import { verifyCardToken } from "../adherent/card-token.ts";
import { recordAuditEvent } from "../audit.ts";
import { parisDayOf } from "../format.ts";
import {
	consumeRightsCheck,
	type PracticeRights,
	type RightsActor,
	recordRightsCheck,
	rightsOfCard,
} from "./rights.ts";

export type CardAccessResult =
	| { readonly ok: true; readonly rights: PracticeRights }
	| { readonly ok: false; readonly reason: "rate_limited"; readonly retryAfterSeconds: number }
	| { readonly ok: false; readonly reason: "tampered" | "expired" | "revoked" };

export async function openCardToken(
	db: Database,
	actor: RightsActor,
	token: string,
	secret: string,
): Promise<CardAccessResult> {
	const limited = await consumeRightsCheck(db, actor.scope.professionalId, actor.now, actor.limits);
	if (limited) return limited;
	const verified = verifyCardToken(token, secret, actor.now);
	const careDate = parisDayOf(actor.now);
	if (!verified.ok) {
		const reason = verified.reason === "expired" ? "expired" : "tampered";
		await recordAuditEvent(db, {
			occurredAt: actor.now,
			accountId: actor.scope.accountId,
			sessionId: actor.scope.sessionId,
			actorKind: "account",
			action: "professionnel.rights.card_token_refused",
			outcome: "denied",
			correlationId: actor.correlationId,
			details: { professionalId: actor.scope.professionalId, reason },
		});
		return { ok: false, reason };
	}
	const card = await getCurrentCard(db, verified.memberId, careDate);
	const current = card !== null && card.id === verified.cardId;
	const [member] = await db
		.select({ number: members.memberNumber })
		.from(members)
		.where(eq(members.id, verified.memberId));
	if (!member) return { ok: false, reason: "revoked" };
	await recordRightsCheck(db, actor, {
		memberNumberAsSent: member.number,
		memberId: verified.memberId,
		careDate,
		found: current,
	});
	if (!card || !current) return { ok: false, reason: "revoked" };
	return { ok: true, rights: rightsOfCard(card, careDate, card.beneficiaries) };
}
