// The espace professionnel's guard and « Droits d'un adhérent » on a seeded database, signed in
// through the real forms as the demo practice 3000000001 (Pharmacie des Terreaux, Lyon): who may
// enter, the practice's session limits, the rights form, the card's QR code (valid, tampered,
// expired, revoked), the audit trail and the practice's limit.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCardToken } from "../../../core/adherent/card-token.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import {
	auditEvents,
	outgoingMails,
	rightsChecks,
	sessions,
	tiersPayantCards,
} from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../../tests/support/demo.ts";
import { signInDemoPractice } from "../../../tests/support/practice.ts";
import {
	createTestApp,
	formPost,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let practice: string;
let member: string;

/** The demo adhérent 1000000001 (Julien Mercier) as a practice types him in. */
const JULIEN = {
	numeroAdherent: "400000001",
	"naissance-jour": "12",
	"naissance-mois": "3",
	"naissance-annee": "1984",
};
const CARE_TODAY = { "soins-jour": "26", "soins-mois": "11", "soins-annee": "2026" };

function appAt(at: Date): App {
	return createTestApp({ db: handle.db, clock: () => at, pepper: PEPPER });
}

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = appAt(now);
	practice = await signInDemoPractice(app, "professionnel1", now);
	const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
	member = await signInThroughForms(app, identifier, password, () => latestSignInCode(handle.db, email));
}, 90_000);
afterAll(() => handle.client.close());

async function qrTokenOfDemoMember(): Promise<string> {
	const html = await (await app.request("/adherent/carte", withCookie(member))).text();
	const token = /\/professionnel\/carte\/([A-Za-z0-9_-]{60})/.exec(html)?.[1];
	if (!token) throw new Error("no QR token on the member's card page");
	return token;
}

describe("the espace professionnel's guard", () => {
	it("sends a visitor to the sign-in page, and refuses members with 403", async () => {
		const visitor = await app.request("/professionnel/droits");
		expect(visitor.status).toBe(303);
		expect(visitor.headers.get("Location")).toBe("/connexion?next=%2Fprofessionnel%2Fdroits");
		const asMember = await app.request("/professionnel", withCookie(member));
		expect(asMember.status).toBe(403);
		expect(await asMember.text()).toContain("Cet espace n&#39;est pas accessible avec votre compte.");
	});

	it("shows the practice's home page, with the services of the space", async () => {
		const response = await app.request("/professionnel", withCookie(practice));
		expect(response.status).toBe(200);
		expect(response.headers.get("Cache-Control")).toBe("no-store");
		const html = await response.text();
		expect(html).toContain("Pharmacie des Terreaux");
		expect(html).toContain('href="/professionnel/droits"');
	});

	it("shows the practice's identity, convention and networks in « Mon cabinet », and nobody else's", async () => {
		const html = await (await app.request("/professionnel/cabinet", withCookie(practice))).text();
		for (const text of [
			"Pharmacie des Terreaux",
			"Numéro RPPS",
			"Numéro FINESS",
			"Numéro de convention",
			"Lyon",
		])
			expect(html, text).toContain(text);
		expect(html).toMatch(/Numéro FINESS<\/dt><dd>\d{2} \d{3} \d{3} \d</);
		expect((await app.request("/professionnel/cabinet", withCookie(member))).status).toBe(403);
	});

	it("gives a practice's session 4 hours at most and 30 minutes of idleness", async () => {
		const account = await demoAccount(handle.db, "professionnel1");
		const [session] = await handle.db.select().from(sessions).where(eq(sessions.accountId, account.id));
		expect(session?.absoluteExpiresAt.getTime()).toBe(now.getTime() + 4 * 3_600_000);
		expect(session?.expiresAt.getTime()).toBe(now.getTime() + 30 * 60_000);
		// (A session seen expired is deleted: these checks use sessions of their own.)
		const later = new Date(now.getTime() + 60_000);
		const idleCookie = await signInDemoPractice(appAt(later), "professionnel1", later);
		const idle = await appAt(new Date(later.getTime() + 31 * 60_000)).request(
			"/professionnel",
			withCookie(idleCookie),
		);
		expect(idle.status).toBe(303);
		expect(idle.headers.get("Location")).toMatch(/^\/connexion/);
		// However busy, a session ends at 4 hours.
		const start = new Date(now.getTime() + 2 * 60_000);
		const cookie = await signInDemoPractice(appAt(start), "professionnel1", start);
		let at = start.getTime();
		for (; at < start.getTime() + 4 * 3_600_000; at += 20 * 60_000)
			expect((await appAt(new Date(at)).request("/professionnel", withCookie(cookie))).status).toBe(200);
		expect((await appAt(new Date(at)).request("/professionnel", withCookie(cookie))).status).toBe(303);
	}, 60_000);
});

describe("the rights of a member", () => {
	it("offers a form with today as the date of care", async () => {
		const html = await (await app.request("/professionnel/droits", withCookie(practice))).text();
		expect(html).toContain('name="numeroAdherent"');
		expect(html).toMatch(/name="soins-jour"[^>]*value="26"|value="26"[^>]*name="soins-jour"/);
		expect(html).toMatch(/name="soins-annee"[^>]*value="2026"|value="2026"[^>]*name="soins-annee"/);
	});

	it("shows what the card shows for that day and that beneficiary, and nothing more", async () => {
		const response = await app.request(
			"/professionnel/droits",
			withCookie(practice, formPost({ ...JULIEN, ...CARE_TODAY })),
		);
		expect(response.status).toBe(200);
		const html = await response.text();
		for (const text of [
			"Droits au 26/11/2026",
			"du 01/01/2026 au 31/12/2026",
			"312345678",
			"MERCIER",
			"Julien",
			"12/03/1984",
			"PHAR",
			"Pharmacie remboursable",
			"250 %",
		])
			expect(html, text).toContain(text);
		// No other beneficiary, no NIR, no address.
		for (const text of ["Camille", "Léa", "Hugo", "sécurité sociale", "Lyon"])
			expect(html, text).not.toContain(text);
	});

	it("records the check in the audit trail with the member as its object, and in the practice's checks", async () => {
		const account = await demoAccount(handle.db, "professionnel1");
		const entries = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, "professionnel.rights.checked"), eq(auditEvents.accountId, account.id)),
			);
		expect(entries.length).toBeGreaterThan(0);
		expect(entries.at(-1)).toMatchObject({ objectType: "member", objectId: "1", outcome: "success" });
		expect(entries.at(-1)?.details).toMatchObject({
			professionalId: 1,
			channel: "form",
			careDate: "2026-11-26",
		});
		const checks = await handle.db.select().from(rightsChecks).where(eq(rightsChecks.professionalId, 1));
		expect(checks.at(-1)).toMatchObject({
			memberId: 1,
			found: true,
			channel: "form",
			memberNumberAsSent: "400000001",
		});
	});

	it("gives the same answer for an unknown number and a wrong birth date", async () => {
		const wrongBirth = await app.request(
			"/professionnel/droits",
			withCookie(practice, formPost({ ...JULIEN, "naissance-jour": "13", ...CARE_TODAY })),
		);
		const unknown = await app.request(
			"/professionnel/droits",
			withCookie(practice, formPost({ ...JULIEN, numeroAdherent: "499999999", ...CARE_TODAY })),
		);
		const message = "Aucun bénéficiaire ne correspond";
		expect(await wrongBirth.text()).toContain(message);
		expect(await unknown.text()).toContain(message);
	});

	it("says the rights are closed on a day no card covers", async () => {
		const html = await (
			await app.request(
				"/professionnel/droits",
				withCookie(
					practice,
					formPost({ ...JULIEN, "soins-jour": "1", "soins-mois": "6", "soins-annee": "2025" }),
				),
			)
		).text();
		expect(html).toContain("pas de droits ouverts en tiers payant à la date des soins");
		expect(html).not.toContain("MERCIER");
	});

	it("refuses bad input in French with 400 and checks nothing", async () => {
		const before = (await handle.db.select().from(rightsChecks)).length;
		for (const fields of [
			{ ...JULIEN, numeroAdherent: "40000000a", ...CARE_TODAY },
			{ ...JULIEN, "naissance-mois": "13", ...CARE_TODAY },
			{ ...JULIEN, "soins-jour": "1", "soins-mois": "1", "soins-annee": "2020" },
			{ ...JULIEN, ...CARE_TODAY, extra: "1" },
		]) {
			const response = await app.request("/professionnel/droits", withCookie(practice, formPost(fields)));
			expect(response.status).toBe(400);
			expect(await response.text()).toMatch(/Saisissez|doit être comprise|champs inattendus/);
		}
		expect((await handle.db.select().from(rightsChecks)).length).toBe(before);
	});
});

describe("the card's QR code", () => {
	it("opens the demo member's card for a signed-in practice, with every beneficiary it prints", async () => {
		const token = await qrTokenOfDemoMember();
		const response = await app.request(`/professionnel/carte/${token}`, withCookie(practice));
		expect(response.status).toBe(200);
		const html = await response.text();
		for (const text of ["Droits au 26/11/2026", "MERCIER", "Camille", "Léa", "Hugo", "PHAR"])
			expect(html, text).toContain(text);
		expect(html).not.toContain("sécurité sociale");
		const [last] = (await handle.db.select().from(rightsChecks).where(eq(rightsChecks.channel, "qr"))).slice(
			-1,
		);
		expect(last).toMatchObject({ memberId: 1, found: true });
	});

	it("opens the other demo member's card too", async () => {
		const { identifier, password, email } = DEMO_ACCOUNTS.adherent2;
		const sophie = await signInThroughForms(app, identifier, password, () =>
			latestSignInCode(handle.db, email),
		);
		const html = await (await app.request("/adherent/carte", withCookie(sophie))).text();
		const token = /\/professionnel\/carte\/([A-Za-z0-9_-]{60})/.exec(html)?.[1];
		const response = await app.request(`/professionnel/carte/${token}`, withCookie(practice));
		expect(response.status).toBe(200);
		const page = await response.text();
		expect(page).toContain("DURAND");
		expect(page).toContain("Sophie");
		expect(page).not.toContain("MERCIER");
	});

	it("sends a visitor to sign in first and back, and refuses a member", async () => {
		const token = await qrTokenOfDemoMember();
		const visitor = await app.request(`/professionnel/carte/${token}`);
		expect(visitor.status).toBe(303);
		expect(visitor.headers.get("Location")).toBe(
			`/connexion?next=${encodeURIComponent(`/professionnel/carte/${token}`)}`,
		);
		expect((await app.request(`/professionnel/carte/${token}`, withCookie(member))).status).toBe(403);
	});

	it("refuses a tampered token and an expired one with a clear message", async () => {
		const token = await qrTokenOfDemoMember();
		const flipped = `${token.slice(0, 20)}${token[20] === "A" ? "B" : "A"}${token.slice(21)}`;
		for (const bad of [flipped, "abc", `${token}x`]) {
			const response = await app.request(`/professionnel/carte/${bad}`, withCookie(practice));
			expect(response.status, bad).toBe(400);
			expect(await response.text()).toContain("Ce QR code n&#39;est pas valide");
		}
		const stale = signCardToken(
			{ cardId: 1, memberId: 1, expiresAt: new Date(now.getTime() - 1000) },
			PEPPER,
		);
		const expired = await app.request(`/professionnel/carte/${stale}`, withCookie(practice));
		expect(expired.status).toBe(410);
		expect(await expired.text()).toContain("Ce QR code a expiré");
	});

	it("refuses a token whose card was replaced (revoked)", async () => {
		const token = await qrTokenOfDemoMember();
		const [card] = await handle.db.select().from(tiersPayantCards).where(eq(tiersPayantCards.memberId, 1));
		if (!card) throw new Error("no demo card");
		const { id: _id, ...copy } = card;
		await handle.db
			.insert(tiersPayantCards)
			.values({ ...copy, validFrom: "2026-11-25", issuedAt: new Date("2026-11-25T08:00:00Z") });
		const response = await app.request(`/professionnel/carte/${token}`, withCookie(practice));
		expect(response.status).toBe(410);
		expect(await response.text()).toContain("Ce QR code a été révoqué");
		// The member's new card carries a new token that works.
		const fresh = await qrTokenOfDemoMember();
		expect(fresh).not.toBe(token);
		expect((await app.request(`/professionnel/carte/${fresh}`, withCookie(practice))).status).toBe(200);
	});
});

describe("the member's view of the checks", () => {
	it("lists who checked the member's rights, when and how, and only theirs", async () => {
		const response = await app.request("/adherent/verifications-droits", withCookie(member));
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain("Pharmacie des Terreaux (Pharmacie, Lyon)");
		expect(html).toContain("QR code de votre carte");
		expect(html).toContain("Saisie du numéro d&#39;adhérent");
		expect((await app.request("/adherent/verifications-droits", withCookie(practice))).status).toBe(403);
	});
});

describe("harvesting through the screen", () => {
	it("e-mails one alert to the configured staff address (STAFF_ALERT_EMAIL) when a practice walks member numbers", async () => {
		const configured = createTestApp({
			db: handle.db,
			clock: () => now,
			pepper: PEPPER,
			env: { STAFF_ALERT_EMAIL: "securite@mutuelle.example.test" },
		});
		for (let i = 0; i < 6; i++)
			await configured.request(
				"/professionnel/droits",
				withCookie(practice, formPost({ ...JULIEN, ...CARE_TODAY, numeroAdherent: String(400_000_300 + i) })),
			);
		const mails = await handle.db
			.select()
			.from(outgoingMails)
			.where(eq(outgoingMails.template, "harvesting-alert"));
		expect(mails.map((mail) => mail.toAddress)).toEqual(["securite@mutuelle.example.test"]);
		expect(mails[0]?.textBody).toContain("Pharmacie des Terreaux");
		expect(mails[0]?.textBody).toContain("numéros d'adhérent consécutifs");
	});
});

describe("the practice's limit on rights checks", () => {
	it("answers 429 with Retry-After past 30 checks a minute, for that practice only", async () => {
		const other = await signInDemoPractice(app, "professionnel2", now);
		let last: Response | undefined;
		for (let i = 0; i < 31; i++)
			last = await app.request(
				"/professionnel/droits",
				withCookie(other, formPost({ ...JULIEN, ...CARE_TODAY })),
			);
		expect(last?.status).toBe(429);
		expect(Number(last?.headers.get("Retry-After"))).toBeGreaterThan(0);
		expect(await last?.text()).toContain("trop de vérifications");
		const token = await qrTokenOfDemoMember();
		expect((await app.request(`/professionnel/carte/${token}`, withCookie(other))).status).toBe(429);
		expect(
			(
				await app.request(
					"/professionnel/droits",
					withCookie(practice, formPost({ ...JULIEN, ...CARE_TODAY })),
				)
			).status,
		).toBe(200);
	}, 60_000);
});
