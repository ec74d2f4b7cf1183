// The frame of every server-rendered page: the same landmarks, skip link and stylesheet as the
// public site, so that moving from a public page to a private one feels like one site.
import type { Child } from "hono/jsx";
import { organisation } from "../../config/organisation.ts";

export interface LayoutProps {
	readonly title: string;
	readonly stylesheets: readonly string[];
	readonly children?: Child;
}

export function Layout({ title, stylesheets, children }: LayoutProps) {
	return (
		<html lang="fr">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>{`${title} – ${organisation.productName} ${organisation.name}`}</title>
				<meta name="robots" content="noindex" />
				<link rel="icon" href="data:," />
				{stylesheets.map((href) => (
					<link rel="stylesheet" href={href} />
				))}
			</head>
			<body>
				<a class="skip-link" href="#contenu">
					Aller au contenu
				</a>
				<header class="site-header">
					<div class="container">
						<a class="brand" href="/">
							{organisation.productName} <span class="brand-org">{organisation.name}</span>
						</a>
					</div>
				</header>
				<main id="contenu" class="container" tabindex={-1}>
					{children}
				</main>
				<footer class="site-footer">
					<div class="container">
						<nav aria-label="Liens utiles">
							<ul class="footer-links">
								<li>
									<a href="/cgu">Conditions générales d'utilisation</a>
								</li>
								<li>
									<a href="/donnees-personnelles">Données personnelles</a>
								</li>
								<li>
									<a href="/accessibilite">Accessibilité</a>
								</li>
								<li>
									<a href="/mentions-legales">Mentions légales</a>
								</li>
							</ul>
						</nav>
					</div>
				</footer>
			</body>
		</html>
	);
}
