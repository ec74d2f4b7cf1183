// `/compte/securite` and `/compte/fermeture` through the real forms.
import { eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { accounts, requests, sessions } from "../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import {
	cookieOf,
	createTestApp,
	formPost,
	latestMail,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
let now = new Date("2026-11-26T09:00:00Z");

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 11,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
}, 60_000);
afterAll(() => handle.client.close());

async function signInAdherent(which: "adherent1" | "adherent2" = "adherent2"): Promise<string> {
	now = new Date(now.getTime() + 16 * 60_000);
	const { identifier, password, email } = DEMO_ACCOUNTS[which];
	return signInThroughForms(app, identifier, password, () => latestSignInCode(handle.db, email));
}

describe("the security page", () => {
	it("lists the open sessions and ends the others", async () => {
		const other = await signInAdherent();
		const mine = await signInAdherent();
		const page = await (await app.request("/compte/securite", withCookie(mine))).text();
		expect(page).toContain("(cette session)");
		expect(page).toContain("Firefox sur Linux");
		const ended = await app.request("/compte/securite/sessions/autres/fin", withCookie(mine, formPost({})));
		expect(ended.headers.get("Location")).toBe("/compte/securite?message=autres-terminees");
		expect((await app.request("/adherent", withCookie(other))).status).toBe(303);
		expect((await app.request("/adherent", withCookie(mine))).status).toBe(200);
	});

	it("answers 404 for another account's session, as for one that does not exist", async () => {
		const theirs = await signInAdherent("adherent1");
		const mine = await signInAdherent("adherent2");
		const [session] = await handle.db
			.select({ id: sessions.id })
			.from(sessions)
			.innerJoin(accounts, eq(sessions.accountId, accounts.id))
			.where(eq(accounts.identifier, DEMO_ACCOUNTS.adherent1.identifier));
		expect(
			(await app.request(`/compte/securite/sessions/${session?.id}/fin`, withCookie(mine, formPost({}))))
				.status,
		).toBe(404);
		expect(
			(await app.request("/compte/securite/sessions/inexistante/fin", withCookie(mine, formPost({})))).status,
		).toBe(404);
		expect((await app.request("/adherent", withCookie(theirs))).status).toBe(200);
	});

	it("changes the password after checking the current one, ends other sessions and sends a notice", async () => {
		const other = await signInAdherent();
		const mine = await signInAdherent();
		const { password, email } = DEMO_ACCOUNTS.adherent2;
		const wrong = await app.request(
			"/compte/securite/mot-de-passe",
			withCookie(mine, formPost({ actuel: "faux", nouveau: "x", confirmation: "x" })),
		);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain("Le mot de passe actuel n&#39;est pas le bon.");
		const weak = await app.request(
			"/compte/securite/mot-de-passe",
			withCookie(
				mine,
				formPost({ actuel: password, nouveau: "azertyuiop123", confirmation: "azertyuiop123" }),
			),
		);
		expect(weak.status).toBe(400);
		const strong = "Le hérisson traverse la Loire en 2026 !";
		const ok = await app.request(
			"/compte/securite/mot-de-passe",
			withCookie(mine, formPost({ actuel: password, nouveau: strong, confirmation: strong })),
		);
		expect(ok.headers.get("Location")).toBe("/compte/securite?message=mot-de-passe");
		expect((await app.request("/adherent", withCookie(other))).status).toBe(303);
		expect((await latestMail(handle.db, email, "password-changed"))?.textBody).toMatch(/signalement\?jeton=/);
		// Back to the demo password for the other tests.
		await app.request(
			"/compte/securite/mot-de-passe",
			withCookie(mine, formPost({ actuel: strong, nouveau: password, confirmation: password })),
		);
	});

	it("enrols an authenticator app, shows recovery codes once, then asks for its codes at sign-in", async () => {
		const mine = await signInAdherent("adherent1");
		const page = await (await app.request("/compte/securite/application", withCookie(mine))).text();
		const secret = /<code>([A-Z2-7]{16,})<\/code>/.exec(page)?.[1] ?? "";
		expect(secret).not.toBe("");
		expect(page).toContain("<svg");
		const totp = new OTPAuth.TOTP({ secret, digits: 6, period: 30, algorithm: "SHA1" });
		const enrolled = await app.request(
			"/compte/securite/application",
			withCookie(mine, formPost({ code: totp.generate({ timestamp: now.getTime() }) })),
		);
		const codes = [
			...(await enrolled.text()).matchAll(/<code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})<\/code>/g),
		].map((m) => m[1] ?? "");
		expect(codes).toHaveLength(10);
		now = new Date(now.getTime() + 16 * 60_000);
		const { identifier, password } = DEMO_ACCOUNTS.adherent1;
		const first = await app.request(
			"/connexion",
			formPost({ identifiant: identifier, motDePasse: password }),
		);
		expect(
			await (await app.request("/connexion/verification", withCookie(cookieOf(first)))).text(),
		).toContain("application d&#39;authentification");
		const viaRecovery = await app.request(
			"/connexion/verification",
			withCookie(cookieOf(first), formPost({ code: codes[0] ?? "", secours: "oui" })),
		);
		expect(viaRecovery.status).toBe(303);
		// A recovery code is spent once.
		const again = await app.request(
			"/connexion",
			formPost({ identifiant: identifier, motDePasse: password }),
		);
		expect(
			(
				await app.request(
					"/connexion/verification",
					withCookie(cookieOf(again), formPost({ code: codes[0] ?? "", secours: "oui" })),
				)
			).status,
		).toBe(400);
		await handle.db
			.update(accounts)
			.set({
				totpEnabled: false,
				totpSecret: null,
				recoveryCodeHashes: null,
				totpLastUsedStep: null,
				secondFactorMethod: "email",
			})
			.where(eq(accounts.identifier, identifier));
	});

	it("makes an employer without an authenticator app enrol one before anything else", async () => {
		const { identifier, password, email } = DEMO_ACCOUNTS.employeur2;
		await handle.db
			.update(accounts)
			.set({ totpEnabled: false, totpSecret: null })
			.where(eq(accounts.identifier, identifier));
		now = new Date(now.getTime() + 16 * 60_000);
		const cookie = await signInThroughForms(app, identifier, password, () =>
			latestSignInCode(handle.db, email),
		);
		const home = await app.request("/employeur", withCookie(cookie));
		expect(home.status).toBe(303);
		expect(home.headers.get("Location")).toBe("/compte/securite/application");
		expect(await (await app.request("/compte/securite/application", withCookie(cookie))).text()).toContain(
			"obligatoire",
		);
	});
});

describe("closing the account", () => {
	it("records a deletion request after the password is given again, and lets it be cancelled", async () => {
		const mine = await signInAdherent();
		const missing = await app.request(
			"/compte/fermeture",
			withCookie(mine, formPost({ motDePasse: "faux", confirme: "oui" })),
		);
		expect(missing.status).toBe(400);
		const asked = await app.request(
			"/compte/fermeture",
			withCookie(mine, formPost({ motDePasse: DEMO_ACCOUNTS.adherent2.password, confirme: "oui" })),
		);
		expect(asked.status).toBe(303);
		const page = await (await app.request("/compte/fermeture", withCookie(mine))).text();
		expect(page).toMatch(/Votre demande S2026-\d{6}/);
		expect(page).toContain("article 17");
		await app.request("/compte/fermeture/annuler", withCookie(mine, formPost({})));
		const [request] = await handle.db.select().from(requests).where(eq(requests.kind, "account_deletion"));
		expect(request?.status).toBe("cancelled");
	});
});
