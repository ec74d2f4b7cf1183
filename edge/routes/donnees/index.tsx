// `/compte/donnees`: the rights of articles 15 to 22 of the GDPR for every space (article 8 of
// the CGU). Thin handlers: the rules live in core/donnees/.
import { Hono } from "hono";
import { exportPersonalData } from "../../../core/donnees/export.ts";
import { ARCHIVES_PATH, estimateExportRows, isLargeExport } from "../../../core/donnees/large-export.ts";
import type { AppEnv } from "../../env.ts";
import { requireAccount } from "../../middleware/auth.ts";
import { DonneesPage } from "../../views/donnees/donnees-page.tsx";
import { renderPage } from "../../views/page.tsx";
import { archiveRoutes } from "./archives.tsx";
import { choicesRoutes } from "./choix.tsx";
import { contactRoutes } from "./coordonnees.tsx";
import { dataRequestRoutes } from "./demandes.tsx";

export const donneesRoutes = new Hono<AppEnv>()
	.use("/compte/donnees", requireAccount())
	.use("/compte/donnees/*", requireAccount())
	.get("/compte/donnees", async (c) => {
		const { account } = c.get("auth");
		const { db, config } = c.get("deps");
		const large = isLargeExport(await estimateExportRows(db, account), config.exportAsyncRows);
		return renderPage(
			c,
			{ title: "Mes données personnelles" },
			<DonneesPage space={account.space} large={large} />,
		);
	})
	.get("/compte/donnees/export", async (c) => {
		const { account, session } = c.get("auth");
		const { db, clock, config } = c.get("deps");
		// A large archive is built by the worker and e-mailed (ADR 0038): the page to ask for it.
		if (isLargeExport(await estimateExportRows(db, account), config.exportAsyncRows)) {
			return c.redirect(ARCHIVES_PATH, 303);
		}
		const actor = { accountId: account.id, sessionId: session.id, correlationId: c.get("requestId") };
		const archive = await exportPersonalData(db, account, actor, clock());
		return c.body(archive.bytes as Uint8Array<ArrayBuffer>, 200, {
			"Content-Type": "application/zip",
			"Content-Length": String(archive.bytes.byteLength),
			"Content-Disposition": `attachment; filename="${archive.fileName}"`,
		});
	})
	.route("/compte/donnees/coordonnees", contactRoutes)
	.route("/compte/donnees/demandes", dataRequestRoutes)
	.route("/compte/donnees/choix", choicesRoutes)
	.route(ARCHIVES_PATH, archiveRoutes);
