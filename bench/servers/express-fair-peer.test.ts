// The fair peer of the dashboard benchmark does the portal's work: these tests hold it to that,
// against the portal itself on one seeded database (ADR 0013).
import type { ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../core/audit.ts";
import { acceptCgu, cguInForce } from "../../core/cgu.ts";
import { createSession, generateSessionToken } from "../../core/session.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { auditEvents } from "../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../tests/support/demo.ts";
import { createTestApp } from "../../tests/support/route-testing.ts";
import { TEST_CGU_VERSIONS } from "../../tests/support/test-deps.ts";
import { pageFrame } from "../lib/dashboard-frame.ts";
import { startServer } from "../lib/start-server.ts";

const PEPPER = "fair-peer-test-pepper-long-enough-for-the-config";

let dir = "";
let handle: DatabaseHandle;
let peer: ChildProcess | undefined;
let peerUrl = "";
let cookie = "";
let portalPage = "";
let portalHeaders: Headers;

async function signedInCookie(
	key: "adherent1" | "adherent2",
): Promise<{ cookie: string; accountId: number; sessionId: string }> {
	const account = await demoAccount(handle.db, key);
	const token = generateSessionToken((n) => crypto.getRandomValues(new Uint8Array(n)));
	const session = await createSession(handle.db, {
		token,
		account,
		now: new Date(),
		secondFactorVerified: true,
	});
	return { cookie: `__Host-espace_session=${token}`, accountId: account.id, sessionId: session.id };
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-fair-peer-"));
	const file = join(dir, "espace.db");
	handle = await createSeededTestDatabase({
		url: `file:${file}`,
		scale: 1,
		seed: 7,
		pepper: PEPPER,
		now: new Date("2026-11-26T09:00:00Z"),
	});
	// The member signs in at the real date and accepts the terms in force that day.
	const member = await signedInCookie("adherent1");
	cookie = member.cookie;
	const current = cguInForce(TEST_CGU_VERSIONS, new Date());
	if (!current) throw new Error("no CGU in force");
	await acceptCgu(handle.db, {
		...member,
		version: current.version,
		capacity: "own_capacity",
		now: new Date(),
		correlationId: "test",
		via: "page",
	});
	// The portal's own page for this member, at the real date too.
	const app = createTestApp({ db: handle.db, clock: () => new Date(), pepper: PEPPER });
	const response = await app.request("/adherent", { headers: { Cookie: cookie } });
	expect(response.status).toBe(200);
	portalPage = await response.text();
	portalHeaders = response.headers;

	const siteDir = join(dir, "site");
	await mkdir(join(siteDir, "cgu"), { recursive: true });
	await writeFile(join(siteDir, "cgu", "versions.json"), JSON.stringify(TEST_CGU_VERSIONS));
	const frameFile = join(dir, "frame.json");
	await writeFile(frameFile, JSON.stringify(pageFrame(portalPage)));
	const started = await startServer(["bench/servers/express-fair-peer.ts", file, siteDir, frameFile]);
	peer = started.child;
	peerUrl = `http://127.0.0.1:${started.port}/adherent`;
}, 120_000);

afterAll(async () => {
	peer?.kill("SIGTERM");
	handle?.client.close();
	await rm(dir, { recursive: true, force: true });
});

describe("the dashboard benchmark's fair peer", () => {
	it("answers the portal's exact page, with the portal's security headers", async () => {
		const response = await fetch(peerUrl, { headers: { Cookie: cookie }, redirect: "manual" });
		expect(response.status).toBe(200);
		expect(await response.text()).toBe(portalPage);
		for (const name of [
			"Content-Security-Policy",
			"Strict-Transport-Security",
			"X-Content-Type-Options",
			"Referrer-Policy",
			"X-Frame-Options",
			"Cross-Origin-Opener-Policy",
			"Cross-Origin-Resource-Policy",
			"Permissions-Policy",
			"Cache-Control",
		])
			expect(response.headers.get(name), name).toBe(portalHeaders.get(name));
		expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f]{32}$/);
		expect(response.headers.get("ETag")).toBeNull();
	});

	it("records each view in the portal's audit chain, which the portal's verification accepts", async () => {
		const before = await handle.db.$count(auditEvents);
		for (let i = 0; i < 3; i++) {
			const response = await fetch(peerUrl, { headers: { Cookie: cookie } });
			expect(response.status).toBe(200);
		}
		// The portal appends between the peer's entries, as when the benchmark takes turns.
		const app = createTestApp({ db: handle.db, clock: () => new Date(), pepper: PEPPER });
		expect((await app.request("/adherent", { headers: { Cookie: cookie } })).status).toBe(200);
		expect((await fetch(peerUrl, { headers: { Cookie: cookie } })).status).toBe(200);
		expect(await handle.db.$count(auditEvents)).toBe(before + 5);
		const verification = await verifyAuditChain(handle.db);
		expect(verification.ok).toBe(true);
	});

	it("sends a visitor without a valid session to the sign-in page", async () => {
		for (const headers of [
			{} as Record<string, string>,
			{ Cookie: `${cookie.slice(0, -4)}aaaa` },
			{ Cookie: "__Host-espace_session=x.y" },
		]) {
			const response = await fetch(peerUrl, { headers, redirect: "manual" });
			expect(response.status).toBe(303);
			expect(response.headers.get("Location")).toBe("/connexion?next=%2Fadherent");
		}
	});

	it("sends a member who has not accepted the terms in force to them", async () => {
		const other = await signedInCookie("adherent2");
		const response = await fetch(peerUrl, { headers: { Cookie: other.cookie }, redirect: "manual" });
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/compte/cgu?next=%2Fadherent");
	});
});
