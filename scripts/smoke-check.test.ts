// The smoke check against a local server that answers like the portal, then like a broken
// deployment (the assets-only Worker of issue 9 answered 404 for /connexion, a missing secret
// gives 503 on /readyz): every wrong answer fails it, by name. The real Worker passes it in
// tests/workerd/worker.test.ts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { smokeCheck } from "./smoke-check.ts";

type Answer = { status: number; type: string; body: string; headers?: Record<string, string> };
const HTML = { "content-security-policy": "default-src 'self'" };
const GOOD: Record<string, Answer> = {
	"/healthz": { status: 200, type: "application/json", body: '{"status":"ok"}' },
	"/readyz": { status: 200, type: "application/json", body: '{"status":"ok","database":"ok"}' },
	"/cgu": {
		status: 200,
		type: "text/html",
		body: "<h1>Conditions générales d'utilisation</h1>",
		headers: HTML,
	},
	"/connexion": { status: 200, type: "text/html", body: '<input name="identifiant">', headers: HTML },
};

const servers: Server[] = [];

async function serve(answers: Record<string, Answer>): Promise<string> {
	const server = createServer((req, res) => {
		const answer = answers[req.url ?? ""] ?? { status: 404, type: "text/html", body: "introuvable" };
		res.writeHead(answer.status, { "content-type": `${answer.type}; charset=utf-8`, ...answer.headers });
		res.end(answer.body);
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe("the smoke check of a deployed portal", () => {
	it("passes when every probe answers 200 with the expected page", async () => {
		const results = await smokeCheck(await serve(GOOD));
		expect(results.map((r) => [r.path, r.ok])).toEqual([
			["/healthz", true],
			["/readyz", true],
			["/cgu", true],
			["/connexion", true],
		]);
	});

	it("fails on a 404, a 503, a redirect or a page without its headers, naming each", async () => {
		const results = await smokeCheck(
			await serve({
				"/healthz": GOOD["/healthz"] as Answer,
				"/readyz": { status: 503, type: "application/json", body: '{"database":"unreachable"}' },
				"/cgu": { ...(GOOD["/cgu"] as Answer), headers: {} },
				"/connexion": { status: 303, type: "text/html", body: "", headers: { location: "/erreur" } },
			}),
		);
		expect(results.filter((r) => !r.ok).map((r) => `${r.path} ${r.detail}`)).toEqual([
			"/readyz status 503, expected 200",
			"/cgu 200 but without its Content-Security-Policy",
			"/connexion status 303 to /erreur, expected 200",
		]);
		const missing = await smokeCheck(await serve({}));
		expect(missing.every((r) => !r.ok)).toBe(true);
	});
});
