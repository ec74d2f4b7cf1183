// `donnees.export_requested`: builds the large « Mes données » archive that the page queued,
// stores it and e-mails its link (core/donnees/large-export.ts, ADR 0038). Safe to run twice.
import { buildQueuedExport } from "../../core/donnees/large-export.ts";
import type { MessagePayload } from "../../schema/messages.ts";
import { type HandlerContext, PermanentJobError } from "./context.ts";

export async function buildDataExport(
	payload: MessagePayload<"donnees.export_requested">,
	context: HandlerContext,
): Promise<void> {
	// A host without storage cannot build it now; a retry after the host is fixed can.
	if (!context.storage) throw new Error("no document storage wired into the worker");
	const outcome = await buildQueuedExport(context.db, context.storage, payload.exportId, {
		now: context.now,
		publicUrl: context.config.publicUrl,
	});
	if (outcome === "missing") throw new PermanentJobError(`data export ${payload.exportId} not found`);
	context.logger.info("data export job done", { exportId: payload.exportId, outcome });
}
