// Development only: the local mailbox, so that a developer (and the end-to-end tests) can read
// the e-mails the portal sent without any provider. Answers 404 in production.
import { Hono } from "hono";
import { listMails, MAILBOX_LIMIT } from "../../core/mailbox.ts";
import type { AppEnv } from "../env.ts";
import { Layout } from "../views/layout.tsx";

export const devMailRoutes = new Hono<AppEnv>();

// Scoped to /dev/*: a middleware without a path would apply to every route of the app once the
// sub-app is mounted at "/", and answer 404 for every dynamic page in production.
devMailRoutes.use("/dev/*", async (c, next) => {
	if (c.get("deps").config.env === "production") return c.notFound();
	await next();
});

devMailRoutes.get("/dev/mails.json", async (c) =>
	c.json(await listMails(c.get("deps").db, c.get("deps").config.publicUrl)),
);

devMailRoutes.get("/dev/mails", async (c) => {
	const mails = await listMails(c.get("deps").db, c.get("deps").config.publicUrl);
	const { stylesheets } = await c.get("deps").assets();
	return c.html(
		<Layout title="Boîte aux lettres de développement" stylesheets={stylesheets}>
			<h1>Boîte aux lettres de développement</h1>
			<p>
				Les {MAILBOX_LIMIT} derniers e-mails envoyés par le portail, du plus récent au plus ancien. Cette page
				n'existe pas en production.
			</p>
			{mails.length === 0 ? <p>Aucun e-mail pour l'instant.</p> : null}
			{mails.map((mail) => (
				<article class="card" id={`mail-${mail.id}`}>
					<h2>{mail.subject}</h2>
					<p>
						À : {mail.to} · {mail.template} · {mail.status === "sent" ? "envoyé" : "en attente"} le{" "}
						<time datetime={mail.createdAt}>{mail.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
					</p>
					{mail.links.length > 0 ? (
						<ul>
							{mail.links.map((link) => (
								<li>
									<a href={link}>{link}</a>
								</li>
							))}
						</ul>
					) : null}
					<pre class="mail-text">{mail.text}</pre>
				</article>
			))}
		</Layout>,
	);
});
