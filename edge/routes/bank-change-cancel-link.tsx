// The e-mailed cancel link of a bank-details change, whoever's account it is: public (the contact
// address may have no account), signed for one change of one kind, a page on GET and the
// cancellation on POST only, the same answer for a forged link and a spent one. The employer's
// (employeur/cancel-link.tsx) and the practice's (professionnel/cabinet-cancel-link.tsx) links.
import { Hono } from "hono";
import type { Child } from "hono/jsx";
import { z } from "zod";
import type { Database } from "../../db/client.ts";
import type { AppEnv } from "../env.ts";
import { parseForm } from "../lib/form.ts";
import { renderPage } from "../views/page.tsx";

export type CancelPageState = "confirm" | "done" | "invalid";

export interface BankChangeCancelLink {
	readonly path: string;
	readonly title: string;
	/** The change a token names, or null for a malformed, forged or foreign one. */
	verify(token: string, secret: string): number | null;
	/** False when there was nothing pending to cancel. */
	cancel(
		db: Database,
		input: {
			readonly changeId: number;
			readonly actor: { readonly accountId: number; readonly sessionId: string } | null;
			readonly now: Date;
			readonly correlationId: string;
		},
	): Promise<boolean>;
	page(state: CancelPageState, token?: string): Child;
}

const tokenSchema = z.strictObject({ jeton: z.string().max(80).optional() });
const NO_REFERRER = { "Referrer-Policy": "no-referrer" };

export function bankChangeCancelLinkRoutes(link: BankChangeCancelLink): Hono<AppEnv> {
	return new Hono<AppEnv>()
		.get(link.path, (c) => {
			const query = tokenSchema.safeParse(c.req.query());
			const token = query.success ? query.data.jeton : undefined;
			const valid = token !== undefined && link.verify(token, c.get("deps").config.sessionPepper) !== null;
			return renderPage(
				c,
				{ title: link.title, status: valid ? 200 : 400, headers: NO_REFERRER },
				link.page(valid ? "confirm" : "invalid", token),
			);
		})
		.post(link.path, async (c) => {
			const { db, clock, config } = c.get("deps");
			const form = await parseForm(c, tokenSchema);
			const changeId = form.ok && form.data.jeton ? link.verify(form.data.jeton, config.sessionPepper) : null;
			const auth = c.get("auth");
			const cancelled =
				changeId !== null &&
				(await link.cancel(db, {
					changeId,
					actor: auth?.session.secondFactorVerified
						? { accountId: auth.account.id, sessionId: auth.session.id }
						: null,
					now: clock(),
					correlationId: c.get("requestId"),
				}));
			return renderPage(
				c,
				{ title: link.title, status: cancelled ? 200 : 400, headers: NO_REFERRER },
				link.page(cancelled ? "done" : "invalid"),
			);
		});
}
