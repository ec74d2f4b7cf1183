// `/adherent/garanties` on a seeded database, through the real sign-in forms.
import { gzipSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCents } from "../../../core/format.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { accounts, auditEvents, individualContracts } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../../tests/support/demo.ts";
import { ensurePdftotext, pdfText } from "../../../tests/support/pdf.ts";
import {
	createTestApp,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let cookie: string;
let contract: typeof individualContracts.$inferSelect;

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

beforeAll(async () => {
	ensurePdftotext();
	handle = await createSeededTestDatabase({ scale: 1, seed: 42, pepper: PEPPER, now: NOW });
	app = createTestApp({ db: handle.db, clock: () => NOW, pepper: PEPPER });
	const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
	cookie = await signInThroughForms(app, identifier, password, () => latestSignInCode(handle.db, email));
	const [row] = await handle.db
		.select({ contract: individualContracts })
		.from(individualContracts)
		.innerJoin(accounts, eq(accounts.memberId, individualContracts.memberId))
		.where(eq(accounts.identifier, identifier));
	if (!row) throw new Error("no contract");
	contract = row.contract;
}, 300_000);
afterAll(() => handle.client.close());

describe("the guarantees page", () => {
	it("shows the offer's table by care category and the contract's payment terms", async () => {
		const response = await app.request("/adherent/garanties", withCookie(cookie));
		expect(response.status).toBe(200);
		const html = plain(await response.text());
		expect(html).toContain("<h1>Mes garanties</h1>");
		expect(html).toContain("Offre Confort, contrat responsable et solidaire");
		expect(html).toContain("Tableau de garanties Confort, en vigueur depuis le 01/01/2011");
		expect(html).toContain('<th scope="rowgroup" colspan="3">Consultations et visites de médecins</th>');
		// Cells carry their column's header for narrow screens (views/stacked-tables.ts).
		expect(html).toMatch(
			/<th scope="row" data-label="Soins">Consultations et visites<\/th><td data-label="[^"]+">150 % de la BR \(RO inclus\)<\/td>/,
		);
		expect(html).toContain("Forfait de 60,00 € en plus de la Sécurité sociale");
		expect(html).toContain("100 % Santé : sans reste à charge");
		expect(html).toContain("Tous les deux ans");
		expect(html).toContain("Léa Mercier (enfant)");
		expect(html).toContain(`${plain(formatCents(contract.contributionCents))} par mois`);
		expect(html).toContain(`Prélèvement automatique le ${contract.paymentDay} du mois`);
		expect(html).toContain(`IBAN se terminant par ${contract.reimbursementIbanLast4}`);
		expect(html).toContain('href="/adherent/garanties.pdf"');
		expect(gzipSync(html).byteLength).toBeLessThan(30 * 1024);
	});

	it("never shows more than the last 4 characters of an account", async () => {
		const html = await (await app.request("/adherent/garanties", withCookie(cookie))).text();
		const iban = contract.reimbursementIban ?? "";
		expect(iban.length).toBeGreaterThan(20);
		expect(html).not.toContain(iban.slice(-8));
		expect(html).not.toContain(iban.slice(0, 8));
	});
});

describe("the guarantees PDF", () => {
	it("downloads with the insurer, the member, the offer, the table and page numbers", async () => {
		const response = await app.request("/adherent/garanties.pdf", withCookie(cookie));
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("application/pdf");
		expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="garanties-confort.pdf"');
		expect(response.headers.get("Cache-Control")).toBe("no-store");
		const bytes = new Uint8Array(await response.arrayBuffer());
		const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
		expect(pdf.getTitle()).toBe("Tableau de garanties – Confort");
		expect(pdf.getAuthor()).toBe("Harmonie Mutuelle");
		const text = await pdfText(bytes);
		for (const expected of [
			"Harmonie Mutuelle",
			"Mutuelle soumise aux dispositions du livre II du Code de la mutualité",
			"Tableau de garanties – Confort",
			"Julien Mercier",
			"400000001",
			`n° ${contract.number}`,
			"Consultations et visites 150 % de la BR (RO inclus) Par acte",
			`IBAN se terminant par ${contract.reimbursementIbanLast4}`,
			`Page 1 sur ${pdf.getPageCount()}`,
		]) {
			expect(text).toContain(expected);
		}
		expect(text).not.toContain((contract.reimbursementIban ?? "").slice(-8));
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, "adherent.guarantees.downloaded"), eq(auditEvents.objectId, "CONFORT")),
			);
		expect(audit?.outcome).toBe("success");
	});
});
