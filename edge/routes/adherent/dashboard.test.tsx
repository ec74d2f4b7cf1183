// The member's dashboard on a seeded database, through the real sign-in forms: the latest
// reimbursements, statements and open requests, the card, the shortcuts, and only the member's own.
import { gzipSync } from "node:zlib";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { prestations, requests, statements } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../../tests/support/demo.ts";
import {
	createTestApp,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";
import { SHORTCUTS } from "../../views/adherent/dashboard-page.tsx";
import { labelTableCells } from "../../views/stacked-tables.ts";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
}, 60_000);
afterAll(() => handle.client.close());

async function dashboardOf(which: "adherent1" | "adherent2") {
	const { identifier, password, email } = DEMO_ACCOUNTS[which];
	const cookie = await signInThroughForms(app, identifier, password, () =>
		latestSignInCode(handle.db, email),
	);
	const account = await demoAccount(handle.db, which);
	const response = await app.request("/adherent", withCookie(cookie));
	return {
		response,
		html: await response.text(),
		memberId: account.memberId ?? 0,
		accountId: account.id,
	};
}

describe("the dashboard", () => {
	// CGU art. 3
	it("shows the latest five reimbursements, three statements, the open requests and the card", async () => {
		const { response, html, memberId, accountId } = await dashboardOf("adherent1");
		expect(response.status).toBe(200);
		expect(html).toContain("<h1>Espace adhérent</h1>");
		expect(html).toContain("Bonjour Julien Mercier.");

		const latest = await handle.db
			.select({ id: prestations.id })
			.from(prestations)
			.where(eq(prestations.memberId, memberId))
			.orderBy(desc(prestations.careDate), desc(prestations.id))
			.limit(5);
		const linked = [...html.matchAll(/<a href="\/adherent\/remboursements\/(\d+)">/g)].map((m) =>
			Number(m[1]),
		);
		expect(linked).toEqual(latest.map((line) => line.id));
		expect(html).toContain('<caption id="derniers-remboursements">Vos 5 derniers remboursements');

		const months = await handle.db
			.select({ month: statements.month })
			.from(statements)
			.where(eq(statements.memberId, memberId))
			.orderBy(desc(statements.month))
			.limit(3);
		const label = (month: string) =>
			new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(
				new Date(`${month}-01T00:00:00Z`),
			);
		for (const { month } of months) expect(html).toContain(`<strong>${label(month)}</strong>`);

		const mine = await handle.db.select().from(requests).where(eq(requests.accountId, accountId));
		for (const request of mine) {
			const open = ["received", "acknowledged", "in_progress"].includes(request.status);
			expect(html.includes(request.reference), request.reference).toBe(open);
		}
		expect(mine.some((request) => request.status === "in_progress")).toBe(true);
		expect(html).toContain("En cours de traitement");

		expect(html).toContain("Valable du 01/01/2026 au 31/12/2026.");
		expect(html).toContain('<a href="/adherent/carte">Afficher ma carte de tiers payant</a>');
		for (const shortcut of SHORTCUTS)
			expect(html).toContain(`<a href="${shortcut.href}">${shortcut.label}</a>`);
		expect(SHORTCUTS.map((s) => s.href)).toEqual(
			expect.arrayContaining(["/adherent/informations", "/reseau", "/adherent/garanties"]),
		);
		expect(html).not.toContain("<script");
		expect(gzipSync(html).length).toBeLessThan(30 * 1024);
	});

	// The page skips the generic rewrite of its tables (renderPage's tablesLabelled): it must
	// already be what that rewrite would make of it, every cell labelled, to the byte.
	it("labels its table's cells itself, exactly as the stacked-table rewrite would", async () => {
		const { html } = await dashboardOf("adherent1");
		expect(labelTableCells(html)).toBe(html);
		const table = /<tbody>[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? "";
		expect(table.match(/<t[dh]\b/g)?.length).toBe(5 * 7);
		expect(table.match(/ data-label="/g)?.length).toBe(5 * 7);
		expect(table).toContain('<th scope="row" data-label="Acte"><a href="/adherent/remboursements/');
		const unlabelled = html.replaceAll(/ data-label="[^"]*"/g, "");
		expect(labelTableCells(unlabelled)).toBe(html);
	});

	// CGU art. 3, 8
	it("shows another member only their own lines and requests", async () => {
		const first = await dashboardOf("adherent1");
		const second = await dashboardOf("adherent2");
		expect(second.html).toContain("Bonjour Sophie Durand.");
		const ids = (html: string) => [...html.matchAll(/\/adherent\/remboursements\/(\d+)"/g)].map((m) => m[1]);
		expect(ids(second.html).some((id) => ids(first.html).includes(id))).toBe(false);
		const [theirs] = await handle.db
			.select({ memberId: prestations.memberId })
			.from(prestations)
			.where(eq(prestations.id, Number(ids(second.html)[0])));
		expect(theirs?.memberId).toBe(second.memberId);
		expect(second.html).not.toContain("R2026-000002");
	});
});
