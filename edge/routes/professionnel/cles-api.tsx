// « Clés d'API »: list, create (the key shown once, on the answer to the POST itself, never in a
// redirect's address), rename and revoke the practice's API keys, each audited. Another
// practice's key, or a revoked one, answers 404.
import { type Context, Hono } from "hono";
import { z } from "zod";
import {
	API_KEY_NAME_MAX,
	createApiKey,
	listApiKeys,
	renameApiKey,
	revokeApiKey,
} from "../../../core/professionnel/api-keys.ts";
import { parseRecordId } from "../../../schema/record-id.ts";
import { parseForm } from "../../lib/form.ts";
import { httpError } from "../../lib/http-errors.ts";
import { type PracticeEnv, practiceScope } from "../../middleware/practice.ts";
import type { FieldErrors } from "../../views/form.tsx";
import { renderPage } from "../../views/page.tsx";
import { CLES_PATH, ClesApiPage } from "../../views/professionnel/cles-api.tsx";

const TITLE = "Clés d'API";

const nameSchema = z.strictObject({
	nom: z
		.string()
		.trim()
		.min(1, "Donnez un nom à la clé.")
		.max(API_KEY_NAME_MAX, `Le nom ne doit pas dépasser ${API_KEY_NAME_MAX} caractères.`)
		.regex(/^[^\p{Cc}]*$/u, "Le nom ne doit pas contenir de caractère de contrôle."),
});
const noticeSchema = z.strictObject({ cle: z.enum(["renommee", "revoquee"]).optional() });

function actor(c: Context<PracticeEnv>) {
	return { scope: practiceScope(c), correlationId: c.get("requestId"), now: c.get("deps").clock() };
}

async function page(
	c: Context<PracticeEnv>,
	extra: Omit<Parameters<typeof ClesApiPage>[0], "keys"> & { readonly status?: 200 | 400 | 409 } = {},
) {
	const { status, ...props } = extra;
	const keys = await listApiKeys(c.get("deps").db, practiceScope(c).professionalId);
	return renderPage(c, { title: TITLE, status: status ?? 200 }, <ClesApiPage keys={keys} {...props} />);
}

export const clesApiRoutes = new Hono<PracticeEnv>()
	.get("/cles-api", async (c) => {
		const query = noticeSchema.safeParse(c.req.query());
		if (!query.success) throw httpError(400, "Cette adresse contient un paramètre inconnu.");
		return page(c, { notice: query.data.cle });
	})
	.post("/cles-api", async (c) => {
		const form = await parseForm(c, nameSchema);
		if (!form.ok) return page(c, { errors: form.errors, values: form.values, status: 400 });
		const { db, randomBytes } = c.get("deps");
		const result = await createApiKey(db, { ...actor(c), randomBytes }, form.data.nom);
		if (!result.ok) {
			const errors: FieldErrors = {
				_form: "Votre cabinet a déjà 10 clés en service : révoquez-en une d'abord.",
			};
			return page(c, { errors, values: form.values, status: 409 });
		}
		return page(c, { created: { key: result.key, name: result.summary.name } });
	})
	.post("/cles-api/:id/nom", async (c) => {
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		const form = await parseForm(c, nameSchema);
		if (!form.ok) return page(c, { errors: form.errors, status: 400 });
		if (!(await renameApiKey(c.get("deps").db, actor(c), id, form.data.nom))) return c.notFound();
		return c.redirect(`${CLES_PATH}?cle=renommee`, 303);
	})
	.post("/cles-api/:id/revocation", async (c) => {
		const id = parseRecordId(c.req.param("id"));
		if (id === null) return c.notFound();
		if (!(await revokeApiKey(c.get("deps").db, actor(c), id))) return c.notFound();
		return c.redirect(`${CLES_PATH}?cle=revoquee`, 303);
	});
