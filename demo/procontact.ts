// The demo practices' exchanges in « Contact » (espace professionnel): one message answered by the
// insurer and one awaiting its answer, so the history and a message's page have something to show.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { accounts, practiceMessages } from "../schema/tables/index.ts";
import { DEMO_ACCOUNTS } from "./accounts.ts";

const DAY_MS = 86_400_000;

export async function writeDemoPracticeMessages(
	db: Database,
	nowMs: number,
): Promise<Record<string, number>> {
	const practices = await db
		.select({ id: accounts.id, professionalId: accounts.professionalId })
		.from(accounts)
		.where(
			and(
				eq(accounts.space, "professionnel"),
				inArray(accounts.identifier, [
					DEMO_ACCOUNTS.professionnel1.identifier,
					DEMO_ACCOUNTS.professionnel2.identifier,
				]),
			),
		)
		.orderBy(accounts.id);
	const year = new Date(nowMs).getUTCFullYear();
	let sequence = 0;
	const rows: (typeof practiceMessages.$inferInsert)[] = [];
	for (const practice of practices) {
		if (practice.professionalId === null) continue;
		const base = { professionalId: practice.professionalId, accountId: practice.id };
		rows.push({
			...base,
			reference: `P${year}-${String(++sequence).padStart(6, "0")}`,
			subject: "paiement",
			text: "Le virement du mois dernier ne correspond pas au total des factures transmises.",
			createdAt: new Date(nowMs - 20 * DAY_MS),
			answeredAt: new Date(nowMs - 17 * DAY_MS),
			answerText: "Une facture a été réglée par un virement séparé : l'avis de paiement le détaille.",
		});
		rows.push({
			...base,
			reference: `P${year}-${String(++sequence).padStart(6, "0")}`,
			subject: "tiers_payant",
			text: "Pouvez-vous nous confirmer les modalités de la convention de tiers payant pour l'an prochain ?",
			createdAt: new Date(nowMs - 2 * DAY_MS),
		});
	}
	if (rows.length > 0) await db.insert(practiceMessages).values(rows);
	return { practice_messages: rows.length };
}
