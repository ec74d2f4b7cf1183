import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { outgoingMails } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../../tests/support/demo.ts";
import { createTestApp } from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
const now = new Date("2026-11-26T09:00:00Z");

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 7,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
}, 60_000);
afterAll(() => handle.client.close());

const post = (path: string, body: unknown, token?: string) =>
	app.request(`/api/v1${path}`, {
		method: "POST",
		headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
		body: JSON.stringify(body),
	});
const get = (path: string, token: string) =>
	app.request(`/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });

async function latestCode(email: string): Promise<string> {
	const [mail] = await handle.db
		.select()
		.from(outgoingMails)
		.where(and(eq(outgoingMails.toAddress, email), eq(outgoingMails.template, "sign-in-code")))
		.orderBy(desc(outgoingMails.id))
		.limit(1);
	return /\b(\d{6})\b/.exec(mail?.textBody ?? "")?.[1] ?? "";
}

describe("the JSON API", () => {
	it("signs in with a bearer token through the two steps, lists sessions and signs out", async () => {
		const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
		const first = await post("/auth/sign-in", { identifier, password });
		expect(first.status).toBe(200);
		const step = (await first.json()) as { token: string; method: string };
		expect(step.method).toBe("email");
		expect((await get("/auth/me", step.token)).status).toBe(401);
		const second = await post("/auth/second-factor", { code: await latestCode(email) }, step.token);
		expect(second.status).toBe(200);
		const { token, account } = (await second.json()) as {
			token: string;
			account: { identifier: string; space: string };
		};
		expect(account).toMatchObject({ identifier, space: "adherent" });
		const me = (await (await get("/auth/me", token)).json()) as { cguToAccept: string | null };
		expect(me.cguToAccept).toBeNull();
		const sessions = (await (await get("/auth/sessions", token)).json()) as {
			sessions: { current: boolean }[];
		};
		expect(sessions.sessions.filter((session) => session.current)).toHaveLength(1);
		expect((await post("/auth/sign-out", {}, token)).status).toBe(204);
		expect((await get("/auth/me", token)).status).toBe(401);
	});

	it("answers bad input with 400 and a French message per field, and refuses unknown keys", async () => {
		const response = await post("/auth/sign-in", { identifier: "12", password: "x", admin: true });
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: { message: string; fields: Record<string, string> } };
		expect(body.error.message).toMatch(/ne sont pas valides/);
		expect(Object.values(body.error.fields).join(" ")).toMatch(/10 chiffres|admin|clé/i);
		const wrong = await post("/auth/sign-in", { identifier: "1999999999", password: "mauvais" });
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toMatchObject({
			error: { message: "Identifiant ou mot de passe incorrect." },
		});
	});

	it("publishes an OpenAPI document generated from the route schemas", async () => {
		const response = await app.request("/api/v1/openapi.json");
		expect(response.status).toBe(200);
		const doc = (await response.json()) as {
			openapi: string;
			paths: Record<string, unknown>;
			components: { schemas: Record<string, unknown> };
		};
		expect(doc.openapi).toBe("3.1.0");
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining([
				"/auth/sign-in",
				"/auth/second-factor",
				"/auth/me",
				"/auth/sessions",
				"/auth/sessions/{id}",
				"/auth/sign-out",
				"/auth/cgu",
			]),
		);
		expect(Object.keys(doc.components.schemas)).toEqual(
			expect.arrayContaining(["SignInRequest", "Error", "Session"]),
		);
	});
});

describe("the JSON API before a session exists", () => {
	it("answers a sign-up and a password reset with the same neutral 202 whatever the records say", async () => {
		const unknown = await post("/auth/sign-up", {
			space: "adherent",
			memberNumber: "99999999",
			birthDate: "1980-01-01",
			email: "personne@example.test",
			capacity: "own_capacity",
			cguVersion: "1.0",
			acceptCgu: true,
		});
		expect(unknown.status).toBe(202);
		expect(await unknown.json()).toMatchObject({ status: "received" });
		const noCgu = await post("/auth/sign-up", {
			space: "adherent",
			memberNumber: "99999999",
			birthDate: "1980-01-01",
			email: "personne@example.test",
			capacity: "own_capacity",
			cguVersion: "1.0",
			acceptCgu: false,
		});
		expect(noCgu.status).toBe(400);
		const known = await post("/auth/password-reset", { identifier: DEMO_ACCOUNTS.adherent2.identifier });
		const missing = await post("/auth/password-reset", { identifier: "1999999999" });
		expect([known.status, missing.status]).toEqual([202, 202]);
		expect(await known.text()).toBe(await missing.text());
		const bad = await post("/auth/password-reset/complete", {
			token: "abcdefghijklmnopqrstuvwx",
			password: "x",
			confirmation: "x",
		});
		expect(bad.status).toBe(400);
	});
});
