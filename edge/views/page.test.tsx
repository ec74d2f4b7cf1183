// renderPage takes content rendered by the `html` helper straight into the kept frame (the
// dashboard), and anything else through the JSX layout: both must give the same bytes, with or
// without a maintenance banner, signed in or not.
import { Hono } from "hono";
import { html } from "hono/html";
import { describe, expect, it } from "vitest";
import type { ServiceState } from "../../core/maintenance.ts";
import type { AppEnv, Auth } from "../env.ts";
import { renderPage } from "./page.tsx";

const event = (message: string, startsAt: string) => ({
	id: 1,
	kind: "maintenance" as const,
	message,
	startsAt: new Date(startsAt),
	endsAt: new Date("2026-12-01T12:00:00Z"),
	endedAt: null,
});
const STATES: Record<string, ServiceState | undefined> = {
	none: undefined,
	quiet: { maintenance: null, announced: [], incidents: [] },
	announced: {
		maintenance: null,
		announced: [event("Mise à jour <prévue>", "2026-12-01T08:00:00Z")],
		incidents: [],
	},
	maintenance: { maintenance: event("Migration & co", "2026-11-26T08:00:00Z"), announced: [], incidents: [] },
};
const auth = {
	session: { secondFactorVerified: true },
	account: { space: "adherent" },
} as unknown as Auth;

function app(state: ServiceState | undefined, signedIn: boolean) {
	const content = () =>
		html`<h1>Relevés</h1><p>${"<Julien & Co>"}</p><table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td data-label="A">1</td><td data-label="B">2</td></tr></tbody></table>`;
	return new Hono<AppEnv>()
		.use(async (c, next) => {
			c.set("deps", { assets: async () => ({ stylesheets: ["/_astro/a.css"] }) } as never);
			c.set("auth", signedIn ? auth : null);
			c.set("serviceState", state);
			await next();
		})
		.get("/adherent/releves", (c) =>
			renderPage(c, { title: "Relevés" }, c.req.query("jsx") === undefined ? content() : <>{content()}</>),
		);
}

describe("renderPage", () => {
	for (const [name, state] of Object.entries(STATES))
		for (const signedIn of [true, false])
			it(`writes html-helper content as the JSX layout would (banner: ${name}, signed in: ${signedIn})`, async () => {
				const pages = app(state, signedIn);
				const direct = await (await pages.request("/adherent/releves")).text();
				const viaJsx = await (await pages.request("/adherent/releves?jsx")).text();
				expect(direct).toBe(viaJsx);
				expect(direct).toContain("<p>&lt;Julien &amp; Co&gt;</p>");
				expect(direct.includes("service-banner")).toBe(name === "announced" || name === "maintenance");
				expect(direct.includes('aria-current="page"')).toBe(signedIn);
			});
});
