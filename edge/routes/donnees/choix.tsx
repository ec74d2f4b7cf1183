// `/compte/donnees/choix`: consents and oppositions, directives after death, the person who
// carries them out; every change recorded, dated and revocable (core/donnees/choices.ts).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import {
	getConsentStates,
	getDataDirectives,
	recordConsentChoices,
	recordDataDirective,
	revokeDataDirective,
} from "../../../core/donnees/choices.ts";
import { consentChoices } from "../../../schema/enums.ts";
import { dataDirectiveKinds } from "../../../schema/tables/index.ts";
import type { SignedInEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { ChoicesPage } from "../../views/donnees/choices-page.tsx";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLE = "Mes choix sur mes données";
const choice = z.enum(consentChoices, { error: "Choisissez « J'accepte » ou « Je refuse »." });
const consentSchema = z.strictObject({ prospection: choice, profilage: choice });
const directivesSchema = z.strictObject({
	directives: z
		.string({ error: "Écrivez vos directives." })
		.trim()
		.min(5, "Écrivez vos directives en quelques mots au moins.")
		.max(2000, "Vos directives dépassent 2 000 caractères."),
});
const personSchema = z.strictObject({
	nom: z
		.string({ error: "Indiquez son nom." })
		.trim()
		.min(2, "Indiquez son nom.")
		.max(100, "Le nom dépasse 100 caractères."),
	contact: z
		.string({ error: "Indiquez comment la joindre." })
		.trim()
		.min(5, "Indiquez son adresse e-mail ou postale.")
		.max(200, "Les coordonnées dépassent 200 caractères."),
});
const revokeSchema = z.strictObject({ type: z.enum(dataDirectiveKinds) });

function actorOf(c: Context<SignedInEnv>) {
	const { account, session } = c.get("auth");
	return { accountId: account.id, sessionId: session.id, correlationId: c.get("requestId") };
}

async function page(
	c: Context<SignedInEnv>,
	values: Readonly<Record<string, string>> = {},
	errors: FieldErrors = {},
	status: 200 | 400 = 200,
): Promise<Response> {
	const { db } = c.get("deps");
	const accountId = c.get("auth").account.id;
	const [consents, directives] = [
		await getConsentStates(db, accountId),
		await getDataDirectives(db, accountId),
	];
	return renderPage(
		c,
		{ title: TITLE, status },
		<ChoicesPage
			consents={consents}
			directives={directives}
			values={values}
			errors={errors}
			saved={status === 200 && c.req.query("enregistre") === "1"}
		/>,
	);
}

const saved = (c: Context<SignedInEnv>) => c.redirect("/compte/donnees/choix?enregistre=1", 303);

export const choicesRoutes = new Hono<SignedInEnv>()
	.get("/", (c) => page(c))
	.post("/consentements", async (c) => {
		const form = await parseForm(c, consentSchema);
		if (!form.ok) return page(c, form.values, form.errors, 400);
		const { db, clock } = c.get("deps");
		await recordConsentChoices(
			db,
			actorOf(c),
			{ marketing: form.data.prospection, profiling: form.data.profilage },
			clock(),
		);
		return saved(c);
	})
	.post("/directives", async (c) => {
		const form = await parseForm(c, directivesSchema);
		if (!form.ok) return page(c, form.values, form.errors, 400);
		const { db, clock } = c.get("deps");
		await recordDataDirective(
			db,
			actorOf(c),
			{ kind: "post_mortem_directives", instructions: form.data.directives },
			clock(),
		);
		return saved(c);
	})
	.post("/personne", async (c) => {
		const form = await parseForm(c, personSchema);
		if (!form.ok) return page(c, form.values, form.errors, 400);
		const { db, clock } = c.get("deps");
		await recordDataDirective(
			db,
			actorOf(c),
			{ kind: "trusted_person", personName: form.data.nom, personContact: form.data.contact },
			clock(),
		);
		return saved(c);
	})
	.post("/revoquer", async (c) => {
		const form = await parseForm(c, revokeSchema);
		if (!form.ok)
			return page(c, {}, { _form: "Cette révocation n'a pas pu être lue. Rechargez la page." }, 400);
		const { db, clock } = c.get("deps");
		await revokeDataDirective(db, actorOf(c), form.data.type, clock());
		return saved(c);
	});
