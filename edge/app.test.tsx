import { afterEach, describe, expect, it } from "vitest";
import { recordMailerStatus } from "../core/mailer-status.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { createTestDeps, type TestDeps } from "../tests/support/test-deps.ts";
import { createApp, isDynamicPath } from "./app.tsx";
import { httpError } from "./lib/http-errors.ts";

let deps: TestDeps;

afterEach(() => deps?.close());

function app(overrides = {}, env: Record<string, string> = {}) {
	deps = createTestDeps(overrides, env);
	return createApp(deps);
}

describe("health probes", () => {
	it("says the process is up", async () => {
		const response = await app().request("/healthz");
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: "ok" });
	});

	it("says the database answers", async () => {
		const response = await app().request("/readyz");
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
	});

	it("says the mailer is degraded while a worker's circuit breaker is open, and ok once it closed", async () => {
		const edge = app();
		await migrateDatabase(deps.db);
		expect(await (await edge.request("/readyz")).json()).toEqual({
			status: "ok",
			database: "ok",
			mailer: "ok",
		});
		const since = new Date("2026-12-01T09:00:00Z");
		const status = {
			provider: "resend",
			consecutiveFailures: 5,
			since,
			retryAt: null,
			lastError: "resend 500",
		};
		await recordMailerStatus(deps.db, { ...status, state: "open" }, since);
		const degraded = await edge.request("/readyz");
		expect(degraded.status).toBe(200);
		expect(await degraded.json()).toEqual({
			status: "degraded",
			database: "ok",
			mailer: "degraded",
			mailerDegradedSince: "2026-12-01T09:00:00.000Z",
		});
		await recordMailerStatus(deps.db, { ...status, state: "closed", consecutiveFailures: 0 }, since);
		expect(await (await edge.request("/readyz")).json()).toMatchObject({ status: "ok", mailer: "ok" });
	});

	it("answers 503 when the database does not", async () => {
		const edge = app();
		deps.close();
		const response = await edge.request("/readyz");
		expect(response.status).toBe(503);
		expect(await response.json()).toMatchObject({ database: "unreachable" });
	});
});

describe("errors", () => {
	it("answers an unknown page with a French 404 page for browsers", async () => {
		const response = await app().request("/compte/inconnu");
		expect(response.status).toBe(404);
		expect(response.headers.get("Content-Type")).toContain("text/html");
		const html = await response.text();
		expect(html).toContain("Page introuvable");
		expect(html).toContain('lang="fr"');
		expect(html).toContain("/_astro/espace.test.css");
	});

	it("answers an unknown API path with a JSON error in French", async () => {
		const response = await app().request("/api/v1/inconnu");
		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({
			error: { status: 404, code: "not_found", message: expect.stringMatching(/n'existe pas/) },
		});
	});

	it("turns an unexpected failure into a generic 500 page with a correlation id and no detail", async () => {
		const edge = app();
		edge.get("/compte/panne", () => {
			throw new Error("secret internal detail");
		});
		const response = await edge.request("/compte/panne");
		expect(response.status).toBe(500);
		const html = await response.text();
		expect(html).not.toContain("secret internal detail");
		const id = response.headers.get("X-Request-Id");
		expect(id).toMatch(/^[0-9a-f]{32}$/);
		expect(html).toContain(id);
		expect(deps.logs.some((line) => line.includes('"level":"error"') && line.includes(id ?? "none"))).toBe(
			true,
		);
	});

	it("shows the French message of an expected error", async () => {
		const edge = app();
		edge.get("/compte/refus", () => {
			throw httpError(403, "Cette démarche est réservée aux adhérents.");
		});
		const response = await edge.request("/compte/refus");
		expect(response.status).toBe(403);
		expect(await response.text()).toContain("Cette démarche est réservée aux adhérents.");
	});
});

describe("every dynamic response", () => {
	it("carries the security headers and is never cached", async () => {
		const response = await app().request("/healthz");
		expect(response.headers.get("Content-Security-Policy")).toMatch(
			/default-src 'self'.*frame-ancestors 'none'/,
		);
		expect(response.headers.get("Strict-Transport-Security")).toMatch(/max-age=\d+/);
		expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
		expect(response.headers.get("Cache-Control")).toBe("no-store");
	});

	it("is logged with its route pattern, not its raw path or query", async () => {
		const edge = app();
		edge.get("/compte/demandes/:id", (c) => c.text("ok"));
		await edge.request("/compte/demandes/123?email=jean.dupont@example.com");
		const line = deps.logs.find((entry) => entry.includes('"msg":"request"')) ?? "";
		expect(JSON.parse(line)).toMatchObject({ route: "/compte/demandes/:id", status: 200, method: "GET" });
		expect(line).not.toContain("jean.dupont");
	});
});

describe("state changes", () => {
	it("refuses a form posted from another site", async () => {
		const edge = app();
		edge.post("/compte/action", (c) => c.text("fait"));
		const response = await edge.request("/compte/action", {
			method: "POST",
			headers: { Origin: "https://attaquant.example", "Content-Type": "application/x-www-form-urlencoded" },
			body: "a=1",
		});
		expect(response.status).toBe(403);
		expect(await response.text()).toContain("Accès refusé");
	});

	it("accepts a form posted from the portal itself", async () => {
		const edge = app();
		edge.post("/compte/action", (c) => c.text("fait"));
		const response = await edge.request("/compte/action", {
			method: "POST",
			headers: { Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" },
			body: "a=1",
		});
		expect(response.status).toBe(200);
	});

	it("refuses a body over the size limit before reading it", async () => {
		const edge = app({}, { BODY_LIMIT_BYTES: "2048" });
		edge.post("/compte/envoi", async (c) => c.text(String((await c.req.text()).length)));
		const response = await edge.request("/compte/envoi", {
			method: "POST",
			headers: { Origin: "http://localhost", "Content-Type": "text/plain", "Content-Length": "4096" },
			body: "x".repeat(4096),
		});
		expect(response.status).toBe(413);
		expect(await response.text()).toContain("Envoi trop volumineux");
	});

	it("counts a body sent without a length as it streams, and refuses it past the limit", async () => {
		const edge = app({}, { BODY_LIMIT_BYTES: "2048" });
		edge.post("/compte/envoi", async (c) => c.text(String((await c.req.text()).length)));
		const chunked = (size: number) =>
			edge.request("/compte/envoi", {
				method: "POST",
				headers: { Origin: "http://localhost", "Content-Type": "text/plain" },
				body: new ReadableStream({
					start(controller) {
						for (let sent = 0; sent < size; sent += 512)
							controller.enqueue(new TextEncoder().encode("x".repeat(512)));
						controller.close();
					},
				}),
				duplex: "half",
			} as RequestInit);
		expect((await chunked(4096)).status).toBe(413);
		const small = await chunked(1024);
		expect(small.status).toBe(200);
		expect(await small.text()).toBe("1024");
	});

	it("reads a body within its announced length", async () => {
		const edge = app({}, { BODY_LIMIT_BYTES: "2048" });
		edge.post("/compte/envoi", async (c) => c.text(String((await c.req.text()).length)));
		const response = await edge.request("/compte/envoi", {
			method: "POST",
			headers: { Origin: "http://localhost", "Content-Type": "text/plain", "Content-Length": "2048" },
			body: "x".repeat(2048),
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toBe("2048");
	});
});

describe("isDynamicPath", () => {
	it("sends the spaces, the account pages and the API to the edge app", () => {
		for (const path of [
			"/connexion",
			"/adherent",
			"/adherent/releves",
			"/api/v1/openapi.json",
			"/healthz",
			"/compte/securite",
		]) {
			expect(isDynamicPath(path), path).toBe(true);
		}
	});

	it("leaves the public pages to the static site", () => {
		for (const path of [
			"/",
			"/cgu",
			"/cgu/1.0",
			"/informations/tiers-payant",
			"/adherents-infos",
			"/connexions",
			"/_astro/x.css",
		]) {
			expect(isDynamicPath(path), path).toBe(false);
		}
	});
});

describe("server-rendered pages", () => {
	it("start with a doctype, so browsers render them in standards mode", async () => {
		const html = await (await app().request("/connexion")).text();
		expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
	});
});
