// « Preuve » (superviseur and admin): an account's audit trail with the chain verified, and its
// export as a bundle for a dispute (core/gestion/proof.ts). The export is itself recorded.
import { Hono } from "hono";
import { recordAuditEvent, verifyAuditChain } from "../../../core/audit.ts";
import { findAccountId } from "../../../core/gestion/accounts.ts";
import { buildProofBundle, listAccountTrail, TRAIL_LIMIT } from "../../../core/gestion/proof.ts";
import type { AppEnv } from "../../env.ts";
import { requireArea, staffActor } from "../../middleware/staff.ts";
import { ProofPage } from "../../views/gestion/preuve.tsx";
import { renderPage } from "../../views/page.tsx";

const IDENTIFIER = /^\d{10}$/;

export const preuveRoutes = new Hono<AppEnv>()
	.use("/preuve/*", requireArea("preuve"))
	.get("/preuve/:identifier", async (c) => {
		const { db } = c.get("deps");
		const identifier = c.req.param("identifier");
		const id = IDENTIFIER.test(identifier) ? await findAccountId(db, identifier) : null;
		if (id === null) return c.notFound();
		const [entries, verification] = await Promise.all([listAccountTrail(db, id), verifyAuditChain(db)]);
		return renderPage(
			c,
			{ title: `Preuve : compte ${identifier}` },
			<ProofPage identifier={identifier} entries={entries} verification={verification} limit={TRAIL_LIMIT} />,
		);
	})
	.get("/preuve/:identifier/preuve.json", async (c) => {
		const { db, clock } = c.get("deps");
		const identifier = c.req.param("identifier");
		const id = IDENTIFIER.test(identifier) ? await findAccountId(db, identifier) : null;
		if (id === null) return c.notFound();
		const now = clock();
		const staff = staffActor(c);
		await recordAuditEvent(db, {
			occurredAt: now,
			accountId: staff.accountId,
			sessionId: staff.sessionId,
			correlationId: staff.correlationId,
			actorKind: "staff",
			action: "gestion.proof.exported",
			objectType: "account",
			objectId: String(id),
			outcome: "success",
		});
		const { bundle } = await buildProofBundle(db, { id, identifier }, now);
		c.header("Content-Disposition", `attachment; filename="preuve-${identifier}.json"`);
		return c.json(bundle);
	});
