// `/compte/fermeture`: article 7 of the CGU, "à tout moment, l'utilisateur peut demander la
// suppression de son compte personnel". The request is recorded and carried out by the worker
// after a grace period during which it can be cancelled (worker/tasks/account-deletion.ts); the
// page says which records the law requires the insurer to keep (GDPR art. 17(3)(b)).
import { and, eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { appendAuditEvent } from "../../core/audit.ts";
import { verifyPassword } from "../../core/password.ts";
import { nextRequestReference } from "../../core/request-reference.ts";
import { requestStatusHistory, requests } from "../../schema/tables/index.ts";
import { ACCOUNT_DELETION_GRACE_DAYS } from "../../worker/tasks/account-deletion.ts";
import type { AppEnv } from "../env.ts";
import { parseForm } from "../lib/form.ts";
import { requireAccount } from "../middleware/auth.ts";
import { AccountClosurePage } from "../views/account-closure.tsx";
import { renderPage } from "../views/page.tsx";

const OPEN = ["received", "acknowledged", "in_progress"] as const;
const closureSchema = z.strictObject({
	motDePasse: z
		.string({ error: "Saisissez votre mot de passe." })
		.min(1, "Saisissez votre mot de passe.")
		.max(1024),
	confirme: z.literal("oui", { error: "Cochez la case pour confirmer la demande." }),
});

async function openRequest(c: { get: (key: "deps") => AppEnv["Variables"]["deps"] }, accountId: number) {
	const [row] = await c
		.get("deps")
		.db.select()
		.from(requests)
		.where(
			and(
				eq(requests.accountId, accountId),
				eq(requests.kind, "account_deletion"),
				inArray(requests.status, [...OPEN]),
			),
		);
	return row;
}

export const accountClosureRoutes = new Hono<AppEnv>()
	.use("/compte/fermeture", requireAccount())
	.use("/compte/fermeture/*", requireAccount())
	.get("/compte/fermeture", async (c) => {
		const auth = c.get("auth");
		const pending = await openRequest(c, auth.account.id);
		return renderPage(
			c,
			{ title: "Supprimer mon compte" },
			<AccountClosurePage pending={pending} graceDays={ACCOUNT_DELETION_GRACE_DAYS} errors={{}} />,
		);
	})
	.post("/compte/fermeture", async (c) => {
		const auth = c.get("auth");
		const { db, clock, config } = c.get("deps");
		const form = await parseForm(c, closureSchema);
		let errors = form.ok ? {} : form.errors;
		if (
			form.ok &&
			!(
				auth.account.passwordHash &&
				(await verifyPassword(auth.account.passwordHash, form.data.motDePasse, config.sessionPepper))
			)
		) {
			errors = { motDePasse: "Le mot de passe n'est pas le bon." };
		}
		if (Object.keys(errors).length > 0) {
			return renderPage(
				c,
				{ title: "Supprimer mon compte", status: 400 },
				<AccountClosurePage pending={undefined} graceDays={ACCOUNT_DELETION_GRACE_DAYS} errors={errors} />,
			);
		}
		const now = clock();
		await db.transaction(
			async (tx) => {
				const [existing] = await tx
					.select({ id: requests.id })
					.from(requests)
					.where(
						and(
							eq(requests.accountId, auth.account.id),
							eq(requests.kind, "account_deletion"),
							inArray(requests.status, [...OPEN]),
						),
					);
				if (existing) return;
				const reference = await nextRequestReference(tx, "account_deletion", now);
				const [created] = await tx
					.insert(requests)
					.values({
						reference,
						kind: "account_deletion",
						accountId: auth.account.id,
						payload: {},
						status: "received",
						createdAt: now,
						updatedAt: now,
					})
					.returning({ id: requests.id });
				await tx.insert(requestStatusHistory).values({
					requestId: created?.id ?? 0,
					toStatus: "received",
					changedAt: now,
					changedByAccountId: auth.account.id,
				});
				await appendAuditEvent(tx, {
					occurredAt: now,
					accountId: auth.account.id,
					sessionId: auth.session.id,
					actorKind: "account",
					action: "account.deletion.requested",
					objectType: "request",
					objectId: String(created?.id),
					outcome: "success",
					correlationId: c.get("requestId"),
				});
			},
			{ behavior: "immediate" },
		);
		return c.redirect("/compte/fermeture", 303);
	})
	.post("/compte/fermeture/annuler", async (c) => {
		const auth = c.get("auth");
		const { db, clock } = c.get("deps");
		const pending = await openRequest(c, auth.account.id);
		if (!pending) return c.redirect("/compte/fermeture", 303);
		const now = clock();
		await db.transaction(
			async (tx) => {
				await tx
					.update(requests)
					.set({ status: "cancelled", closedAt: now, updatedAt: now })
					.where(eq(requests.id, pending.id));
				await tx.insert(requestStatusHistory).values({
					requestId: pending.id,
					fromStatus: pending.status,
					toStatus: "cancelled",
					changedAt: now,
					changedByAccountId: auth.account.id,
				});
				await appendAuditEvent(tx, {
					occurredAt: now,
					accountId: auth.account.id,
					sessionId: auth.session.id,
					actorKind: "account",
					action: "account.deletion.cancelled",
					objectType: "request",
					objectId: String(pending.id),
					outcome: "success",
					correlationId: c.get("requestId"),
				});
			},
			{ behavior: "immediate" },
		);
		return c.redirect("/compte/fermeture", 303);
	});
