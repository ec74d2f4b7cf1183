// A fuzzing run against every route of the edge app, pages, forms and API alike (issue 11): path
// parameters, query strings, form fields and JSON bodies made of arbitrary Unicode, control
// characters and lone surrogates, sent signed in (cookie and bearer token) and signed out. No
// answer may be a 500, and the audit trail must verify intact afterwards (what `npm run
// audit:verify` checks). Deterministic: fast-check's samples come from a fixed seed.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../core/audit.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import {
	apiTokenOfDemoMember,
	createSeededTestApp,
	signInDemoMember,
	TEST_ORIGIN,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
const SEED = 20261205;
const SAMPLES_PER_ROUTE = 3;
let handle: DatabaseHandle;
let app: App;
let cookie = "";
let token = "";

/** Routes that end the session the run relies on: fuzzed last, once. */
const ENDS_SESSION = /deconnexion|sign-out|sessions|fermeture|signaler/;

const text = fc.oneof(
	fc.string({ unit: "binary", maxLength: 40 }),
	fc.string({
		unit: fc.constantFrom(
			"\u0000",
			"\u001b",
			"\u007f",
			"\ud800",
			"\udfff",
			"%",
			"/",
			"\\",
			"é",
			"😀",
			"1",
			"0x",
		),
		maxLength: 12,
	}),
	fc.constantFrom("0x1", " 1", "1.0", "+1", "01", "1e0", "-1", "9".repeat(30), ""),
);

function samples<T>(arbitrary: fc.Arbitrary<T>, offset: number): T[] {
	return fc.sample(arbitrary, { numRuns: SAMPLES_PER_ROUTE, seed: SEED + offset });
}

/** A path segment: percent-encoded so that the request reaches the route with its bytes. */
const segment = (value: string) =>
	encodeURIComponent(value.isWellFormed() ? value : value.toWellFormed()) || "x";

function concretePath(pattern: string, value: string): string {
	return pattern.replace(/:[A-Za-z]+(\{[^}]*\})?/g, segment(value)).replace(/\{[A-Za-z]+\}/g, segment(value));
}

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.2, now, pepper: PEPPER }));
	cookie = await signInDemoMember(app, handle.db, "adherent1");
	token = await apiTokenOfDemoMember(app, handle.db, "adherent1");
	expect(cookie).not.toBe("");
	expect(token).not.toBe("");
}, 60_000);
afterAll(() => handle.client.close());

function requestsFor(method: string, pattern: string, index: number): Array<[string, RequestInit]> {
	const api = pattern.startsWith("/api/");
	const auth: Record<string, string> = api ? { Authorization: `Bearer ${token}` } : { Cookie: cookie };
	const values = samples(text, index);
	const keys = samples(
		fc.constantFrom("annee", "page", "id", "du-jour", "jeton", "next", "message", "code", "categorie"),
		index + 1000,
	);
	return values.map((value, n) => {
		const key = keys[n] ?? "x";
		const path = `${concretePath(pattern, value)}?${encodeURIComponent(key)}=${segment(value)}`;
		if (method === "GET") return [path, { headers: auth }];
		const headers: Record<string, string> = { ...auth, Origin: TEST_ORIGIN };
		if (api) {
			headers["Content-Type"] = "application/json";
			const body =
				n === 2
					? `{"${key}":1,"${key}":2}`
					: JSON.stringify({
							[key]: value,
							text: value,
							category: value,
							identifier: value,
							password: value,
						});
			return [path, { method, headers, body }];
		}
		if (n === 1) {
			const form = new FormData();
			form.set(key, value.toWellFormed());
			form.set("texte", value.toWellFormed());
			return [path, { method, headers, body: form }];
		}
		headers["Content-Type"] = "application/x-www-form-urlencoded";
		const body = new URLSearchParams({
			[key]: value.toWellFormed(),
			motDePasse: value.toWellFormed(),
			texte: value.toWellFormed(),
		});
		return [path, { method, headers, body: body.toString() }];
	});
}

describe("a fuzzing run against every route", () => {
	it("never answers 500, and leaves the audit trail intact", async () => {
		const routes = new Map<string, [string, string]>();
		for (const route of app.routes)
			if (route.method !== "ALL" && !route.path.includes("*") && !route.path.startsWith("/dev/"))
				routes.set(`${route.method} ${route.path}`, [route.method, route.path]);
		const ordered = [...routes.values()].sort(
			([, a], [, b]) => Number(ENDS_SESSION.test(a)) - Number(ENDS_SESSION.test(b)),
		);
		expect(ordered.length).toBeGreaterThan(60);
		const failures: string[] = [];
		let sent = 0;
		for (const [index, [method, pattern]] of ordered.entries()) {
			for (const [path, init] of requestsFor(method, pattern, index)) {
				const response = await app.request(path, init);
				sent++;
				if (response.status >= 500) failures.push(`${method} ${path} → ${response.status}`);
				await response.arrayBuffer();
			}
		}
		expect(sent).toBeGreaterThan(180);
		expect(failures).toEqual([]);
		const verification = await verifyAuditChain(handle.db);
		expect(verification).toMatchObject({ ok: true });
	}, 300_000);
});
