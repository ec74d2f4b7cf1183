import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueMail } from "../../core/send-mail.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import { accounts, auditEvents, notificationPreferences, outgoingMails } from "../../schema/tables/index.ts";
import {
	createSeededTestApp,
	formPost,
	signInDemoMember,
	withCookie,
} from "../../tests/support/route-testing.ts";
import type { App } from "../app.tsx";

const NOW = new Date("2026-11-26T09:00:00.000Z");
const PUBLIC_URL = new URL("http://localhost:4321");
let handle: DatabaseHandle;
let app: App;
let cookie: string;
let accountId: number;

function checkedBoxes(html: string): string[] {
	return [...html.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)]
		.filter(([tag]) => / checked/.test(tag))
		.map(([tag]) => /name="([^"]+)"/.exec(tag)?.[1] ?? "");
}

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.2, now: NOW }));
	cookie = await signInDemoMember(app, handle.db, "adherent1");
	const [account] = await handle.db
		.select()
		.from(accounts)
		.where(eq(accounts.identifier, DEMO_ACCOUNTS.adherent1.identifier));
	accountId = account?.id ?? 0;
}, 120_000);

afterAll(() => handle?.client.close());

function mail(template: "payment-notice" | "new-sign-in-alert" | "statement-available", key: string) {
	const data = {
		"payment-notice": {
			displayName: "Julien Mercier",
			paidOn: "2026-11-25",
			paymentsPath: "/adherent/remboursements",
		},
		"new-sign-in-alert": {
			signedInAt: NOW,
			device: "Firefox sur Linux",
			fraudReportPath: "/signalement?jeton=x",
		},
		"statement-available": { displayName: "Julien Mercier", statementsPath: "/adherent/releves" },
	}[template];
	return queueMail(handle.db, {
		template,
		data: data as never,
		to: DEMO_ACCOUNTS.adherent1.email,
		accountId,
		idempotencyKey: key,
		now: NOW,
		publicUrl: PUBLIC_URL,
	});
}

describe("/compte/alertes", () => {
	it("has every optional alert on by default, and says why the security alerts stay on", async () => {
		const response = await app.request("/compte/alertes", withCookie(cookie));
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(checkedBoxes(html).sort()).toEqual(["cgu", "paiement", "releve", "reponse"]);
		expect(html).toContain("Alertes de sécurité, toujours envoyées");
		expect(html).toContain("Ces alertes ne peuvent pas être désactivées");
	});

	it("stores the choices, audits them, and the mail paths honour them", async () => {
		const saved = await app.request(
			"/compte/alertes",
			withCookie(cookie, formPost({ releve: "oui", reponse: "oui" })),
		);
		expect(saved.status).toBe(303);
		expect(saved.headers.get("Location")).toBe("/compte/alertes?enregistre=1");
		const page = await (await app.request("/compte/alertes?enregistre=1", withCookie(cookie))).text();
		expect(page).toContain("Vos choix sont enregistrés.");
		expect(checkedBoxes(page).sort()).toEqual(["releve", "reponse"]);
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, "account.notifications.changed")),
			)
			.orderBy(desc(auditEvents.seq))
			.limit(1);
		expect(audit?.details).toEqual({ "cgu_update.email": false, "payment_made.email": false });

		// Switched off: no payment notice is written; still on: the statement notice is.
		expect(await mail("payment-notice", "test/payment/1")).toEqual({ mailId: null, created: false });
		expect((await mail("statement-available", "test/statement/1")).created).toBe(true);
		const written = await handle.db
			.select({ key: outgoingMails.idempotencyKey })
			.from(outgoingMails)
			.where(eq(outgoingMails.accountId, accountId));
		expect(written.map((row) => row.key)).not.toContain("test/payment/1");
		expect(written.map((row) => row.key)).toContain("test/statement/1");
	});

	it("always sends the security alerts, even with a stored choice against them", async () => {
		await handle.db
			.insert(notificationPreferences)
			.values({ accountId, kind: "new_sign_in", channel: "email", enabled: false, updatedAt: NOW });
		expect((await mail("new-sign-in-alert", "test/new-sign-in/1")).created).toBe(true);
		const page = await (await app.request("/compte/alertes", withCookie(cookie))).text();
		expect(page).not.toMatch(/name="(new_sign_in|security_change)"/);
	});

	it("refuses a bad form with a French message and changes nothing", async () => {
		const cases: Record<string, string>[] = [{ releve: "non" }, { sms: "oui" }];
		for (const fields of cases) {
			const response = await app.request("/compte/alertes", withCookie(cookie, formPost(fields)));
			expect(response.status).toBe(400);
			expect(await response.text()).toMatch(/Cochez ou décochez la case\.|champs inattendus/);
		}
		const page = await (await app.request("/compte/alertes", withCookie(cookie))).text();
		expect(checkedBoxes(page).sort()).toEqual(["releve", "reponse"]);
	});

	it("asks a visitor to sign in", async () => {
		expect((await app.request("/compte/alertes")).headers.get("Location")).toBe(
			"/connexion?next=%2Fcompte%2Falertes",
		);
	});
});
