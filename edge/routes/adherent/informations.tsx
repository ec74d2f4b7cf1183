// « Informations utiles » (article 3): the public information pages, from the member's space.
import { Hono } from "hono";
import { informationPages } from "../../../core/navigation.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../views/page.tsx";

export const informationsRoutes = new Hono<AppEnv>().get("/informations", (c) =>
	renderPage(
		c,
		{ title: "Informations utiles" },
		<>
			<h1>Informations utiles</h1>
			<p>Ce qu'il faut savoir sur votre complémentaire santé.</p>
			<ul class="grid">
				{informationPages.map((page) => (
					<li class="card">
						<h2>
							<a href={page.href}>{page.label}</a>
						</h2>
						<p>{page.description}</p>
					</li>
				))}
				<li class="card">
					<h2>
						<a href="/reseau">Trouver un professionnel de santé du réseau Kalixia</a>
					</h2>
					<p>Opticiens, audioprothésistes et dentistes partenaires près de chez vous.</p>
				</li>
			</ul>
		</>,
	),
);
