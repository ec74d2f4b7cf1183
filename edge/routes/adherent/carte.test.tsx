// `/adherent/carte`, `/adherent/carte.pdf` and `GET /api/v1/adherent/carte` on a seeded database,
// signed in through the real forms as the demo adhérent 1000000001 (Julien Mercier's family).
import { gzipSync } from "node:zlib";
import * as OTPAuth from "otpauth";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCardToken } from "../../../core/adherent/card-token.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../../demo/accounts.ts";
import { createSeededTestDatabase } from "../../../tests/support/demo.ts";
import { pdfText } from "../../../tests/support/pdf.ts";
import {
	createTestApp,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let member: string;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
	member = await signInThroughForms(app, identifier, password, () => latestSignInCode(handle.db, email));
}, 60_000);
afterAll(() => handle.client.close());

describe("the tiers-payant card page", () => {
	it("shows the pavé normalisé, the beneficiaries, the domains and the validity", async () => {
		const response = await app.request("/adherent/carte", withCookie(member));
		expect(response.status).toBe(200);
		expect(response.headers.get("Cache-Control")).toBe("no-store");
		const html = await response.text();
		for (const text of [
			"Période de validité",
			"du 01/01/2026 au 31/12/2026",
			"Numéro AMC",
			"312345678",
			"Type de convention",
			"Critère secondaire de routage",
			"Numéro d&#39;adhérent",
			"Contrat responsable",
			"MERCIER",
			"Julien",
			"Camille",
			"Léa",
			"Hugo",
			"PHAR",
			"Pharmacie remboursable",
			"DEPR",
			"250 %",
			"Forfait",
		]) {
			expect(html, text).toContain(text);
		}
		// Both codes are images with a text alternative, and their content is also given as text.
		expect(html.match(/<svg role="img" aria-label="[^"]+"/g)).toHaveLength(2);
		expect(html).toContain("AMC=312345678;CONV=TP;CSR=HM;ADH=");
		expect(gzipSync(html).byteLength).toBeLessThan(30 * 1024);
	});

	it("carries in its QR code a signed token that opens this card only, until the card ends", async () => {
		const html = await (await app.request("/adherent/carte", withCookie(member))).text();
		const token = /\/professionnel\/carte\/([A-Za-z0-9_-]{60})/.exec(html)?.[1] ?? "";
		const verified = verifyCardToken(token, PEPPER, now);
		expect(verified.ok).toBe(true);
		if (!verified.ok) return;
		expect(verified.expiresAt.toISOString()).toBe("2026-12-31T23:00:00.000Z");
		expect(verifyCardToken(token, PEPPER, new Date("2027-01-01T00:00:00Z"))).toEqual({
			ok: false,
			reason: "expired",
		});
	});

	it("downloads as a one-page PDF with its metadata and the same content", async () => {
		const response = await app.request("/adherent/carte.pdf", withCookie(member));
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("application/pdf");
		expect(response.headers.get("Content-Disposition")).toBe(
			'attachment; filename="attestation-tiers-payant-2026.pdf"',
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		const pdf = await PDFDocument.load(bytes);
		expect(pdf.getPageCount()).toBe(1);
		expect(pdf.getTitle()).toBe("Attestation de tiers payant");
		expect(pdf.getAuthor()).toBe("Harmonie Mutuelle");
		expect(pdf.getSubject()).toContain("du 01/01/2026 au 31/12/2026");
		const text = await pdfText(bytes);
		for (const expected of [
			"Période de validité",
			"Numéro AMC",
			"312345678",
			"Critère secondaire de routage",
			"MERCIER",
			"Camille",
			"Hugo",
			"PHAR",
			"DEPR",
			"250 %",
			"Contrat responsable",
			"Professionnels de santé",
		]) {
			expect(text, expected).toContain(expected);
		}
	});

	it("is in the JSON API with the same content", async () => {
		const response = await app.request("/api/v1/adherent/carte", withCookie(member));
		expect(response.status).toBe(200);
		const body = (await response.json()) as {
			card: { amcNumber: string; validTo: string; datamatrix: string; professionalAccess: { url: string } };
			beneficiaries: { firstName: string }[];
			domains: { code: string; value: string }[];
		};
		expect(body.card.amcNumber).toBe("312345678");
		expect(body.card.validTo).toBe("2026-12-31");
		expect(body.card.datamatrix).toMatch(/^AMC=312345678;/);
		expect(body.beneficiaries.map((person) => person.firstName)).toEqual([
			"Julien",
			"Camille",
			"Léa",
			"Hugo",
		]);
		expect(body.domains).toContainEqual({ code: "DEPR", label: "Prothèses dentaires", value: "250 %" });
	});
});

describe("access to the card", () => {
	it("sends a visitor to the sign-in page, and answers 401 in the API", async () => {
		const page = await app.request("/adherent/carte");
		expect(page.status).toBe(303);
		expect(page.headers.get("Location")).toBe("/connexion?next=%2Fadherent%2Fcarte");
		expect((await app.request("/api/v1/adherent/carte")).status).toBe(401);
		expect((await app.request("/adherent/carte.pdf")).status).toBe(303);
	});

	it("answers 403 to an employer", async () => {
		const { identifier, password } = DEMO_ACCOUNTS.employeur1;
		const totp = new OTPAuth.TOTP({
			secret: DEMO_TOTP_SECRETS.employeur,
			digits: 6,
			period: 30,
			algorithm: "SHA1",
		});
		const employer = await signInThroughForms(app, identifier, password, async () =>
			totp.generate({ timestamp: now.getTime() }),
		);
		expect((await app.request("/adherent/carte", withCookie(employer))).status).toBe(403);
		expect((await app.request("/adherent/carte.pdf", withCookie(employer))).status).toBe(403);
		expect((await app.request("/adherent/beneficiaires", withCookie(employer))).status).toBe(403);
		const api = await app.request("/api/v1/adherent/carte", withCookie(employer));
		expect(api.status).toBe(403);
		expect(((await api.json()) as { error: { message: string } }).error.message).toContain("compte");
	});
});
