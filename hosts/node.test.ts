import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HttpBindings } from "@hono/node-server";
import { desc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ipKey } from "../core/client-ip.ts";
import { parseConfig } from "../core/config.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { auditEvents } from "../schema/tables/index.ts";
import { createTestDeps, type TestDeps } from "../tests/support/test-deps.ts";
import { acceptsGzip, clientIp, compressForClient, createNodeFetch } from "./node.ts";
import { StaticSite } from "./static-site.ts";

let deps: TestDeps;
let dir: string;
let fetch: ReturnType<typeof createNodeFetch>;

beforeAll(async () => {
	deps = createTestDeps();
	await migrateDatabase(deps.db);
	dir = await mkdtemp(join(tmpdir(), "espace-node-host-"));
	fetch = createNodeFetch(deps, await StaticSite.load(dir));
});

afterAll(async () => {
	deps.close();
	await rm(dir, { recursive: true, force: true });
});

function fromSocket(address: string): HttpBindings {
	return { incoming: { socket: { remoteAddress: address } } } as unknown as HttpBindings;
}

describe("the Node host", () => {
	it("takes the client's address from the socket, whatever headers the client sends", async () => {
		const response = await fetch(
			new Request("http://localhost/connexion", {
				method: "POST",
				headers: {
					Origin: "http://localhost",
					"Content-Type": "application/x-www-form-urlencoded",
					"CF-Connecting-IP": "198.51.100.1",
					"X-Forwarded-For": "198.51.100.2",
					"X-Espace-Client-Ip": "198.51.100.3",
				},
				body: new URLSearchParams({ identifiant: "1234567890", motDePasse: "pas le bon mot de passe" }),
			}),
			fromSocket("203.0.113.9"),
		);
		expect(response.status).toBe(400);
		const [event] = await deps.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
		expect(event?.action).toMatch(/^auth\.sign_in/);
		expect(event?.ipHash).toBe(ipKey("203.0.113.9", deps.config.sessionPepper));
	});

	it("compresses a dynamic page for a browser that accepts gzip", async () => {
		const response = await fetch(
			new Request("http://localhost/connexion", { headers: { "Accept-Encoding": "gzip, br" } }),
			fromSocket("203.0.113.9"),
		);
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Encoding")).toBe("gzip");
		const html = await new Response(response.body?.pipeThrough(new DecompressionStream("gzip"))).text();
		expect(html).toContain("Se connecter");
		expect(response.headers.get("Vary")).toMatch(/Accept-Encoding/);
	});

	it("sends a page as it is to a client that does not accept gzip, saying it could vary", async () => {
		const response = await fetch(
			new Request("http://localhost/connexion", { headers: { "Accept-Encoding": "gzip;q=0, identity" } }),
			fromSocket("203.0.113.9"),
		);
		expect(response.headers.get("Content-Encoding")).toBeNull();
		expect(response.headers.get("Vary")).toMatch(/Accept-Encoding/);
		expect(await response.text()).toContain("Se connecter");
	});
});

describe("the client's address behind a reverse proxy (TRUSTED_PROXIES)", () => {
	const proxy = new Set(["127.0.0.1", "::1"]);
	const forwarded = (value: string) => new Headers({ "X-Forwarded-For": value });

	it("believes X-Forwarded-For only from a trusted proxy, and only its last entries", () => {
		expect(clientIp("203.0.113.9", forwarded("198.51.100.2"), new Set())).toBe("203.0.113.9");
		expect(clientIp("203.0.113.9", forwarded("198.51.100.2"), proxy)).toBe("203.0.113.9");
		expect(clientIp("127.0.0.1", forwarded("198.51.100.2"), proxy)).toBe("198.51.100.2");
		expect(clientIp("::ffff:127.0.0.1", forwarded("198.51.100.2"), proxy)).toBe("198.51.100.2");
		// A client writing its own X-Forwarded-For: the proxy appends the real address last.
		expect(clientIp("127.0.0.1", forwarded("10.0.0.1, 198.51.100.2"), proxy)).toBe("198.51.100.2");
		expect(clientIp("127.0.0.1", forwarded("198.51.100.2, ::1"), proxy)).toBe("198.51.100.2");
		expect(clientIp("127.0.0.1", new Headers(), proxy)).toBe("127.0.0.1");
	});

	it("throttles and audits the forwarded address through a trusted proxy", async () => {
		const proxied = createTestDeps({}, { TRUSTED_PROXIES: "127.0.0.1" });
		await migrateDatabase(proxied.db);
		const behindProxy = createNodeFetch(proxied, await StaticSite.load(dir));
		await behindProxy(
			new Request("http://localhost/connexion", {
				method: "POST",
				headers: {
					Origin: "http://localhost",
					"Content-Type": "application/x-www-form-urlencoded",
					"X-Forwarded-For": "10.9.9.9, 198.51.100.7",
				},
				body: new URLSearchParams({ identifiant: "1234567890", motDePasse: "pas le bon mot de passe" }),
			}),
			fromSocket("127.0.0.1"),
		);
		const [event] = await proxied.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
		expect(event?.ipHash).toBe(ipKey("198.51.100.7", proxied.config.sessionPepper));
		proxied.close();
	});

	it("refuses a TRUSTED_PROXIES value that is not a list of addresses, naming it", () => {
		expect(parseConfig({ TRUSTED_PROXIES: "127.0.0.1, ::1" }).trustedProxies).toEqual(["127.0.0.1", "::1"]);
		expect(() => parseConfig({ TRUSTED_PROXIES: "localhost" })).toThrow(/TRUSTED_PROXIES/);
	});
});

describe("gzip for dynamic responses", () => {
	it("reads Accept-Encoding with its weights", () => {
		expect(acceptsGzip("gzip, deflate, br")).toBe(true);
		expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
		expect(acceptsGzip("*")).toBe(true);
		expect(acceptsGzip("gzip;q=0")).toBe(false);
		expect(acceptsGzip("identity")).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});

	it("leaves small bodies, images, HEAD requests and no-transform responses alone", () => {
		const request = new Request("http://localhost/", { headers: { "Accept-Encoding": "gzip" } });
		const small = new Response("court", { headers: { "Content-Type": "text/plain", "Content-Length": "5" } });
		expect(compressForClient(request, small).headers.get("Content-Encoding")).toBeNull();
		const image = new Response(new Uint8Array(4096), { headers: { "Content-Type": "image/png" } });
		expect(compressForClient(request, image).headers.get("Content-Encoding")).toBeNull();
		const pdf = new Response("x".repeat(4096), {
			headers: { "Content-Type": "text/html", "Cache-Control": "no-store, no-transform" },
		});
		expect(compressForClient(request, pdf).headers.get("Content-Encoding")).toBeNull();
		const head = new Request("http://localhost/", { method: "HEAD", headers: { "Accept-Encoding": "gzip" } });
		expect(
			compressForClient(head, new Response(null, { headers: { "Content-Type": "text/html" } })).headers.get(
				"Content-Encoding",
			),
		).toBeNull();
		const varied = new Response("x".repeat(4096), {
			headers: { "Content-Type": "text/html", Vary: "Cookie" },
		});
		const out = compressForClient(request, varied);
		expect(out.headers.get("Content-Encoding")).toBe("gzip");
		expect(out.headers.get("Vary")).toBe("Cookie, Accept-Encoding");
	});
});
