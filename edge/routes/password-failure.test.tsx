// When Argon2id itself fails (WebAssembly refused by the host, memory exhausted), no form may
// answer as if the password were wrong or the link spent: the request ends in the error page with
// its reference, and a log line says what failed (issue 9: on Cloudflare the WebAssembly could not
// be compiled and every member was told « Identifiant ou mot de passe incorrect »).
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { UNCOMPUTABLE_HASH } from "../../core/password.known-answers.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { accounts, auditEvents, outgoingMails } from "../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import {
	formPost,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../tests/support/route-testing.ts";
import { createTestDeps, type TestDeps } from "../../tests/support/test-deps.ts";
import { type App, createApp } from "../app.tsx";

// Several Argon2id computations per test: room for a loaded 2-core machine, still bounded.
const SLOW_MACHINE_MS = 15_000;

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const NEW_PASSWORD = "cerf-volant bleu sur la dune 1987";
const WRONG_PASSWORD_TEXT = "Identifiant ou mot de passe incorrect";
// The error workerd gives when code compiles WebAssembly from bytes at run time.
const WORKERD_REFUSAL = "WebAssembly.compile(): Wasm code generation disallowed by embedder";

let handle: DatabaseHandle;
let now = new Date("2026-11-26T09:00:00Z");
/** The app with the real Argon2id. */
let working: { app: App; deps: TestDeps };
/** The same app, database and configuration, on a host where the WebAssembly cannot be loaded. */
let broken: { app: App; deps: TestDeps };
let wasmRefused = true;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 0.2,
		seed: 5,
		pepper: PEPPER,
		now: new Date("2026-11-20"),
	});
	const make = (build: typeof createApp, deps: typeof createTestDeps) => {
		const built = deps(
			{ db: handle.db, clock: () => now, randomBytes: cryptoRandomBytes },
			{ SESSION_PEPPER: PEPPER },
		);
		return { app: build(built), deps: built };
	};
	working = make(createApp, createTestDeps);
	// A second copy of the app's modules whose WebAssembly loader fails as workerd's compiler does.
	vi.doMock("#argon2-wasm", async (importOriginal) => {
		const real = await importOriginal<typeof import("#argon2-wasm")>();
		return {
			loadArgon2Module: () =>
				wasmRefused ? Promise.reject(new WebAssembly.CompileError(WORKERD_REFUSAL)) : real.loadArgon2Module(),
		};
	});
	vi.resetModules();
	const failingApp = await import("../app.tsx");
	const failingSupport = await import("../../tests/support/test-deps.ts");
	broken = make(failingApp.createApp, failingSupport.createTestDeps);
}, 60_000);

afterAll(() => {
	working.deps.close();
	broken.deps.close();
	handle.client.close();
});

/** The answer is the error page with the request's reference, and the failure is logged. */
async function expectInternalError(response: Response, logs: string[], cause: RegExp): Promise<void> {
	expect(response.status).toBe(500);
	const reference = response.headers.get("X-Request-Id") ?? "";
	expect(reference).not.toBe("");
	const html = await response.text();
	expect(html).toContain(reference);
	expect(html).not.toContain(WRONG_PASSWORD_TEXT);
	const line = logs.find((entry) => entry.includes("unhandled error") && entry.includes(reference));
	expect(line).toMatch(cause);
}

async function passwordFailures(correlationId: string) {
	return handle.db
		.select()
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.correlationId, correlationId),
				eq(auditEvents.action, "auth.sign_in.password"),
				eq(auditEvents.outcome, "failure"),
			),
		);
}

async function accountOf(identifier: string) {
	const [row] = await handle.db.select().from(accounts).where(eq(accounts.identifier, identifier));
	if (!row) throw new Error(`no account ${identifier}`);
	return row;
}

describe("a password check that fails inside Argon2id", { timeout: SLOW_MACHINE_MS }, () => {
	it("is the error page when the WebAssembly cannot be loaded, never a wrong password", async () => {
		const { identifier, password } = DEMO_ACCOUNTS.adherent1;
		const known = await broken.app.request(
			"/connexion",
			formPost({ identifiant: identifier, motDePasse: password }),
		);
		await expectInternalError(known, broken.deps.logs, /CompileError.*disallowed by embedder/);
		// Not counted as a failed attempt: the member did nothing wrong.
		expect(await passwordFailures(known.headers.get("X-Request-Id") ?? "")).toEqual([]);
		// The unknown identifier's decoy hash cannot be made either.
		const unknown = await broken.app.request(
			"/connexion",
			formPost({ identifiant: "1999999999", motDePasse: password }),
		);
		await expectInternalError(unknown, broken.deps.logs, /CompileError/);
	});

	it("is a JSON 500 with the reference on the API", async () => {
		const { identifier, password } = DEMO_ACCOUNTS.adherent1;
		const response = await broken.app.request("/api/v1/auth/sign-in", {
			method: "POST",
			headers: { Origin: "http://localhost", "Content-Type": "application/json" },
			body: JSON.stringify({ identifier, password }),
		});
		expect(response.status).toBe(500);
		const body = JSON.stringify(await response.json());
		expect(body).toContain(response.headers.get("X-Request-Id") ?? "missing");
		expect(body).not.toContain(WRONG_PASSWORD_TEXT);
	});

	it("is the error page when a stored hash asks for more memory than there is (real Argon2id)", async () => {
		const { identifier, password } = DEMO_ACCOUNTS.adherent2;
		const account = await accountOf(identifier);
		await handle.db
			.update(accounts)
			.set({ passwordHash: UNCOMPUTABLE_HASH })
			.where(eq(accounts.id, account.id));
		try {
			const response = await working.app.request(
				"/connexion",
				formPost({ identifiant: identifier, motDePasse: password }),
			);
			await expectInternalError(response, working.deps.logs, /Argon2Error.*Memory allocation error/);
		} finally {
			await handle.db
				.update(accounts)
				.set({ passwordHash: account.passwordHash })
				.where(eq(accounts.id, account.id));
		}
		// The same instance goes on working for everyone else.
		now = new Date(now.getTime() + 16 * 60_000);
		const cookie = await signInThroughForms(working.app, identifier, password, () =>
			latestSignInCode(handle.db, DEMO_ACCOUNTS.adherent2.email),
		);
		expect(cookie).toMatch(/=/);
	});
});

describe("setting a password when Argon2id fails", { timeout: SLOW_MACHINE_MS }, () => {
	it("keeps the reset link usable and the old password, and shows the error page", async () => {
		now = new Date(now.getTime() + 2 * 60 * 60_000);
		const { identifier } = DEMO_ACCOUNTS.professionnel1;
		const before = await accountOf(identifier);
		const asked = await broken.app.request("/mot-de-passe-oublie", formPost({ identifiant: identifier }));
		expect(asked.status).toBe(303);
		const [mail] = await handle.db
			.select()
			.from(outgoingMails)
			.where(and(eq(outgoingMails.accountId, before.id), eq(outgoingMails.template, "password-reset")))
			.orderBy(sql`${outgoingMails.id} DESC`)
			.limit(1);
		const token = /\/mot-de-passe-oublie\/nouveau\?jeton=([a-z2-7]+)/.exec(mail?.textBody ?? "")?.[1] ?? "";
		expect(token).not.toBe("");
		const fields = { jeton: token, motDePasse: NEW_PASSWORD, confirmation: NEW_PASSWORD };
		const failed = await broken.app.request("/mot-de-passe-oublie/nouveau", formPost(fields));
		await expectInternalError(failed, broken.deps.logs, /CompileError/);
		expect((await accountOf(identifier)).passwordHash).toBe(before.passwordHash);
		// Once Argon2id works again, the same link still serves.
		const done = await working.app.request("/mot-de-passe-oublie/nouveau", formPost(fields));
		expect(done.status).toBe(303);
		expect((await accountOf(identifier)).passwordHash).not.toBe(before.passwordHash);
	});

	it("keeps the activation link usable and the account pending, and shows the error page", async () => {
		const member = await handle.client.execute(`
			SELECT m.member_number AS number, p.birth_date AS birthDate, m.email FROM members m
			JOIN persons p ON p.id = m.person_id
			WHERE m.email IS NOT NULL AND p.deceased_on IS NULL
				AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.member_id = m.id)
				AND EXISTS (SELECT 1 FROM individual_contracts c WHERE c.member_id = m.id AND c.end_date IS NULL)
			ORDER BY m.id LIMIT 1`);
		const row = member.rows[0];
		if (!row) throw new Error("no member without an account in the seed");
		const email = String(row.email);
		const signedUp = await broken.app.request(
			"/inscription?espace=adherent",
			formPost({
				numeroAdherent: String(row.number),
				dateNaissance: String(row.birthDate),
				email,
				capacite: "own_capacity",
				version: "1.0",
				accepte: "oui",
			}),
		);
		expect(signedUp.status).toBe(303);
		const [mail] = await handle.db
			.select()
			.from(outgoingMails)
			.where(and(eq(outgoingMails.toAddress, email), eq(outgoingMails.template, "account-activation")));
		const token = /\/compte\/activer\?jeton=([a-z2-7]{32})/.exec(mail?.textBody ?? "")?.[1] ?? "";
		const identifier = /\b(\d{10})\b/.exec(mail?.textBody ?? "")?.[1] ?? "";
		const fields = { jeton: token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD };
		const failed = await broken.app.request("/compte/activer", formPost(fields));
		await expectInternalError(failed, broken.deps.logs, /CompileError/);
		expect(await accountOf(identifier)).toMatchObject({ state: "pending", passwordHash: null });
		const done = await working.app.request("/compte/activer", formPost(fields));
		expect(done.status).toBe(303);
		expect((await accountOf(identifier)).state).toBe("active");
	});

	it("changes nothing on the security page and shows the error page", async () => {
		now = new Date(now.getTime() + 16 * 60_000);
		const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
		const cookie = await signInThroughForms(working.app, identifier, password, () =>
			latestSignInCode(handle.db, email),
		);
		const before = await accountOf(identifier);
		const failed = await broken.app.request(
			"/compte/securite/mot-de-passe",
			withCookie(cookie, formPost({ actuel: password, nouveau: NEW_PASSWORD, confirmation: NEW_PASSWORD })),
		);
		await expectInternalError(failed, broken.deps.logs, /CompileError/);
		expect((await accountOf(identifier)).passwordHash).toBe(before.passwordHash);
	});
});

describe("after a failure", { timeout: SLOW_MACHINE_MS }, () => {
	it("works again as soon as the WebAssembly loads: nothing failed is kept", async () => {
		wasmRefused = false;
		now = new Date(now.getTime() + 16 * 60_000);
		const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
		const unknown = await broken.app.request(
			"/connexion",
			formPost({ identifiant: "1999999999", motDePasse: password }),
		);
		expect(unknown.status).toBe(400);
		expect(await unknown.text()).toContain(WRONG_PASSWORD_TEXT);
		const cookie = await signInThroughForms(broken.app, identifier, password, () =>
			latestSignInCode(handle.db, email),
		);
		expect(cookie).toMatch(/=/);
	});
});
