import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { type EmailChangeMailer, requestEmailChange } from "../../core/email-change.ts";
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
} from "../../schema/tables/index.ts";
import { demoAccount } from "../../tests/support/demo.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { createTestDeps, type TestDeps } from "../../tests/support/test-deps.ts";
import { type App, createApp } from "../app.tsx";

const NOW = new Date("2026-11-26T09:00:00.000Z");
const { password, email: currentEmail } = DEMO_ACCOUNTS.adherent2;

let handle: DatabaseHandle;
let deps: TestDeps;
let app: App;
let now = NOW;
let account: Account;
let cookie: string;

beforeAll(async () => {
	handle = await createTestDatabase();
	deps = createTestDeps({ db: handle.db, clock: () => now, randomBytes: cryptoRandomBytes });
	await seedDatabase(handle.db, { scale: 1, seed: 42, pepper: deps.config.sessionPepper, now: NOW });
	app = createApp(deps);
	account = await demoAccount(handle.db, "adherent2");
	const token = generateSessionToken(cryptoRandomBytes);
	await createSession(handle.db, { token, account, now: NOW, secondFactorVerified: true });
	cookie = `__Host-espace_session=${token}`;
}, 60_000);

afterAll(() => {
	handle?.client.close();
	deps?.close();
});

beforeEach(async () => {
	now = NOW;
	// Each test starts from the demo address and an empty hourly budget.
	await handle.db.update(accounts).set({ email: currentEmail }).where(eq(accounts.id, account.id));
	await handle.client.execute("DELETE FROM rate_limit_buckets");
});

function request(path: string, form?: Record<string, string>, signedIn = true): Promise<Response> {
	const headers: Record<string, string> = {
		Origin: "http://localhost",
		...(signedIn ? { Cookie: cookie } : {}),
	};
	return Promise.resolve(
		form
			? app.request(path, { method: "POST", headers, body: new URLSearchParams(form) })
			: app.request(path, { headers }),
	);
}

interface SentMail {
	readonly kind: "confirmation" | "notice";
	readonly to: string;
	readonly path: string;
}

/** Stands in for the two templates that do not exist yet: keeps what each mail would carry. */
function capturingMailer(sent: SentMail[]): EmailChangeMailer {
	return {
		confirmation: async (_tx, mail) =>
			void sent.push({ kind: "confirmation", to: mail.to, path: mail.confirmationPath }),
		notice: async (_tx, mail) => void sent.push({ kind: "notice", to: mail.to, path: mail.fraudReportPath }),
	};
}

async function askForChange(newEmail: string, sent: SentMail[] = []) {
	const [fresh] = await handle.db.select().from(accounts).where(eq(accounts.id, account.id));
	const result = await requestEmailChange(
		handle.db,
		{
			account: fresh as Account,
			sessionId: "s",
			password,
			newEmail,
			now,
			pepper: deps.config.sessionPepper,
			publicUrl: deps.config.publicUrl,
			randomBytes: cryptoRandomBytes,
			ipKey: "ip",
		},
		capturingMailer(sent),
	);
	const link = sent.find((mail) => mail.kind === "confirmation")?.path ?? "";
	return { result, sent, link, token: new URL(link, "http://localhost").searchParams.get("jeton") ?? "" };
}

async function currentAddress(): Promise<string | undefined> {
	const [row] = await handle.db
		.select({ email: accounts.email })
		.from(accounts)
		.where(eq(accounts.id, account.id));
	return row?.email;
}

async function liveChangeTokens(): Promise<number> {
	const [row] = await handle.db
		.select({ n: sql<number>`count(*)` })
		.from(oneTimeTokens)
		.where(
			and(
				eq(oneTimeTokens.accountId, account.id),
				eq(oneTimeTokens.purpose, "email_change"),
				sql`used_at IS NULL`,
			),
		);
	return row?.n ?? 0;
}

describe("the e-mail change page", () => {
	it("sends a visitor to sign in first", async () => {
		const response = await request("/compte/email", undefined, false);
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/connexion?next=%2Fcompte%2Femail");
	});

	it("shows the current address and asks for the password and the new address", async () => {
		const response = await request("/compte/email");
		expect(response.status).toBe(200);
		expect(response.headers.get("Cache-Control")).toBe("no-store");
		const html = await response.text();
		expect(html).toContain(currentEmail);
		expect(html).toContain('name="motDePasse"');
		expect(html).toContain('name="email"');
	});

	it("refuses a wrong password next to the field, keeps the new address and sends nothing", async () => {
		const response = await request("/compte/email", {
			email: "sophie.durand@exemple.fr",
			motDePasse: "pas le bon mot de passe",
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('id="champ-motDePasse-erreur">Le mot de passe n&#39;est pas le bon.');
		expect(html).toContain('value="sophie.durand@exemple.fr"');
		expect(await liveChangeTokens()).toBe(0);
	});

	it.each([
		["an empty address", "", "L&#39;adresse e-mail est obligatoire."],
		["a malformed address", "sophie@", "L&#39;adresse e-mail n&#39;est pas valide"],
		["the current address", currentEmail.toUpperCase(), "C&#39;est déjà l&#39;adresse de votre compte."],
	])("refuses %s with a message next to the field", async (_, email, message) => {
		const response = await request("/compte/email", { email, motDePasse: password });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(`id="champ-email-erreur">${message}`);
	});

	it("queues the confirmation to the new address and the notice to the current one", async () => {
		const response = await request("/compte/email", {
			email: "sophie.durand@exemple.fr",
			motDePasse: password,
		});
		expect(response.status).toBe(303);
		expect(await liveChangeTokens()).toBe(1);
		const queued = await handle.db
			.select()
			.from(outgoingMails)
			.where(sql`${outgoingMails.template} LIKE 'email-change-%'`);
		expect(queued.map((mail) => [mail.template, mail.toAddress]).sort()).toEqual([
			["email-change-confirmation", "sophie.durand@exemple.fr"],
			["email-change-notice", currentEmail],
		]);
		// Nothing changes before the new address confirms.
		expect(await currentAddress()).toBe(currentEmail);
	});
});

describe("a request to change the address", () => {
	it("sends the link to the new address and a notice with a report link to the current one", async () => {
		const { result, sent } = await askForChange("sophie.durand@exemple.fr");
		expect(result).toMatchObject({ ok: true, expiresAt: new Date(NOW.getTime() + 24 * 3600_000) });
		expect(sent).toEqual([
			{
				kind: "confirmation",
				to: "sophie.durand@exemple.fr",
				path: expect.stringMatching(/^\/compte\/email\/confirmer\?jeton=[a-z2-7]{32}$/),
			},
			{
				kind: "notice",
				to: currentEmail,
				path: expect.stringMatching(/^\/signalement\?jeton=[a-z2-7]{32}$/),
			},
		]);
		expect(await currentAddress()).toBe(currentEmail);
	});

	it("voids the link of an earlier request", async () => {
		const first = await askForChange("premiere@exemple.fr");
		await askForChange("seconde@exemple.fr");
		expect(await liveChangeTokens()).toBe(1);
		expect((await request(first.link)).status).toBe(410);
	});

	it("is limited to 5 an hour per account", async () => {
		const results = [];
		for (let i = 0; i < 6; i++) results.push((await askForChange(`essai${i}@exemple.fr`)).result);
		expect(results.slice(0, 5).every((result) => result.ok)).toBe(true);
		expect(results[5]).toMatchObject({ ok: false, reason: "rate_limited" });
	});
});

describe("the confirmation link", () => {
	it("shows the new address without changing anything, then applies it with its button", async () => {
		const { link, token } = await askForChange("sophie.durand@exemple.fr");
		const page = await request(link, undefined, false);
		expect(page.status).toBe(200);
		expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
		expect(await page.text()).toContain("sophie.durand@exemple.fr");
		expect(await currentAddress()).toBe(currentEmail);

		const confirmed = await request("/compte/email/confirmer", { jeton: token }, false);
		expect(confirmed.status).toBe(303);
		expect(confirmed.headers.get("Location")).toBe("/compte/email/confirmee");
		const [row] = await handle.db.select().from(accounts).where(eq(accounts.id, account.id));
		expect(row).toMatchObject({ email: "sophie.durand@exemple.fr", emailVerifiedAt: NOW });
		const id = confirmed.headers.get("X-Request-Id") ?? "";
		const [event] = await handle.db.select().from(auditEvents).where(eq(auditEvents.correlationId, id));
		expect(event).toMatchObject({
			action: "account.email.changed",
			outcome: "success",
			objectId: String(account.id),
		});
		expect(JSON.stringify(event)).not.toContain("sophie.durand");
		expect(await (await request("/compte/email/confirmee")).text()).toContain("Adresse e-mail modifiée");
	});

	it("serves once only", async () => {
		const { token } = await askForChange("sophie.durand@exemple.fr");
		expect((await request("/compte/email/confirmer", { jeton: token })).status).toBe(303);
		await handle.db.update(accounts).set({ email: currentEmail }).where(eq(accounts.id, account.id));
		const again = await request("/compte/email/confirmer", { jeton: token });
		expect(again.status).toBe(410);
		expect(await again.text()).toContain("Ce lien de confirmation a déjà servi");
		expect(await currentAddress()).toBe(currentEmail);
	});

	it("expires after 24 hours", async () => {
		const { link, token } = await askForChange("sophie.durand@exemple.fr");
		now = new Date(NOW.getTime() + 24 * 3600_000 + 1);
		expect((await request(link, undefined, false)).status).toBe(410);
		const response = await request("/compte/email/confirmer", { jeton: token }, false);
		expect(response.status).toBe(410);
		expect(await response.text()).toContain("Ce lien de confirmation a expiré");
		expect(await currentAddress()).toBe(currentEmail);
	});

	it("answers an unknown or malformed link with 400", async () => {
		for (const path of [
			"/compte/email/confirmer?jeton=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			"/compte/email/confirmer?jeton=x",
			"/compte/email/confirmer",
		]) {
			const response = await request(path, undefined, false);
			expect(response.status, path).toBe(400);
			expect(await response.text()).toContain("Ce lien de confirmation n&#39;est pas valable.");
		}
		expect((await request("/compte/email/confirmer", { jeton: "pas-un-jeton" }, false)).status).toBe(400);
	});
});
