// Accepting the version of the CGU in force (article 2): when a newer version becomes effective,
// every signed-in user meets it here before anything else (edge/middleware/auth.ts), with a
// link to what changed. The acceptance is recorded with its version and time.
import { Hono } from "hono";
import { z } from "zod";
import { acceptCgu, cguInForce, hasAcceptedCgu, latestAcceptedCgu, previousCgu } from "../../core/cgu.ts";
import { capacityStatements } from "../../schema/enums.ts";
import type { AppEnv } from "../env.ts";
import { parseForm } from "../lib/form.ts";
import { safeNext } from "../lib/next-path.ts";
import { requireAccount, SPACE_HOME } from "../middleware/auth.ts";
import { CguAcceptancePage } from "../views/cgu-acceptance.tsx";
import { renderPage } from "../views/page.tsx";

const acceptanceSchema = z.strictObject({
	version: z.string().max(32),
	accepte: z.literal("oui", {
		error: "Cochez la case pour accepter les conditions générales d'utilisation.",
	}),
	capacite: z.enum(capacityStatements, { error: "Indiquez à quel titre vous acceptez les conditions." }),
});

export const cguAcceptanceRoutes = new Hono<AppEnv>()
	.get("/compte/cgu", requireAccount(), async (c) => {
		const { db, clock, assets } = c.get("deps");
		const auth = c.get("auth");
		const versions = (await assets()).cguVersions;
		const current = cguInForce(versions, clock());
		if (!auth || !current) return c.notFound();
		const next = safeNext(c.req.query("next"), SPACE_HOME[auth.account.space]);
		if (await hasAcceptedCgu(db, auth.account.id, current.version)) return c.redirect(next, 303);
		const accepted = await latestAcceptedCgu(db, auth.account.id);
		return renderPage(
			c,
			{ title: "Nouvelles conditions d'utilisation" },
			<CguAcceptancePage
				current={current}
				previous={accepted ? previousCgu(versions, current) : undefined}
				next={next}
				errors={{}}
			/>,
		);
	})
	.post("/compte/cgu", requireAccount(), async (c) => {
		const { db, clock, assets } = c.get("deps");
		const auth = c.get("auth");
		const now = clock();
		const versions = (await assets()).cguVersions;
		const current = cguInForce(versions, now);
		if (!auth || !current) return c.notFound();
		const form = await parseForm(c, acceptanceSchema);
		const next = safeNext(form.values.next, SPACE_HOME[auth.account.space]);
		// The form names the version it showed: a newer one in the meantime must be read first.
		if (!form.ok || form.data.version !== current.version) {
			const errors = form.ok
				? { _form: "Une nouvelle version est entrée en vigueur entre-temps : lisez-la avant de l'accepter." }
				: form.errors;
			return renderPage(
				c,
				{ title: "Nouvelles conditions d'utilisation", status: 400 },
				<CguAcceptancePage
					current={current}
					previous={previousCgu(versions, current)}
					next={next}
					errors={errors}
				/>,
			);
		}
		await acceptCgu(db, {
			accountId: auth.account.id,
			sessionId: auth.session.id,
			version: current.version,
			capacity: form.data.capacite,
			now,
			correlationId: c.get("requestId"),
			via: "page",
		});
		return c.redirect(next, 303);
	});
