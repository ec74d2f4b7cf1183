// FranceConnect and Pro Santé Connect against a real OpenID Connect provider on 127.0.0.1
// (tests/support/oidc-provider.ts): Node's fetch follows the provider's redirects, the portal is
// driven through app.request with its one cookie. ADR 0039.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPersonalData } from "../../core/donnees/export-data.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { auditEvents, federatedIdentities, sessions } from "../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../tests/support/demo.ts";
import { startTestOidcProvider, type TestOidcProvider } from "../../tests/support/oidc-provider.ts";
import { practiceTotp } from "../../tests/support/practice.ts";
import {
	cookieOf,
	createTestApp,
	formPost,
	latestSignInCode,
	TEST_ORIGIN,
	withCookie,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

const NOW = new Date("2026-11-26T09:00:00.000Z");
const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let fc: TestOidcProvider;
let psc: TestOidcProvider;
let app: App;
let strictApp: App;

beforeAll(async () => {
	[handle, fc, psc] = await Promise.all([
		createSeededTestDatabase({ scale: 0.2, seed: 42, pepper: PEPPER, now: new Date("2026-11-20T08:00:00Z") }),
		startTestOidcProvider({ kind: "franceconnect", clientOrigin: TEST_ORIGIN }),
		startTestOidcProvider({ kind: "pro_sante_connect", clientOrigin: TEST_ORIGIN }),
	]);
	const clock = () => NOW;
	app = createTestApp({ db: handle.db, clock, pepper: PEPPER, env: { ...fc.env, ...psc.env } });
	// The same portal requiring a substantial level (eIDAS 2) from FranceConnect.
	strictApp = createTestApp({
		db: handle.db,
		clock,
		pepper: PEPPER,
		env: { ...fc.env, FRANCECONNECT_ACR: "eidas2" },
	});
	fc.person("fc-marie", {
		given_name: "Marie",
		family_name: "Durand",
		birthdate: "1980-05-12",
		email: "m@x.fr",
	});
	fc.person("fc-other", {
		given_name: "Paul",
		family_name: "Martin",
		birthdate: "1975-01-02",
		email: "p@x.fr",
	});
	psc.person("psc-899700100001", {
		SubjectNameID: "899700100001",
		SubjectRefPro: { codeCivilite: "DR", exercices: [{ codeProfession: "10" }] },
		given_name: "Jeanne",
		family_name: "Praticienne",
		preferred_username: "899700100001",
	});
}, 120_000);

afterAll(async () => {
	handle?.client.close();
	await Promise.all([fc?.close(), psc?.close()]);
});

/** Starts a login at the portal: the pending login's cookie and the provider's address. */
async function start(portal: App, slug = "franceconnect"): Promise<{ cookie: string; location: string }> {
	const response = await portal.request(`/connexion/${slug}`);
	expect(response.status).toBe(303);
	return { cookie: cookieOf(response), location: response.headers.get("Location") ?? "" };
}

async function callback(portal: App, back: URL, cookie: string): Promise<Response> {
	return await portal.request(back.pathname + back.search, withCookie(cookie));
}

async function expectNoSession(portal: App, response: Response): Promise<void> {
	const cookie = cookieOf(response);
	const page = await portal.request("/adherent", cookie ? withCookie(cookie) : {});
	expect(page.status).toBe(303);
	expect(page.headers.get("Location")).toMatch(/^\/connexion/);
}

/** The French text of a page, entities decoded enough for the assertions. */
async function text(response: Response): Promise<string> {
	return (await response.text()).replaceAll("&#39;", "'").replaceAll("&quot;", '"');
}

describe("sign-in through FranceConnect", () => {
	it("sends the browser to the provider with PKCE, state, nonce, the scopes and the acr level", async () => {
		const { cookie, location } = await start(app);
		expect(cookie).toMatch(/^__Host-espace_session=fed-/);
		const url = new URL(location);
		expect(url.origin).toBe(fc.issuer);
		expect(url.searchParams.get("client_id")).toBe(fc.clientId);
		expect(url.searchParams.get("scope")).toBe("openid given_name family_name birthdate email");
		expect(url.searchParams.get("acr_values")).toBe("eidas1");
		expect(url.searchParams.get("code_challenge_method")).toBe("S256");
		expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
		expect(url.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
		expect(url.searchParams.get("redirect_uri")).toBe(`${TEST_ORIGIN}/connexion/franceconnect/retour`);
	});

	it("links a new identity after the password and the e-mailed code, then later sign-ins go straight in", async () => {
		const member = DEMO_ACCOUNTS.adherent1;
		fc.next({ sub: "fc-marie", acr: "eidas1" });
		const { cookie, location } = await start(app);
		const back = await fc.authorize(location);
		const answered = await callback(app, back, cookie);
		expect(answered.status).toBe(303);
		expect(answered.headers.get("Location")).toBe("/connexion/federation/liaison");
		const linkPage = await app.request("/connexion/federation/liaison", withCookie(cookie));
		expect(linkPage.status).toBe(200);
		const html = await text(linkPage);
		expect(html).toContain("FranceConnect vous a identifié : Marie Durand.");
		expect(html).toContain("n'est pas encore reliée à un compte");

		const password = await app.request(
			"/connexion/federation/liaison",
			withCookie(cookie, formPost({ identifiant: member.identifier, motDePasse: member.password })),
		);
		expect(password.status).toBe(303);
		expect(password.headers.get("Location")).toBe("/connexion/federation/liaison/verification");
		const halfOpen = cookieOf(password);
		const code = await latestSignInCode(handle.db, member.email);
		const verified = await app.request(
			"/connexion/federation/liaison/verification",
			withCookie(halfOpen, formPost({ code })),
		);
		expect(verified.status).toBe(303);
		expect(verified.headers.get("Location")).toBe("/adherent");
		const space = await app.request("/adherent", withCookie(cookieOf(verified)));
		expect(space.status).toBe(200);

		const account = await demoAccount(handle.db, "adherent1");
		const links = await handle.db
			.select()
			.from(federatedIdentities)
			.where(eq(federatedIdentities.accountId, account.id));
		expect(links.map((link) => [link.provider, link.subject])).toEqual([["franceconnect", "fc-marie"]]);
		// The link is the holder's personal data: in their export (art. 15 and 20).
		const exported = await collectPersonalData(handle.db, account);
		expect(exported.find((section) => section.name === "identites_numeriques")?.rows).toEqual([
			expect.objectContaining({ fournisseur: "franceconnect", identifiant: "fc-marie" }),
		]);
		const [linked] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.accountId, account.id), eq(auditEvents.action, "account.federation.linked")));
		expect(linked?.details).toMatchObject({ provider: "franceconnect", acr: "eidas1" });

		// Later: no password, no code.
		fc.next({ sub: "fc-marie", acr: "eidas1" });
		const again = await start(app);
		const straight = await callback(app, await fc.authorize(again.location), again.cookie);
		expect(straight.status).toBe(303);
		expect(straight.headers.get("Location")).toBe("/adherent");
		const signedIn = cookieOf(straight);
		expect((await app.request("/adherent", withCookie(signedIn))).status).toBe(200);
		const security = await text(await app.request("/compte/securite", withCookie(signedIn)));
		expect(security).toContain("FranceConnect, reliée le 26 novembre 2026");

		// Signing out ends the session here and at the provider, with the ID token as hint.
		const out = await app.request("/deconnexion", withCookie(signedIn, formPost({})));
		expect(out.status).toBe(200);
		const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(await out.text())?.[1] ?? "";
		const logout = new URL(refresh.replaceAll("&amp;", "&"));
		expect(logout.origin).toBe(fc.issuer);
		expect(logout.searchParams.get("id_token_hint")).toMatch(/^eyJ/);
		expect(logout.searchParams.get("post_logout_redirect_uri")).toBe(
			`${TEST_ORIGIN}/connexion?message=deconnecte`,
		);
		const atProvider = await fetch(logout, { redirect: "manual" });
		expect(atProvider.status).toBe(200);
		await atProvider.body?.cancel();
		expect((await app.request("/adherent", withCookie(signedIn))).status).toBe(303);
	});

	it("refuses an answer whose state is not the one of this browser's login", async () => {
		fc.next({ sub: "fc-marie", acr: "eidas1" });
		const { cookie, location } = await start(app);
		const back = await fc.authorize(location);
		back.searchParams.set("state", "etat-falsifie-par-un-attaquant");
		const response = await callback(app, back, cookie);
		expect(response.status).toBe(400);
		expect(await text(response)).toContain("ne correspond pas à la demande faite depuis ce navigateur");
		await expectNoSession(app, response);
	});

	it("refuses a replayed answer, and a spent code carried by a fresh login", async () => {
		fc.next({ sub: "fc-marie", acr: "eidas1" });
		const first = await start(app);
		const back = await fc.authorize(first.location);
		expect((await callback(app, back, first.cookie)).status).toBe(303);
		const replayed = await callback(app, back, first.cookie);
		expect(replayed.status).toBe(400);
		expect(await text(replayed)).toContain("a expiré ou a déjà été utilisée");
		await expectNoSession(app, replayed);

		const fresh = await start(app);
		const spent = new URL(back);
		spent.searchParams.set("state", new URL(fresh.location).searchParams.get("state") ?? "");
		const refused = await callback(app, spent, fresh.cookie);
		expect(refused.status).toBe(400);
		expect(await text(refused)).toContain("a déjà été utilisée ou n'est plus valable");
		await expectNoSession(app, refused);
	});

	it("refuses an ID token issued for another nonce", async () => {
		fc.next({ sub: "fc-marie", acr: "eidas1" });
		const { cookie, location } = await start(app);
		// The code is obtained for an authorization request whose nonce is not ours.
		const crafted = new URL(location);
		crafted.searchParams.set("nonce", "nonce-d-une-autre-demande-0123456789");
		const response = await callback(app, await fc.authorize(crafted.href), cookie);
		expect(response.status).toBe(400);
		expect(await text(response)).toContain("Le jeton d'identité reçu de FranceConnect ne correspond pas");
		await expectNoSession(app, response);
	});

	it("refuses an assurance level below the one required", async () => {
		fc.next({ sub: "fc-marie", acr: "eidas1" });
		const { cookie, location } = await start(strictApp);
		expect(new URL(location).searchParams.get("acr_values")).toBe("eidas2");
		const response = await callback(strictApp, await fc.authorize(location), cookie);
		expect(response.status).toBe(400);
		expect(await text(response)).toContain("Le niveau de sécurité du moyen d'identification choisi");
		await expectNoSession(strictApp, response);
		const [refusal] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "auth.federation.sign_in"))
			.orderBy(auditEvents.seq)
			.then((rows) => rows.slice(-1));
		expect(refusal?.details).toMatchObject({ reason: "acr", detail: "eidas1" });
	});

	it("says so when the person cancels at the provider (access_denied)", async () => {
		fc.next({ error: "access_denied", description: "User cancelled" });
		const { cookie, location } = await start(app);
		const back = await fc.authorize(location);
		expect(back.searchParams.get("error")).toBe("access_denied");
		const response = await callback(app, back, cookie);
		expect(response.status).toBe(400);
		expect(await text(response)).toContain("La connexion avec FranceConnect a été annulée ou refusée");
		await expectNoSession(app, response);
	});

	it("lets the person decline to link an unknown identity, and links nothing", async () => {
		fc.next({ sub: "fc-other", acr: "eidas1" });
		const { cookie, location } = await start(app);
		expect((await callback(app, await fc.authorize(location), cookie)).headers.get("Location")).toBe(
			"/connexion/federation/liaison",
		);
		const cancelled = await app.request(
			"/connexion/federation/liaison/annuler",
			withCookie(cookie, formPost({})),
		);
		expect(cancelled.status).toBe(200);
		expect(await text(cancelled)).toContain(
			"La connexion avec FranceConnect est annulée : aucun compte n'a été relié.",
		);
		const links = await handle.db
			.select()
			.from(federatedIdentities)
			.where(eq(federatedIdentities.subject, "fc-other"));
		expect(links).toEqual([]);
		expect((await app.request("/connexion/federation/liaison", withCookie(cookie))).status).toBe(400);
	});

	it("refuses to link a professional's account to a FranceConnect identity", async () => {
		fc.next({ sub: "fc-other", acr: "eidas1" });
		const { cookie, location } = await start(app);
		await callback(app, await fc.authorize(location), cookie);
		const practice = DEMO_ACCOUNTS.professionnel2;
		const refused = await app.request(
			"/connexion/federation/liaison",
			withCookie(cookie, formPost({ identifiant: practice.identifier, motDePasse: practice.password })),
		);
		expect(refused.status).toBe(400);
		expect(await text(refused)).toContain("Ce compte n'appartient pas à l'espace");
	});
});

describe("sign-in through Pro Santé Connect", () => {
	it("links a professional's e-CPS identity with the authenticator app, then signs in directly, and unlinks", async () => {
		const practice = DEMO_ACCOUNTS.professionnel1;
		psc.next({ sub: "psc-899700100001", acr: "eidas1" });
		const { cookie, location } = await start(app, "pro-sante-connect");
		expect(new URL(location).searchParams.get("scope")).toBe("openid scope_all");
		await callback(app, await psc.authorize(location), cookie);
		const linkPage = await text(await app.request("/connexion/federation/liaison", withCookie(cookie)));
		expect(linkPage).toContain("Pro Santé Connect vous a identifié : Jeanne Praticienne.");
		const password = await app.request(
			"/connexion/federation/liaison",
			withCookie(cookie, formPost({ identifiant: practice.identifier, motDePasse: practice.password })),
		);
		const verified = await app.request(
			"/connexion/federation/liaison/verification",
			withCookie(cookieOf(password), formPost({ code: practiceTotp(NOW) })),
		);
		expect(verified.headers.get("Location")).toBe("/professionnel");

		psc.next({ sub: "psc-899700100001", acr: "eidas1" });
		const again = await start(app, "pro-sante-connect");
		const straight = await callback(app, await psc.authorize(again.location), again.cookie);
		expect(straight.headers.get("Location")).toBe("/professionnel");
		const signedIn = cookieOf(straight);
		const [session] = await handle.db
			.select()
			.from(sessions)
			.where(eq(sessions.id, signedIn.split("=")[1]?.split(".")[0] ?? ""));
		// Health professionals: 4 hours at most, whatever the way in.
		expect(session && session.absoluteExpiresAt.getTime() - NOW.getTime()).toBe(4 * 3_600_000);

		const account = await demoAccount(handle.db, "professionnel1");
		const [link] = await handle.db
			.select()
			.from(federatedIdentities)
			.where(eq(federatedIdentities.accountId, account.id));
		const unlinked = await app.request(
			`/compte/securite/identites/${link?.id}/supprimer`,
			withCookie(signedIn, formPost({})),
		);
		expect(unlinked.headers.get("Location")).toBe("/compte/securite?message=identite-deliee");
		psc.next({ sub: "psc-899700100001", acr: "eidas1" });
		const afterUnlink = await start(app, "pro-sante-connect");
		const asked = await callback(app, await psc.authorize(afterUnlink.location), afterUnlink.cookie);
		expect(asked.headers.get("Location")).toBe("/connexion/federation/liaison");
	});
});

describe("a provider that is not configured", () => {
	it("shows no button and has no route", async () => {
		const plain = createTestApp({ db: handle.db, clock: () => NOW, pepper: PEPPER });
		const page = await text(await plain.request("/connexion"));
		expect(page).not.toContain("FranceConnect");
		expect((await plain.request("/connexion/franceconnect")).status).toBe(404);
		expect((await plain.request("/connexion/franceconnect/retour?code=x&state=y")).status).toBe(404);
		const configured = await text(await app.request("/connexion"));
		expect(configured).toContain("Se connecter avec FranceConnect");
		expect(configured).toContain("Se connecter avec Pro Santé Connect");
	});
});
