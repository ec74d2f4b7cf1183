// The cancel link of a bank-details change, e-mailed to the company's contact address and to the
// administrator: public (the contact may have no account), signed for one change, a page on GET
// and the cancellation on POST only, the same answer for a forged link and a spent one.
import { Hono } from "hono";
import { z } from "zod";
import { CANCEL_PATH, cancelBankChange, verifyCancelToken } from "../../../core/employeur/bank-details.ts";
import type { AppEnv } from "../../env.ts";
import { parseForm } from "../../lib/form.ts";
import { AnnulationPage } from "../../views/employeur/coordonnees-bancaires-page.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLE = "Annuler un changement de coordonnées bancaires";
const tokenSchema = z.strictObject({ jeton: z.string().max(80).optional() });
const NO_REFERRER = { "Referrer-Policy": "no-referrer" };

export const cancelLinkRoutes = new Hono<AppEnv>()
	.get(CANCEL_PATH, (c) => {
		const query = tokenSchema.safeParse(c.req.query());
		const token = query.success ? query.data.jeton : undefined;
		const valid =
			token !== undefined && verifyCancelToken(token, c.get("deps").config.sessionPepper) !== null;
		return renderPage(
			c,
			{ title: TITLE, status: valid ? 200 : 400, headers: NO_REFERRER },
			<AnnulationPage state={valid ? "confirm" : "invalid"} token={token} />,
		);
	})
	.post(CANCEL_PATH, async (c) => {
		const { db, clock, config } = c.get("deps");
		const form = await parseForm(c, tokenSchema);
		const changeId =
			form.ok && form.data.jeton ? verifyCancelToken(form.data.jeton, config.sessionPepper) : null;
		const auth = c.get("auth");
		const cancelled =
			changeId !== null &&
			(await cancelBankChange(db, {
				changeId,
				actor: auth?.session.secondFactorVerified
					? { accountId: auth.account.id, sessionId: auth.session.id }
					: null,
				now: clock(),
				correlationId: c.get("requestId"),
			}));
		return renderPage(
			c,
			{ title: TITLE, status: cancelled ? 200 : 400, headers: NO_REFERRER },
			<AnnulationPage state={cancelled ? "done" : "invalid"} />,
		);
	});
