// What a member is told about the state of their account (issue 11): a suspended account, or one
// blocked after a fraud report, that gives the right password is told its state and whom to
// contact (a wrong password still gets the neutral answer); a member whose contract ended sees
// until when the space stays open (article 7: two years).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { accounts } from "../../schema/tables/index.ts";
import {
	createSeededTestApp,
	formPost,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.2, now, pepper: PEPPER }));
}, 60_000);
afterAll(() => handle.client.close());

const { adherent1, adherent2 } = DEMO_ACCOUNTS;
const signIn = (identifiant: string, motDePasse: string) =>
	app.request("/connexion", formPost({ identifiant, motDePasse }));

async function setState(identifier: string, stateReason: string): Promise<void> {
	await handle.db
		.update(accounts)
		.set({ state: "suspended", stateReason, suspendedAt: now })
		.where(eq(accounts.identifier, identifier));
}

describe("signing in to a blocked account", () => {
	it("tells a suspended account with the right password its state and whom to contact", async () => {
		await setState(adherent2.identifier, "vérification");
		const wrong = await signIn(adherent2.identifier, "pas le bon mot de passe");
		expect(await wrong.text()).toContain("Identifiant ou mot de passe incorrect.");
		const right = await signIn(adherent2.identifier, adherent2.password);
		expect(right.status).toBe(403);
		const html = await right.text();
		expect(html).toContain("Votre compte est suspendu");
		expect(html).toContain('href="/informations/contact"');
		expect(html).not.toContain("Identifiant ou mot de passe incorrect.");
	});

	it("tells an account blocked after a fraud report how to unblock it", async () => {
		await setState(adherent2.identifier, "fraud_report");
		const right = await signIn(adherent2.identifier, adherent2.password);
		expect(right.status).toBe(403);
		const html = await right.text();
		expect(html).toContain("signalement d&#39;une utilisation frauduleuse");
		expect(html).toContain('href="/informations/contact"');
	});

	it("answers the API with 403 and the same words", async () => {
		const response = await app.request("/api/v1/auth/sign-in", {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ identifier: adherent2.identifier, password: adherent2.password }),
		});
		expect(response.status).toBe(403);
		expect(((await response.json()) as { error: { message: string } }).error.message).toContain("bloqué");
	});
});

describe("a member whose contract ended", () => {
	it("sees until when the space stays open", async () => {
		await handle.db
			.update(accounts)
			.set({ accessUntil: "2028-12-01" })
			.where(eq(accounts.identifier, adherent1.identifier));
		const cookie = await signInThroughForms(app, adherent1.identifier, adherent1.password, () =>
			latestSignInCode(handle.db, adherent1.email),
		);
		const html = await (await app.request("/adherent", withCookie(cookie))).text();
		expect(html).toContain("Votre contrat a pris fin");
		expect(html).toContain("jusqu&#39;au 1er décembre 2028");
	});
});
