// The home page of each space after sign-in. Each space's own services hang off these pages as
// they are built (espace adhérent, employeur, professionnel de santé, gestion).
import { Hono } from "hono";
import { withFirstOfMonth } from "../../core/format.ts";
import type { Space } from "../../schema/enums.ts";
import type { AppEnv } from "../env.ts";
import { requireAccount } from "../middleware/auth.ts";
import { renderPage } from "../views/page.tsx";

const TITLES: Record<Space, string> = {
	adherent: "Espace adhérent",
	employeur: "Espace employeur",
	professionnel: "Espace professionnel de santé",
	gestionnaire: "Espace gestion",
};

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", {
	dateStyle: "full",
	timeStyle: "short",
	timeZone: "Europe/Paris",
});

export function spaceHome(space: Space) {
	return new Hono<AppEnv>().get("/", requireAccount(space), async (c) => {
		const auth = c.get("auth");
		if (!auth) return c.notFound();
		const last = auth.account.lastSignInAt;
		return renderPage(
			c,
			{ title: TITLES[space] },
			<>
				<h1>{TITLES[space]}</h1>
				<p class="lead">
					Vous êtes connecté avec l'identifiant <strong>{auth.account.identifier}</strong>.
				</p>
				{last ? <p class="muted">Dernière connexion : {withFirstOfMonth(DATE_TIME.format(last))}.</p> : null}
				<ul class="grid">
					<li class="card">
						<h2>Mon compte</h2>
						<p>Sessions ouvertes, mot de passe, second facteur, connexions récentes.</p>
						<p>
							<a href="/compte/securite">Gérer la sécurité de mon compte</a>
						</p>
					</li>
					<li class="card">
						<h2>Conditions d'utilisation</h2>
						<p>Les conditions générales d'utilisation que vous avez acceptées.</p>
						<p>
							<a href="/cgu">Lire les conditions générales d'utilisation</a>
						</p>
					</li>
				</ul>
			</>,
		);
	});
}

export const spaceRoutes = new Hono<AppEnv>()
	.route("/employeur", spaceHome("employeur"))
	.route("/professionnel", spaceHome("professionnel"));
