// `/compte/donnees/archives`: the large exports the worker builds (ADR 0038). Thin handlers: the
// rules (threshold, ownership, 7 days) live in core/donnees/large-export.ts.
import type { Context } from "hono";
import { Hono } from "hono";
import {
	ARCHIVES_PATH,
	estimateExportRows,
	isLargeExport,
	listDataExports,
	openDataExport,
	requestLargeExport,
} from "../../../core/donnees/large-export.ts";
import { resolveDocumentStorage } from "../../../core/storage.ts";
import type { SignedInEnv } from "../../env.ts";
import { ArchiveGonePage, ArchivesPage } from "../../views/donnees/archives-page.tsx";
import { renderPage } from "../../views/page.tsx";

function actorOf(c: Context<SignedInEnv>) {
	const { account, session } = c.get("auth");
	return { accountId: account.id, sessionId: session.id, correlationId: c.get("requestId") };
}

export const archiveRoutes = new Hono<SignedInEnv>()
	.get("/", async (c) => {
		const { db, clock, config } = c.get("deps");
		const { account } = c.get("auth");
		const archives = await listDataExports(db, account.id, clock());
		const large = isLargeExport(await estimateExportRows(db, account), config.exportAsyncRows);
		return renderPage(
			c,
			{ title: "Mes archives de données" },
			<ArchivesPage archives={archives} large={large} requested={c.req.query("demande") === "1"} />,
		);
	})
	.post("/", async (c) => {
		const { db, clock, randomBytes } = c.get("deps");
		const { account } = c.get("auth");
		const rowEstimate = await estimateExportRows(db, account);
		await requestLargeExport(db, account, actorOf(c), { now: clock(), rowEstimate, randomBytes });
		return c.redirect(`${ARCHIVES_PATH}?demande=1`, 303);
	})
	.get("/:archive", async (c) => {
		const { db, clock } = c.get("deps");
		const storage = await resolveDocumentStorage(c.get("deps"));
		const opened = await openDataExport(db, storage, c.req.param("archive"), actorOf(c), clock());
		switch (opened.kind) {
			case "not_found":
				return c.notFound();
			case "pending":
				return c.redirect(ARCHIVES_PATH, 303);
			case "expired":
				return renderPage(
					c,
					{ title: "Archive expirée", status: 410 },
					<ArchiveGonePage expiresAt={opened.expiresAt} />,
				);
			case "ready":
				return c.body(opened.bytes as Uint8Array<ArrayBuffer>, 200, {
					"Content-Type": "application/zip",
					"Content-Length": String(opened.bytes.byteLength),
					"Content-Disposition": `attachment; filename="${opened.fileName}"`,
				});
		}
	});
