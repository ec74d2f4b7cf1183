import { describe, expect, it } from "vitest";
import { Layout } from "./layout.tsx";
import { SPACE_NAV } from "./page.tsx";

const render = (element: unknown) => String(element);

describe("the page frame", () => {
	it("puts the content inside main, once, between the header and the footer", () => {
		const html = render(
			<Layout
				title="Relevés"
				stylesheets={["/a.css"]}
				path="/adherent/releves"
				nav={SPACE_NAV.adherent}
				signedIn
			>
				<p>contenu de la page</p>
			</Layout>,
		);
		expect(html.startsWith('<!DOCTYPE html><html lang="fr">')).toBe(true);
		expect(html.match(/contenu de la page/g)).toHaveLength(1);
		expect(html.indexOf("<header")).toBeLessThan(html.indexOf("contenu de la page"));
		expect(html.indexOf("contenu de la page")).toBeLessThan(html.indexOf("<footer"));
		expect(html).toMatch(
			/<main id="contenu" class="container" tabindex="-1"><p>contenu de la page<\/p><\/main>/,
		);
		expect(html).not.toContain("\u0000");
	});

	it("renders each frame from its own props, even when one was rendered before", () => {
		const page = (path: string, title: string, signedIn: boolean) =>
			render(
				<Layout
					title={title}
					stylesheets={["/a.css"]}
					path={path}
					nav={SPACE_NAV.adherent}
					signedIn={signedIn}
				>
					<p>x</p>
				</Layout>,
			);
		const dashboard = page("/adherent", "Tableau de bord", true);
		const statements = page("/adherent/releves", "Relevés <2026>", true);
		expect(dashboard).toMatch(/<a href="\/adherent" aria-current="page">/);
		expect(dashboard).not.toMatch(/<a href="\/adherent\/releves" aria-current="page">/);
		expect(statements).toMatch(/<a href="\/adherent\/releves" aria-current="page">/);
		expect(statements).toContain("<title>Relevés &lt;2026&gt; – ");
		expect(page("/adherent", "Tableau de bord", true)).toBe(dashboard);
		expect(dashboard).toContain("Se déconnecter");
		expect(page("/adherent", "Tableau de bord", false)).not.toContain("Se déconnecter");
	});

	it("escapes the content, which is never kept", () => {
		const html = render(
			<Layout title="Page" stylesheets={[]}>
				{"<script>alert(1)</script>"}
			</Layout>,
		);
		expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
		expect(html).toContain('aria-label="Navigation principale"');
	});
});
