// `/reseau/autour-de-moi`: the one page of the finder with a script, and a small one. The
// position is asked only when the person presses the button (never on load), rounded to about
// a hundred metres, and sent as the search's `lat`/`lon`; nothing stores it. Without JavaScript
// the page says to search by commune instead.
import { Hono } from "hono";
import { type Specialty, specialties } from "../../../core/reseau/specialties.ts";
import type { AppEnv } from "../../env.ts";
import { renderPage } from "../../views/page.tsx";
import { AROUND_ME_SCRIPT, AroundMePage } from "../../views/reseau/around-me-page.tsx";

function specialtyOf(value: string | undefined): Specialty | null {
	return specialties.find((specialty) => specialty === value) ?? null;
}

export const aroundMeRoutes = new Hono<AppEnv>()
	.get("/autour-de-moi", (c) =>
		renderPage(
			c,
			{ title: "Autour de moi" },
			<AroundMePage specialty={specialtyOf(c.req.query("specialite"))} />,
		),
	)
	.get("/autour-de-moi.js", (c) =>
		c.body(AROUND_ME_SCRIPT, 200, {
			"Content-Type": "text/javascript; charset=utf-8",
			"Cache-Control": "public, max-age=3600",
		}),
	);
