import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { suspendAccount } from "../../core/account-state.ts";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { verifyPassword } from "../../core/password.ts";
import { createSession, generateSessionToken } from "../../core/session.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { seedDatabase } from "../../demo/seed.ts";
import * as schema from "../../schema/tables/index.ts";
import { type Account, accounts, auditEvents, outgoingMails, sessions } from "../../schema/tables/index.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { createTestDeps, type TestDeps } from "../../tests/support/test-deps.ts";
import { type App, createApp } from "../app.tsx";

const T0 = new Date("2026-11-26T09:00:00.000Z");
const NEW_PASSWORD = "cerf-volant bleu sur la dune 1987";
const MINUTE = 60_000;

let handle: DatabaseHandle;
let deps: TestDeps;
let app: App;
let now = T0;

beforeAll(async () => {
	handle = await createTestDatabase();
	// Real randomness: the counter of createTestDeps repeats every 256 bytes, and links must not collide.
	deps = createTestDeps({ db: handle.db, clock: () => now, randomBytes: cryptoRandomBytes });
	await seedDatabase(handle.db, { scale: 0.2, seed: 42, pepper: deps.config.sessionPepper, now: T0 });
	app = createApp(deps);
}, 30_000);

afterAll(() => {
	deps.close();
	handle.client.close();
});

// Each test starts in a fresh hour: rate-limit windows and links of earlier tests are over.
beforeEach(() => {
	now = new Date(now.getTime() + 2 * 60 * MINUTE);
});

const used = new Set<string>();
/** A seeded adherent account that no other test has touched, put in the given state. */
async function pickAccount(state: Account["state"] = "active"): Promise<Account> {
	const rows = await handle.db
		.select()
		.from(accounts)
		.where(and(eq(accounts.state, "active"), eq(accounts.space, "adherent")));
	const account = rows.find(
		(row) =>
			!used.has(row.identifier) &&
			!Object.values(DEMO_ACCOUNTS).some((demo) => demo.identifier === row.identifier),
	);
	if (!account) throw new Error("no unused active account in the seed");
	used.add(account.identifier);
	if (state === "active") return account;
	await handle.db.update(accounts).set({ state, stateReason: "test" }).where(eq(accounts.id, account.id));
	return { ...account, state };
}

function post(path: string, fields: Record<string, string>, init: { origin?: string; cookie?: string } = {}) {
	const origin = init.origin ?? "http://localhost";
	return app.request(new URL(path, origin).href, {
		method: "POST",
		headers: {
			Origin: origin,
			"Content-Type": "application/x-www-form-urlencoded",
			...(init.cookie ? { Cookie: init.cookie } : {}),
		},
		body: new URLSearchParams(fields).toString(),
	});
}

async function mailsTo(accountId: number, template: string) {
	return handle.db
		.select()
		.from(outgoingMails)
		.where(and(eq(outgoingMails.accountId, accountId), eq(outgoingMails.template, template)))
		.orderBy(outgoingMails.id);
}

function linkToken(text: string, path: string): string {
	const match = new RegExp(`${path.replace("?", "\\?")}\\?jeton=([a-z2-7]+)`).exec(text);
	if (!match?.[1]) throw new Error(`no ${path} link in the mail`);
	return match[1];
}

/** Asks for a link through the form and returns the token of the e-mail it sent. */
async function askForLink(account: Account): Promise<string> {
	const response = await post("/mot-de-passe-oublie", { identifiant: account.identifier });
	expect(response.status).toBe(303);
	const mails = await mailsTo(account.id, "password-reset");
	return linkToken(mails.at(-1)?.textBody ?? "", "/mot-de-passe-oublie/nouveau");
}

async function openSessions(account: Account, count: number): Promise<string[]> {
	const tokens: string[] = [];
	for (let i = 0; i < count; i++) {
		const token = generateSessionToken(deps.randomBytes);
		await createSession(handle.db, { token, account, now, secondFactorVerified: true });
		tokens.push(token);
	}
	return tokens;
}

async function sessionCount(accountId: number): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)` })
		.from(sessions)
		.where(eq(sessions.accountId, accountId));
	return row?.n ?? 0;
}

async function reload(account: Account): Promise<Account> {
	const [row] = await handle.db.select().from(accounts).where(eq(accounts.id, account.id));
	if (!row) throw new Error("account vanished");
	return row;
}

function comparable(response: Response): Record<string, string> {
	const headers = Object.fromEntries(response.headers.entries());
	delete headers["x-request-id"];
	return headers;
}

describe("asking for a reset link", () => {
	it("shows a form asking for the identifier, without JavaScript", async () => {
		const response = await app.request("/mot-de-passe-oublie");
		expect(response.status).toBe(200);
		expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
		const html = await response.text();
		expect(html).toContain('<form method="post" action="/mot-de-passe-oublie"');
		expect(html).toContain('name="identifiant"');
		expect(html).not.toContain("<script");
	});

	it("gives an unknown identifier exactly the same answer as a known one", async () => {
		const account = await pickAccount();
		const known = await post("/mot-de-passe-oublie", { identifiant: account.identifier });
		const unknown = await post("/mot-de-passe-oublie", { identifiant: "1999999999" });
		expect(known.status).toBe(303);
		expect(unknown.status).toBe(known.status);
		expect(comparable(unknown)).toEqual(comparable(known));
		expect(new Uint8Array(await unknown.arrayBuffer())).toEqual(new Uint8Array(await known.arrayBuffer()));
		expect(known.headers.get("Location")).toBe("/mot-de-passe-oublie/envoye");
		expect(known.headers.get("Set-Cookie")).toBeNull();
		expect(await mailsTo(account.id, "password-reset")).toHaveLength(1);
		const page = await app.request("/mot-de-passe-oublie/envoye");
		expect(await page.text()).toContain("Si l&#39;identifiant saisi correspond à un compte actif");
	});

	it("runs the same statements whether the identifier exists, is suspended, is unknown or is throttled", async () => {
		let statements: string[] = [];
		const counting = drizzle(handle.client, {
			schema,
			casing: "snake_case",
			logger: { logQuery: (query) => statements.push(query.split(/\s+/).slice(0, 3).join(" ")) },
		});
		const counted = createApp({ ...deps, db: counting });
		const ask = async (identifier: string, ip: string): Promise<string[]> => {
			statements = [];
			const response = await counted.request("/mot-de-passe-oublie", {
				method: "POST",
				headers: {
					Origin: "http://localhost",
					"Content-Type": "application/x-www-form-urlencoded",
					"X-Espace-Client-Ip": ip,
				},
				body: `identifiant=${identifier}`,
			});
			expect(response.status).toBe(303);
			return statements;
		};
		// The first request of a process also reads the service state (maintenance) into its cache.
		await ask("1999999990", "192.0.2.250");
		const known = await ask((await pickAccount()).identifier, "192.0.2.1");
		expect(known.length).toBeGreaterThan(5);
		expect(await ask("1999999998", "192.0.2.2")).toHaveLength(known.length);
		expect(await ask((await pickAccount("suspended")).identifier, "192.0.2.3")).toHaveLength(known.length);
		const busy = (await pickAccount()).identifier;
		for (let i = 0; i < 3; i++) await ask(busy, "192.0.2.4");
		expect(await ask(busy, "192.0.2.4")).toHaveLength(known.length);
	});

	it("sends nothing to a suspended, closed or pending account, with the same answer", async () => {
		const active = await pickAccount();
		const reference = await post("/mot-de-passe-oublie", { identifiant: active.identifier });
		for (const state of ["suspended", "closed", "pending"] as const) {
			const account = await pickAccount(state);
			const response = await post("/mot-de-passe-oublie", { identifiant: account.identifier });
			expect(comparable(response), state).toEqual(comparable(reference));
			expect(await mailsTo(account.id, "password-reset"), state).toHaveLength(0);
		}
	});

	it("refuses a malformed identifier with a French message and sends nothing", async () => {
		const response = await post("/mot-de-passe-oublie", { identifiant: "12ab" });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain("L&#39;identifiant se compose de 10 chiffres.");
	});

	it("builds the link from the configured public address, never from the Host header", async () => {
		const account = await pickAccount();
		const response = await post(
			"/mot-de-passe-oublie",
			{ identifiant: account.identifier },
			{ origin: "http://attaquant.example" },
		);
		expect(response.status).toBe(303);
		const [mail] = await mailsTo(account.id, "password-reset");
		expect(mail?.textBody).toContain("http://localhost/mot-de-passe-oublie/nouveau?jeton=");
		expect(mail?.textBody).not.toContain("attaquant");
		expect(mail?.htmlBody).not.toContain("attaquant");
	});

	it("stops sending after 3 requests an hour for one identifier, with the same answer", async () => {
		const account = await pickAccount();
		const answers: Response[] = [];
		for (let i = 0; i < 4; i++)
			answers.push(await post("/mot-de-passe-oublie", { identifiant: account.identifier }));
		expect(new Set(answers.map((answer) => `${answer.status} ${answer.headers.get("Location")}`)).size).toBe(
			1,
		);
		expect(await mailsTo(account.id, "password-reset")).toHaveLength(3);
		now = new Date(now.getTime() + 61 * MINUTE);
		await post("/mot-de-passe-oublie", { identifiant: account.identifier });
		expect(await mailsTo(account.id, "password-reset")).toHaveLength(4);
	});

	it("voids the previous link when a new one is sent", async () => {
		const account = await pickAccount();
		const first = await askForLink(account);
		const second = await askForLink(account);
		expect((await app.request(`/mot-de-passe-oublie/nouveau?jeton=${first}`)).status).toBe(410);
		expect((await app.request(`/mot-de-passe-oublie/nouveau?jeton=${second}`)).status).toBe(200);
	});
});

describe("choosing the new password from the e-mailed link", () => {
	it("changes the password, ends every session, sends the notice and signs nobody in", async () => {
		const account = await pickAccount();
		const cookies = await openSessions(account, 2);
		const token = await askForLink(account);
		expect(token.length).toBeGreaterThanOrEqual(26); // 20 bytes of base32: 160 bits

		const form = await app.request(`/mot-de-passe-oublie/nouveau?jeton=${token}`);
		expect(form.status).toBe(200);
		expect(form.headers.get("Referrer-Policy")).toBe("no-referrer");
		const html = await form.text();
		expect(html).toContain('name="motDePasse"');
		expect(html).toContain('name="confirmation"');
		expect(html).toContain(`name="jeton" value="${token}"`);

		const done = await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: NEW_PASSWORD,
			confirmation: NEW_PASSWORD,
		});
		expect(done.status).toBe(303);
		expect(done.headers.get("Location")).toBe("/mot-de-passe-oublie/modifie");
		expect(done.headers.get("Referrer-Policy")).toBe("no-referrer");
		expect(done.headers.get("Set-Cookie")).toBeNull();

		const after = await reload(account);
		expect(await verifyPassword(after.passwordHash ?? "", NEW_PASSWORD, deps.config.sessionPepper)).toBe(
			true,
		);
		expect(after.passwordChangedAt).toEqual(now);
		expect(await sessionCount(account.id)).toBe(0);
		const old = await app.request("/adherent", {
			headers: { Cookie: `__Host-espace_session=${cookies[0]}` },
		});
		expect(old.headers.get("Location")).toMatch(/^\/connexion/);

		const [notice] = await mailsTo(account.id, "password-changed");
		expect(notice?.textBody).toContain("http://localhost/signalement?jeton=");
		const trail = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.accountId, account.id), eq(auditEvents.action, "auth.password_reset.completed")),
			);
		expect(trail).toHaveLength(1);
		expect(trail[0]?.details).toMatchObject({ sessionsEnded: 2 });

		const page = await app.request("/mot-de-passe-oublie/modifie");
		const text = await page.text();
		expect(text).toContain("Votre mot de passe est changé");
		expect(text).toContain('href="/connexion"');
	});

	it("works only once", async () => {
		const account = await pickAccount();
		const token = await askForLink(account);
		await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: NEW_PASSWORD,
			confirmation: NEW_PASSWORD,
		});
		const again = await app.request(`/mot-de-passe-oublie/nouveau?jeton=${token}`);
		expect(again.status).toBe(410);
		expect(again.headers.get("Referrer-Policy")).toBe("no-referrer");
		const html = await again.text();
		expect(html).toContain("a déjà servi");
		expect(html).toContain('href="/mot-de-passe-oublie"');
		const replay = await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: `${NEW_PASSWORD}!`,
			confirmation: `${NEW_PASSWORD}!`,
		});
		expect(replay.status).toBe(410);
		expect(
			await verifyPassword(
				(await reload(account)).passwordHash ?? "",
				NEW_PASSWORD,
				deps.config.sessionPepper,
			),
		).toBe(true);
	});

	it("expires 30 minutes after it was sent", async () => {
		const account = await pickAccount();
		const token = await askForLink(account);
		now = new Date(now.getTime() + 29 * MINUTE);
		expect((await app.request(`/mot-de-passe-oublie/nouveau?jeton=${token}`)).status).toBe(200);
		now = new Date(now.getTime() + 1 * MINUTE);
		const expired = await app.request(`/mot-de-passe-oublie/nouveau?jeton=${token}`);
		expect(expired.status).toBe(410);
		expect(await expired.text()).toContain("a expiré");
		const late = await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: NEW_PASSWORD,
			confirmation: NEW_PASSWORD,
		});
		expect(late.status).toBe(410);
		expect((await reload(account)).passwordHash).toBe(account.passwordHash);
	});

	it("refuses a weak password with a French message and changes nothing", async () => {
		const account = await pickAccount();
		await openSessions(account, 1);
		const token = await askForLink(account);
		const weak = await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: "azerty123456",
			confirmation: "azerty123456",
		});
		expect(weak.status).toBe(400);
		expect(weak.headers.get("Referrer-Policy")).toBe("no-referrer");
		expect(await weak.text()).toContain("Essayez une phrase de plusieurs mots sans lien avec vous.");
		const own = `${account.identifier}-mon-mot-de-passe`;
		const personal = await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: own,
			confirmation: own,
		});
		expect(await personal.text()).toContain("Le mot de passe ne doit pas contenir votre identifiant.");
		const short = await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: "court",
			confirmation: "court",
		});
		expect(await short.text()).toContain("au moins 12 caractères");
		const mismatch = await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: NEW_PASSWORD,
			confirmation: "autre chose",
		});
		expect(await mismatch.text()).toContain("Les deux mots de passe saisis ne sont pas identiques.");

		expect((await reload(account)).passwordHash).toBe(account.passwordHash);
		expect(await sessionCount(account.id)).toBe(1);
		expect(await mailsTo(account.id, "password-changed")).toHaveLength(0);
		expect((await app.request(`/mot-de-passe-oublie/nouveau?jeton=${token}`)).status).toBe(200);
	});

	it("answers a made-up or truncated link with a French page and a way to ask again", async () => {
		for (const token of ["abc", "a".repeat(32), ""]) {
			const response = await app.request(`/mot-de-passe-oublie/nouveau?jeton=${token}`);
			expect(response.status, token).toBe(400);
			expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
			const html = await response.text();
			expect(html).toContain("Ce lien de changement de mot de passe n&#39;est pas valable.");
			expect(html).toContain('href="/mot-de-passe-oublie"');
		}
	});

	it("stops working once staff suspend the account", async () => {
		const account = await pickAccount();
		const token = await askForLink(account);
		await suspendAccount(handle.db, {
			identifier: account.identifier,
			reason: "contrôle",
			now,
			actor: { kind: "staff" },
		});
		const response = await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: NEW_PASSWORD,
			confirmation: NEW_PASSWORD,
		});
		expect(response.status).toBe(410);
		expect((await reload(account)).passwordHash).toBe(account.passwordHash);
	});
});

describe("a demo account", () => {
	it("can reset its password and sign in with the new one", async () => {
		const [account] = await handle.db
			.select()
			.from(accounts)
			.where(eq(accounts.identifier, DEMO_ACCOUNTS.adherent2.identifier));
		if (!account) throw new Error("demo account missing");
		used.add(account.identifier);
		const token = await askForLink(account);
		await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: NEW_PASSWORD,
			confirmation: NEW_PASSWORD,
		});
		const signIn = await post("/connexion", { identifiant: account.identifier, motDePasse: NEW_PASSWORD });
		expect(signIn.status).toBe(303);
		expect(signIn.headers.get("Location")).toBe("/connexion/verification");
		const oldPassword = await post("/connexion", {
			identifiant: account.identifier,
			motDePasse: DEMO_ACCOUNTS.adherent2.password,
		});
		expect(oldPassword.status).toBe(400);
	});
});
