import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import {
	createSeededTestApp,
	formPost,
	signInDemoMember,
	withCookie,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

// The ceremony itself runs in Chromium (tests/e2e/passkeys.test.ts); here, what needs no browser.
const NOW = new Date("2026-11-26T09:00:00.000Z");
let handle: DatabaseHandle;
let app: App;
let cookie: string;

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.2, now: NOW }));
	cookie = await signInDemoMember(app, handle.db, "adherent1");
}, 120_000);

afterAll(() => handle?.client.close());

const b64 = (text: string) => Buffer.from(text).toString("base64url");

function fakeAssertion(challenge: string): string {
	return JSON.stringify({
		id: "AAAA",
		rawId: "AAAA",
		type: "public-key",
		clientExtensionResults: {},
		response: {
			clientDataJSON: b64(JSON.stringify({ type: "webauthn.get", challenge, origin: "http://localhost" })),
			authenticatorData: "AAAA",
			signature: "AAAA",
		},
	});
}

describe("passkey pages without a browser", () => {
	it("lists no passkey, carries the ceremony's options and script, and says JavaScript is needed", async () => {
		const response = await app.request("/compte/cles-d-acces", withCookie(cookie));
		expect(response.status).toBe(200);
		const html = (await response.text()).replaceAll("&#39;", "'");
		expect(html).toContain("Aucune clé d'accès n'est enregistrée.");
		expect(html).toMatch(
			/data-passkey="register" data-options="\{&quot;challenge&quot;:&quot;[A-Za-z0-9_-]{43}&quot;/,
		);
		expect(html).toContain('<script src="/cles-d-acces.js" defer');
		expect(html).toContain("Cette étape utilise JavaScript");
	});

	it("refuses an enrolment without the ceremony's answer, or without a name, in French", async () => {
		const noScript = await app.request(
			"/compte/cles-d-acces",
			withCookie(cookie, formPost({ nom: "Téléphone", reponse: "" })),
		);
		expect(noScript.status).toBe(400);
		expect(await noScript.text()).toContain("Cette étape demande JavaScript");
		const noName = await app.request(
			"/compte/cles-d-acces",
			withCookie(cookie, formPost({ nom: " ", reponse: "" })),
		);
		expect(noName.status).toBe(400);
		expect((await noName.text()).replaceAll("&#39;", "'")).toContain("Donnez un nom à la clé d'accès.");
		const garbage = await app.request(
			"/compte/cles-d-acces",
			withCookie(cookie, formPost({ nom: "x", reponse: "{not json" })),
		);
		expect(garbage.status).toBe(400);
	});

	it("answers 404 to revoking a passkey that is not the account's", async () => {
		for (const id of ["999999", "abc", "0"]) {
			const response = await app.request(
				`/compte/cles-d-acces/${id}/supprimer`,
				withCookie(cookie, formPost({})),
			);
			expect(response.status, id).toBe(404);
		}
	});

	it("refuses a sign-in answer to a challenge the server never gave", async () => {
		const page = await app.request("/connexion/cle-d-acces");
		expect(page.status).toBe(200);
		const response = await app.request(
			"/connexion/cle-d-acces",
			formPost({ reponse: fakeAssertion("bm90LWdpdmVu") }),
		);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain("Cette demande a expiré. Recommencez.");
		expect(response.headers.get("Set-Cookie")).toBeNull();
	});
});
