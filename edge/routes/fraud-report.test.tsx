import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeAccount, reopenAccount } from "../../core/account-state.ts";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { createOneTimeToken } from "../../core/one-time-token.ts";
import { createSession, generateSessionToken } from "../../core/session.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { seedDatabase } from "../../demo/seed.ts";
import {
	type Account,
	accounts,
	auditEvents,
	oneTimeTokens,
	outgoingMails,
	requestStatusHistory,
	requests,
	sessions,
} from "../../schema/tables/index.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { createTestDeps, type TestDeps } from "../../tests/support/test-deps.ts";
import { type App, createApp } from "../app.tsx";

const T0 = new Date("2026-11-26T09:00:00.000Z");
const NEW_PASSWORD = "cerf-volant bleu sur la dune 1987";

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

beforeEach(() => {
	now = new Date(now.getTime() + 2 * 3_600_000);
});

const used = new Set<string>(Object.values(DEMO_ACCOUNTS).map((demo) => demo.identifier));
async function pickAccount(): Promise<Account> {
	const rows = await handle.db
		.select()
		.from(accounts)
		.where(and(eq(accounts.state, "active"), eq(accounts.space, "adherent")));
	const account = rows.find((row) => !used.has(row.identifier));
	if (!account) throw new Error("no unused active account in the seed");
	used.add(account.identifier);
	return account;
}

function post(path: string, fields: Record<string, string>, cookie?: string) {
	return app.request(path, {
		method: "POST",
		headers: {
			Origin: "http://localhost",
			"Content-Type": "application/x-www-form-urlencoded",
			...(cookie ? { Cookie: cookie } : {}),
		},
		body: new URLSearchParams(fields).toString(),
	});
}

async function fraudLink(account: Account): Promise<string> {
	const { token } = await createOneTimeToken(handle.db, {
		purpose: "fraud_report",
		accountId: account.id,
		now,
		randomBytes: cryptoRandomBytes,
	});
	return token;
}

async function signIn(account: Account): Promise<string> {
	const token = generateSessionToken(cryptoRandomBytes);
	await createSession(handle.db, { token, account, now, secondFactorVerified: true });
	return `__Host-espace_session=${token}`;
}

async function reload(account: Account): Promise<Account> {
	const [row] = await handle.db.select().from(accounts).where(eq(accounts.id, account.id));
	if (!row) throw new Error("account vanished");
	return row;
}

async function count(
	table: typeof sessions | typeof requests | typeof outgoingMails,
	accountId: number,
): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)` })
		.from(table)
		.where(eq(table.accountId, accountId));
	return row?.n ?? 0;
}

async function incidents(accountId: number) {
	return handle.db
		.select()
		.from(requests)
		.where(and(eq(requests.accountId, accountId), eq(requests.kind, "fraud_report")));
}

async function acknowledgements(accountId: number) {
	return handle.db
		.select()
		.from(outgoingMails)
		.where(
			and(eq(outgoingMails.accountId, accountId), eq(outgoingMails.template, "fraud-report-acknowledged")),
		);
}

describe("reporting fraudulent use from the link of a security e-mail", () => {
	it("asks for confirmation first: opening the link changes nothing", async () => {
		const account = await pickAccount();
		await signIn(account);
		const token = await fraudLink(account);
		const page = await app.request(`/signalement?jeton=${token}`);
		expect(page.status).toBe(200);
		expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
		const html = await page.text();
		expect(html).toContain('<form method="post" action="/signalement">');
		expect(html).toContain(`name="jeton" value="${token}"`);
		expect(html).toContain("Signaler et bloquer mon compte");
		expect((await reload(account)).state).toBe("active");
		expect(await count(sessions, account.id)).toBe(1);
		expect(await incidents(account.id)).toHaveLength(0);
		const [row] = await handle.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.accountId, account.id));
		expect(row?.usedAt).toBeNull();
	});

	// CGU art. 5
	it("blocks sign-in, ends every session, records an incident and acknowledges it by e-mail", async () => {
		const account = await pickAccount();
		const cookie = await signIn(account);
		await signIn(account);
		const token = await fraudLink(account);

		const response = await post("/signalement", { jeton: token });
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/signalement/enregistre");

		const after = await reload(account);
		expect(after).toMatchObject({ state: "suspended", stateReason: "fraud_report", suspendedAt: now });
		expect(await count(sessions, account.id)).toBe(0);
		expect((await app.request("/adherent", { headers: { Cookie: cookie } })).headers.get("Location")).toMatch(
			/^\/connexion/,
		);

		const [incident, ...others] = await incidents(account.id);
		expect(others).toHaveLength(0);
		expect(incident).toMatchObject({ status: "received", channel: "web", createdAt: now });
		expect(incident?.reference).toMatch(/^F2026-\d{6}$/);
		const history = await handle.db
			.select()
			.from(requestStatusHistory)
			.where(eq(requestStatusHistory.requestId, incident?.id ?? 0));
		expect(history).toMatchObject([{ fromStatus: null, toStatus: "received", changedAt: now }]);

		const [ack] = await acknowledgements(account.id);
		expect(ack?.textBody).toContain(incident?.reference);
		expect(ack?.textBody).toContain("http://localhost/mot-de-passe-oublie/nouveau?jeton=");

		const trail = await handle.db
			.select({ action: auditEvents.action })
			.from(auditEvents)
			.where(eq(auditEvents.accountId, account.id));
		expect(trail.map((event) => event.action)).toEqual(
			expect.arrayContaining(["account.fraud_report", "account.state.suspend"]),
		);

		const signInAttempt = await post("/connexion", {
			identifiant: account.identifier,
			motDePasse: "n'importe lequel",
		});
		expect(signInAttempt.status).toBe(400);
		const recorded = await app.request("/signalement/enregistre");
		expect(await recorded.text()).toContain("Votre signalement est enregistré");
	});

	it("refuses a second use of the same link, and a second report adds nothing", async () => {
		const account = await pickAccount();
		const first = await fraudLink(account);
		const second = await fraudLink(account);
		expect((await post("/signalement", { jeton: first })).status).toBe(303);

		const again = await post("/signalement", { jeton: first });
		expect(again.status).toBe(410);
		expect(await again.text()).toContain("Ce lien de signalement a déjà servi.");
		expect((await app.request(`/signalement?jeton=${first}`)).status).toBe(410);

		expect((await post("/signalement", { jeton: second })).status).toBe(303);
		expect(await incidents(account.id)).toHaveLength(1);
		expect(await acknowledgements(account.id)).toHaveLength(1);
		expect((await reload(account)).state).toBe("suspended");
	});

	it("answers a made-up link with a French page", async () => {
		const response = await app.request("/signalement?jeton=nimportequoi");
		expect(response.status).toBe(400);
		expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
		expect(await response.text()).toContain("Ce lien de signalement n&#39;est pas valable.");
		expect((await post("/signalement", { jeton: "a".repeat(32) })).status).toBe(400);
	});
});

describe("reporting fraudulent use from the signed-in account", () => {
	it("shows a confirmation page with a button", async () => {
		const account = await pickAccount();
		const cookie = await signIn(account);
		const page = await app.request("/compte/signaler", { headers: { Cookie: cookie } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('<form method="post" action="/compte/signaler">');
		expect((await reload(account)).state).toBe("active");
	});

	it("sends a visitor to the sign-in page", async () => {
		const page = await app.request("/compte/signaler");
		expect(page.status).toBe(303);
		expect(page.headers.get("Location")).toBe("/connexion?next=%2Fcompte%2Fsignaler");
		expect((await post("/compte/signaler", {})).status).toBe(303);
	});

	it("blocks the account and ends every session, this one included", async () => {
		const account = await pickAccount();
		const cookie = await signIn(account);
		await signIn(account);
		const response = await post("/compte/signaler", {}, cookie);
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/signalement/enregistre");
		expect(response.headers.get("Set-Cookie")).toMatch(/__Host-espace_session=;/);
		expect(await reload(account)).toMatchObject({ state: "suspended", stateReason: "fraud_report" });
		expect(await count(sessions, account.id)).toBe(0);
		expect(await incidents(account.id)).toHaveLength(1);
		expect(await acknowledgements(account.id)).toHaveLength(1);
	});
});

describe("getting back in after a report", () => {
	it("lets the holder choose a new password at once, and sign in once staff reopen the account", async () => {
		const account = await pickAccount();
		await post("/signalement", { jeton: await fraudLink(account) });
		const [ack] = await acknowledgements(account.id);
		const token = /nouveau\?jeton=([a-z2-7]+)/.exec(ack?.textBody ?? "")?.[1] ?? "";

		// Asking for an ordinary link meanwhile sends nothing: the account is suspended.
		await post("/mot-de-passe-oublie", { identifiant: account.identifier });
		expect(await count(outgoingMails, account.id)).toBe(1);

		const form = await app.request(`/mot-de-passe-oublie/nouveau?jeton=${token}`);
		expect(form.status).toBe(200);
		expect(await form.text()).toContain("Votre compte reste bloqué");
		const changed = await post("/mot-de-passe-oublie/nouveau", {
			jeton: token,
			motDePasse: NEW_PASSWORD,
			confirmation: NEW_PASSWORD,
		});
		expect(changed.headers.get("Location")).toBe("/mot-de-passe-oublie/modifie?verification=1");
		const page = await app.request("/mot-de-passe-oublie/modifie?verification=1");
		expect(await page.text()).toContain("Dès sa réouverture");
		expect((await reload(account)).state).toBe("suspended");
		// The right password on a blocked account: told its state and whom to contact (issue 11).
		const blocked = await post("/connexion", { identifiant: account.identifier, motDePasse: NEW_PASSWORD });
		expect(blocked.status).toBe(403);
		expect(await blocked.text()).not.toContain("Identifiant ou mot de passe incorrect");

		const reopened = await reopenAccount(handle.db, {
			identifier: account.identifier,
			reason: "opérations vérifiées",
			now,
			actor: { kind: "staff" },
		});
		expect(reopened).toMatchObject({ ok: true, from: "suspended", to: "active" });
		const signIn = await post("/connexion", { identifiant: account.identifier, motDePasse: NEW_PASSWORD });
		expect(signIn.status).toBe(303);
		expect(signIn.headers.get("Location")).toBe("/connexion/verification");

		// The incident stays for staff; a new report after reopening is a new incident.
		await post("/signalement", { jeton: await fraudLink(account) });
		expect(await incidents(account.id)).toHaveLength(2);
	});

	it("keeps a closed account closed, but still records the incident", async () => {
		const account = await pickAccount();
		const token = await fraudLink(account);
		await closeAccount(handle.db, {
			identifier: account.identifier,
			reason: "fin de contrat",
			now,
			actor: { kind: "system" },
		});
		expect((await post("/signalement", { jeton: token })).status).toBe(303);
		expect((await reload(account)).state).toBe("closed");
		expect(await incidents(account.id)).toHaveLength(1);
	});
});
