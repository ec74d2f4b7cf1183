// Renders a server page inside the shared layout: the stylesheet from the site's build, the
// navigation of the signed-in account's space (or the public one), the current path.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Space } from "../../schema/enums.ts";
import type { AppEnv, Auth } from "../env.ts";
import { Layout, layoutFrame, type NavLink } from "./layout.tsx";
import { ServiceBanner } from "./service-status.tsx";
import { labelTableCells } from "./stacked-tables.ts";

export const SPACE_NAV: Readonly<Record<Space, readonly NavLink[]>> = {
	adherent: [
		{ href: "/adherent", label: "Tableau de bord" },
		{ href: "/adherent/garanties", label: "Garanties" },
		{ href: "/adherent/remboursements", label: "Remboursements" },
		{ href: "/adherent/releves", label: "Relevés" },
		{ href: "/adherent/beneficiaires", label: "Bénéficiaires" },
		{ href: "/adherent/carte", label: "Carte de tiers payant" },
		{ href: "/adherent/reclamations", label: "Réclamations" },
		{ href: "/compte/securite", label: "Mon compte" },
	],
	employeur: [
		{ href: "/employeur", label: "Tableau de bord" },
		{ href: "/employeur/salaries", label: "Salariés" },
		{ href: "/employeur/bordereaux", label: "Bordereaux" },
		{ href: "/employeur/contrat", label: "Contrat" },
		{ href: "/employeur/coordonnees-bancaires", label: "Coordonnées bancaires" },
		{ href: "/employeur/administrateurs", label: "Administrateurs" },
		{ href: "/compte/securite", label: "Mon compte" },
	],
	professionnel: [
		{ href: "/professionnel", label: "Tableau de bord" },
		{ href: "/professionnel/droits", label: "Droits d'un adhérent" },
		{ href: "/professionnel/factures", label: "Factures" },
		{ href: "/professionnel/paiements", label: "Paiements" },
		{ href: "/compte/securite", label: "Mon compte" },
	],
	gestionnaire: [
		{ href: "/gestion", label: "Tableau de bord" },
		{ href: "/gestion/demandes", label: "Demandes" },
		{ href: "/gestion/comptes", label: "Comptes" },
		{ href: "/compte/securite", label: "Mon compte" },
	],
};

export interface PageOptions {
	readonly title: string;
	readonly status?: 200 | 400 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 503;
	readonly headers?: Readonly<Record<string, string>>;
	/**
	 * Every table of the page labels its cells itself (stacked-tables.ts's bytes, written by the
	 * view): the page is not rewritten. For the busiest pages; their tests check that the
	 * rewrite would change nothing.
	 */
	readonly tablesLabelled?: boolean;
}

/** Markup from the `html` helper, complete: escaped already, nothing asynchronous left in it. */
function isRendered(children: Child): children is HtmlEscapedString {
	return (
		children instanceof String &&
		(children as HtmlEscapedString).isEscaped === true &&
		!(children as HtmlEscapedString).callbacks?.length
	);
}

export async function renderPage<E extends AppEnv>(
	c: Context<E>,
	options: PageOptions,
	children: Child,
): Promise<Response> {
	const { stylesheets } = await c.get("deps").assets();
	const auth: Auth | null = c.get("auth");
	const signedIn = Boolean(auth?.session.secondFactorVerified);
	for (const [name, value] of Object.entries(options.headers ?? {})) c.header(name, value);
	const frame = {
		title: options.title,
		stylesheets,
		path: c.req.path,
		nav: signedIn && auth ? SPACE_NAV[auth.account.space] : undefined,
		signedIn,
	};
	const banner = <ServiceBanner state={c.get("serviceState")} />;
	let body: string;
	if (isRendered(children)) {
		// Content the `html` helper rendered already (the busiest pages): the kept frame's two
		// strings around it, the same bytes as the JSX below without building and walking a tree.
		const [before, after] = layoutFrame(frame);
		body = `${before}${await banner.toString()}${children}${after}`;
	} else {
		const page = (
			<Layout {...frame}>
				{banner}
				{children}
			</Layout>
		);
		body = await page.toString();
	}
	// Tables stack on a phone, each cell under its column's header (stacked-tables.ts).
	return c.html(options.tablesLabelled ? body : labelTableCells(body), options.status ?? 200);
}
