// « Comptes » (superviseur and admin): search, one account, and its state changes. Thin: the
// form is parsed here, core/gestion/account-actions.ts does the rest (the same service as
// `npm run account`).
import { Hono } from "hono";
import { z } from "zod";
import type { StateChange } from "../../../core/account-state.ts";
import { changeAccountStateAsStaff } from "../../../core/gestion/account-actions.ts";
import {
	findAccountId,
	getAccountDetail,
	listFraudIncidents,
	searchAccounts,
} from "../../../core/gestion/accounts.ts";
import type { AppEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { requireArea, staffActor } from "../../middleware/staff.ts";
import { AccountPage, AccountSearchPage } from "../../views/gestion/comptes.tsx";
import { renderPage } from "../../views/page.tsx";

const OPERATIONS = { suspendre: "suspend", rouvrir: "reopen", fermer: "close" } as const satisfies Record<
	string,
	StateChange
>;

const stateForm = z.object({
	operation: z.enum(["suspendre", "rouvrir", "fermer"], { error: "Choisissez l'opération." }),
	motif: z.string().trim().min(1, "Indiquez le motif.").max(200, "Le motif compte au plus 200 caractères."),
});

const DONE: Readonly<Record<string, string>> = {
	suspendre: "Compte suspendu : ses sessions sont fermées et le titulaire est prévenu par e-mail.",
	rouvrir: "Compte rouvert ; le titulaire est prévenu par e-mail.",
	fermer: "Compte fermé : ses sessions sont fermées et le titulaire est prévenu par e-mail.",
	signalement:
		"Compte rouvert et signalement clos ; le titulaire a reçu un lien pour choisir un nouveau mot de passe.",
};

const IDENTIFIER = /^\d{10}$/;

export const comptesRoutes = new Hono<AppEnv>()
	.use("/comptes/*", requireArea("comptes"))
	.use("/comptes", requireArea("comptes"))
	.get("/comptes", async (c) => {
		const { db } = c.get("deps");
		const query = (c.req.query("q") ?? "").trim();
		const tooLong = query.length > 100;
		const results = query === "" || tooLong ? null : await searchAccounts(db, query);
		return renderPage(
			c,
			{ title: "Comptes", status: tooLong ? 400 : 200 },
			<AccountSearchPage
				query={query.slice(0, 100)}
				results={results}
				incidents={await listFraudIncidents(db)}
				error={tooLong ? "La recherche compte au plus 100 caractères." : undefined}
			/>,
		);
	})
	.get("/comptes/:identifier", async (c) => {
		const { db } = c.get("deps");
		const identifier = c.req.param("identifier");
		const id = IDENTIFIER.test(identifier) ? await findAccountId(db, identifier) : null;
		const detail = id === null ? null : await getAccountDetail(db, id);
		if (!detail) return c.notFound();
		const done = DONE[c.req.query("fait") ?? ""];
		return renderPage(
			c,
			{ title: `Compte ${identifier}` },
			<AccountPage detail={detail} mayAct={true} notice={done} errors={{}} values={{}} />,
		);
	})
	.post("/comptes/:identifier/etat", async (c) => {
		const deps = c.get("deps");
		const identifier = c.req.param("identifier");
		const id = IDENTIFIER.test(identifier) ? await findAccountId(deps.db, identifier) : null;
		if (id === null) return c.notFound();
		const form = await parseForm(c, stateForm);
		if (!form.ok) {
			const detail = await getAccountDetail(deps.db, id);
			if (!detail) return c.notFound();
			return renderPage(
				c,
				{ title: `Compte ${identifier}`, status: 400 },
				<AccountPage detail={detail} mayAct={true} errors={form.errors} values={form.values} />,
			);
		}
		const staff = staffActor(c);
		const result = await changeAccountStateAsStaff(deps.db, {
			change: OPERATIONS[form.data.operation],
			identifier,
			reason: form.data.motif,
			now: deps.clock(),
			actor: {
				kind: "staff",
				accountId: staff.accountId,
				sessionId: staff.sessionId,
				correlationId: staff.correlationId,
				via: "gestion",
			},
			publicUrl: deps.config.publicUrl,
			randomBytes: deps.randomBytes,
		});
		if (!result.ok) {
			const detail = await getAccountDetail(deps.db, id);
			if (!detail) return c.notFound();
			return renderPage(
				c,
				{ title: `Compte ${identifier}`, status: 409 },
				<AccountPage
					detail={detail}
					mayAct={true}
					errors={{ _form: "Cette opération n'est pas possible dans l'état actuel du compte." }}
					values={form.values}
				/>,
			);
		}
		const done = result.fraudReportClosed ? "signalement" : form.data.operation;
		return c.redirect(`/gestion/comptes/${identifier}?fait=${done}`, 303);
	});
