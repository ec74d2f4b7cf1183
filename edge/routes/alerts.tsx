// `/compte/alertes`: the holder's notification preferences (core/notification-preferences.ts),
// for every space. A plain form: an unchecked box is a kind switched off.
import { Hono } from "hono";
import { z } from "zod";
import { getNotificationChoices, saveNotificationChoices } from "../../core/notification-preferences.ts";
import type { NotificationKind } from "../../schema/tables/index.ts";
import type { AppEnv } from "../env.ts";
import { parseForm } from "../lib/form.ts";
import { requireAccount } from "../middleware/auth.ts";
import { ALERTS_PATH, AlertsPage, OPTIONAL_FIELDS } from "../views/alerts/alerts-page.tsx";
import { renderPage } from "../views/page.tsx";

const TITLE = "Mes alertes";
const box = z.literal("oui", "Cochez ou décochez la case.").optional();
const choicesSchema = z.strictObject({ releve: box, paiement: box, reponse: box, cgu: box });

export const alertsRoutes = new Hono<AppEnv>()
	.use(ALERTS_PATH, requireAccount())
	.get(ALERTS_PATH, async (c) => {
		const choices = await getNotificationChoices(c.get("deps").db, c.get("auth").account.id);
		const saved = c.req.query("enregistre") === "1";
		return renderPage(c, { title: TITLE }, <AlertsPage choices={choices} saved={saved} />);
	})
	.post(ALERTS_PATH, async (c) => {
		const auth = c.get("auth");
		const { db, clock } = c.get("deps");
		const form = await parseForm(c, choicesSchema);
		if (!form.ok) {
			const choices = await getNotificationChoices(db, auth.account.id);
			return renderPage(
				c,
				{ title: TITLE, status: 400 },
				<AlertsPage choices={choices} error={Object.values(form.errors).find(Boolean)} />,
			);
		}
		const email = new Set<NotificationKind>();
		for (const [field, kind] of Object.entries(OPTIONAL_FIELDS))
			if (form.data[field as keyof typeof OPTIONAL_FIELDS] === "oui") email.add(kind);
		await saveNotificationChoices(
			db,
			{
				accountId: auth.account.id,
				sessionId: auth.session.id,
				correlationId: c.get("requestId"),
				now: clock(),
			},
			{ email },
		);
		return c.redirect(`${ALERTS_PATH}?enregistre=1`, 303);
	});
