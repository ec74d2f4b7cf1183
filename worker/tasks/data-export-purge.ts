// Deletes the stored archives of large « Mes données » exports past their 7 days (ADR 0038): the
// link already answers 410 from that instant; this frees the file. Every five minutes, the
// cron the other short tasks use, so that wrangler.toml keeps its triggers.
import { purgeExpiredExports } from "../../core/donnees/large-export.ts";
import type { ScheduledTask } from "./task.ts";

export const dataExportPurge: ScheduledTask = {
	name: "data-export-purge",
	cron: "*/5 * * * *",
	description: "Supprime les archives « Mes données » dont le lien de 7 jours a expiré.",
	async run({ db, now, storage }) {
		// Without storage (a host or a test that wires none) it fails only if an archive is due.
		return { deleted: await purgeExpiredExports(db, storage, now) };
	},
};
