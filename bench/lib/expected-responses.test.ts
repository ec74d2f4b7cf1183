import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { afterEach, describe, expect, it } from "vitest";
import {
	assertCleanLoad,
	BenchmarkRefusal,
	bodyMatches,
	type ExpectedResponse,
	fetchExpected,
	refuseUnless,
} from "./expected-responses.ts";

const PAGE =
	'<!DOCTYPE html><html lang="fr"><body><h1>Tableau de bord</h1><p>Bonjour Camille</p></body></html>';
const expected: ExpectedResponse = {
	status: 200,
	contentType: "text/html",
	markers: ["<h1>Tableau de bord</h1>", "Camille"],
};

const servers: Server[] = [];

async function serve(handler: RequestListener): Promise<string> {
	const server = createServer(handler);
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function page(res: Parameters<RequestListener>[1], body = PAGE): void {
	res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(body);
}

/** The real page, except that the dashboard redirects to the terms page as in issue 9. */
const redirectingServer: RequestListener = (req, res) => {
	if (req.url === "/compte/cgu") return page(res);
	res.writeHead(303, { Location: "/compte/cgu" }).end();
};

/** A bounded load: a fixed number of requests, on 127.0.0.1 only. */
function load(url: string, amount = 40) {
	return autocannon({ url, connections: 2, amount, verifyBody: bodyMatches(expected) });
}

describe("the benchmarks' response check", () => {
	it("refuses a server that redirects, without following the redirect", async () => {
		const base = await serve(redirectingServer);
		await expect(fetchExpected("dashboard", `${base}/adherent`, {}, expected)).rejects.toThrow(
			/answered 303 \(redirect to \/compte\/cgu\), expected 200/,
		);
		const result = await load(`${base}/adherent`);
		expect(() => assertCleanLoad("dashboard", result, expected)).toThrow(BenchmarkRefusal);
		expect(() => assertCleanLoad("dashboard", result, expected)).toThrow(
			/dashboard: 40 responses 303, 40 bodies without .*, no response 200 at all \(out of 40 responses\)/,
		);
	});

	it("refuses a load where a few responses among many are redirects", async () => {
		let served = 0;
		const base = await serve((req, res) => (++served % 10 === 0 ? redirectingServer(req, res) : page(res)));
		const result = await load(`${base}/adherent`);
		expect(() => assertCleanLoad("dashboard", result, expected)).toThrow(/4 responses 303/);
	});

	it("refuses a 200 that is not the real page", async () => {
		const base = await serve((_req, res) => page(res, "<h1>Tableau de bord</h1><p>Bonjour</p>"));
		await expect(fetchExpected("dashboard", base, {}, expected)).rejects.toThrow(/a page without "Camille"/);
		const result = await load(base);
		expect(() => assertCleanLoad("dashboard", result, expected)).toThrow(/40 bodies without/);
	});

	it("refuses server errors and another content type", async () => {
		const failing = await serve((_req, res) => res.writeHead(500).end(PAGE));
		expect(() => assertCleanLoad("x", { errors: 0, timeouts: 0, mismatches: 0 }, expected)).toThrow(
			/no response 200/,
		);
		const result = await load(failing);
		expect(() => assertCleanLoad("x", result, expected)).toThrow(/40 responses 500/);
		const json = await serve((_req, res) =>
			res.writeHead(200, { "Content-Type": "application/json" }).end(PAGE),
		);
		await expect(fetchExpected("x", json, {}, expected)).rejects.toThrow(/Content-Type "application\/json"/);
	});

	it("refuses connection errors", () => {
		expect(() =>
			assertCleanLoad(
				"x",
				{ errors: 3, timeouts: 1, mismatches: 0, statusCodeStats: { "200": { count: 10 } } },
				expected,
			),
		).toThrow(/3 connection errors \(1 timeouts\)/);
	});

	it("lets a clean load through and counts its responses", async () => {
		const base = await serve((_req, res) => page(res));
		const { body } = await fetchExpected("dashboard", base, {}, expected);
		expect(body).toBe(PAGE);
		expect(assertCleanLoad("dashboard", await load(base), expected)).toBe(40);
	});

	it("takes only ASCII markers, which survive the load tool's chunked decoding", () => {
		expect(() => bodyMatches({ status: 200, markers: ["Élise"] })).toThrow(/printable ASCII/);
		expect(() => bodyMatches({ status: 200, markers: [] })).toThrow(/at least one marker/);
		expect(() => refuseUnless(false, "the queue lost 2 mails")).toThrow(BenchmarkRefusal);
	});
});
