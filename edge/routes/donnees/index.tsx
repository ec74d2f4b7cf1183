// `/compte/donnees`: the rights of articles 15 to 22 of the GDPR for every space (article 8 of
// the CGU). Thin handlers: the rules live in core/donnees/.
import { Hono } from "hono";
import { exportPersonalData } from "../../../core/donnees/export.ts";
import type { AppEnv } from "../../env.ts";
import { requireAccount } from "../../middleware/auth.ts";
import { DonneesPage } from "../../views/donnees/donnees-page.tsx";
import { renderPage } from "../../views/page.tsx";
import { choicesRoutes } from "./choix.tsx";
import { contactRoutes } from "./coordonnees.tsx";
import { dataRequestRoutes } from "./demandes.tsx";

export const donneesRoutes = new Hono<AppEnv>()
	.use("/compte/donnees", requireAccount())
	.use("/compte/donnees/*", requireAccount())
	.get("/compte/donnees", (c) =>
		renderPage(c, { title: "Mes données personnelles" }, <DonneesPage space={c.get("auth").account.space} />),
	)
	.get("/compte/donnees/export", async (c) => {
		const { account, session } = c.get("auth");
		const { db, clock } = c.get("deps");
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
	.route("/compte/donnees/choix", choicesRoutes);
