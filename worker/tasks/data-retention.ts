// Daily: nothing is kept past its retention (core/donnees/retention.ts, DOMAIN.md §9): credentials
// of long-closed accounts, directives of deleted accounts, choices and requests past their proof
// period, identity proofs after a year, audience counts after 25 months, and the identity of
// former members ten years after their last contract. Safe to run twice.
import { enforceRetention } from "../../core/donnees/retention.ts";
import { resolveDocumentStorage } from "../../core/storage.ts";
import type { ScheduledTask } from "./task.ts";

export const dataRetention: ScheduledTask = {
	name: "data-retention",
	cron: "30 2 * * *",
	description: "Supprime ou anonymise les données arrivées au terme de leur durée de conservation.",
	async run({ db, now }) {
		const storage = await resolveDocumentStorage({}).catch(() => null);
		return enforceRetention(db, now, storage);
	},
};
