// `/compte/fermeture`: article 7 of the CGU, "à tout moment, l'utilisateur peut demander la
// suppression de son compte personnel". The request is recorded and carried out by the worker
// after a grace period during which it can be cancelled (core/account-closure.ts); the
// page says which records the law requires the insurer to keep (GDPR art. 17(3)(b)).
import { Hono } from "hono";
import { z } from "zod";
import {
	ACCOUNT_DELETION_GRACE_DAYS,
	cancelAccountDeletion,
	pendingAccountDeletion,
	requestAccountDeletion,
} from "../../core/account-closure.ts";
import { verifyPassword } from "../../core/password.ts";
import type { AppEnv } from "../env.ts";
import { parseForm } from "../lib/form.ts";
import { requireAccount } from "../middleware/auth.ts";
import { AccountClosurePage } from "../views/account-closure.tsx";
import { renderPage } from "../views/page.tsx";

const closureSchema = z.strictObject({
	motDePasse: z
		.string({ error: "Saisissez votre mot de passe." })
		.min(1, "Saisissez votre mot de passe.")
		.max(1024),
	confirme: z.literal("oui", { error: "Cochez la case pour confirmer la demande." }),
});

export const accountClosureRoutes = new Hono<AppEnv>()
	.use("/compte/fermeture", requireAccount())
	.use("/compte/fermeture/*", requireAccount())
	.get("/compte/fermeture", async (c) => {
		const auth = c.get("auth");
		const pending = await pendingAccountDeletion(c.get("deps").db, auth.account.id);
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
		const actor = {
			accountId: auth.account.id,
			sessionId: auth.session.id,
			correlationId: c.get("requestId"),
		};
		await requestAccountDeletion(db, actor, clock());
		return c.redirect("/compte/fermeture", 303);
	})
	.post("/compte/fermeture/annuler", async (c) => {
		const auth = c.get("auth");
		const { db, clock } = c.get("deps");
		const actor = {
			accountId: auth.account.id,
			sessionId: auth.session.id,
			correlationId: c.get("requestId"),
		};
		await cancelAccountDeletion(db, actor, clock());
		return c.redirect("/compte/fermeture", 303);
	});
