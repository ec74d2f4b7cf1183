// « Factures » and « Paiements » on a seeded database, signed in through the real forms as the
// demo practice 3000000001 (Pharmacie des Terreaux), with the practice 3000000002 (Optique de
// l'Erdre) as the other practice: lists, filters, details, the CSV export, the reconciliation of
// transfers and invoices (a partial payment shown as such), the avis de paiement read back with
// poppler, and every other practice's object answering 404.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import {
	auditEvents,
	paymentInvoices,
	professionalPayments,
	tpInvoices,
} from "../../../schema/tables/index.ts";
import { pdfText } from "../../../tests/support/pdf.ts";
import { createPracticeTestApp } from "../../../tests/support/practice.ts";
import { withCookie } from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let practice: string;
let other: string;

beforeAll(async () => {
	({ handle, app, practice, other } = await createPracticeTestApp(now));
}, 90_000);
afterAll(() => handle.client.close());

async function invoiceCount(where: Parameters<typeof and>[0]): Promise<number> {
	const [row] = await handle.db
		.select({ n: count() })
		.from(tpInvoices)
		.where(and(eq(tpInvoices.professionalId, 1), where));
	return row?.n ?? 0;
}

async function firstInvoice(status: "recue" | "acceptee" | "payee" | "rejetee") {
	const [row] = await handle.db
		.select()
		.from(tpInvoices)
		.where(and(eq(tpInvoices.professionalId, 1), eq(tpInvoices.status, status)))
		.limit(1);
	if (!row) throw new Error(`no ${status} invoice for the demo practice`);
	return row;
}

describe("the invoices", () => {
	it("lists the practice's invoices newest first, 25 a page, with their status", async () => {
		const total = await invoiceCount(undefined);
		const response = await app.request("/professionnel/factures", withCookie(practice));
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(`${total} factures, page 1 sur ${Math.ceil(total / 25)}`);
		expect(html.match(/href="\/professionnel\/factures\/\d+"/g)).toHaveLength(25);
		expect(html).toContain("Payée");
		expect(html).toContain('data-label="Statut"');
	});

	it("filters by status, showing a rejection's code and plain label, and says « en cours » for an accepted one", async () => {
		const rejected = await (
			await app.request("/professionnel/factures?statut=rejetee", withCookie(practice))
		).text();
		expect(rejected).toContain(`${await invoiceCount(eq(tpInvoices.status, "rejetee"))} factures`);
		expect(rejected).toMatch(/Rejetée \(R0\d : [A-Z][^)]+\)/);
		expect(rejected).not.toContain('data-label="Statut">Payée<');
		const accepted = await (
			await app.request("/professionnel/factures?statut=acceptee", withCookie(practice))
		).text();
		expect(accepted).toContain("1 facture.");
		expect(accepted).toContain('<td data-label="Statut">En cours</td>');
	});

	it("filters by member number and by period of reception", async () => {
		const ofJulien = await invoiceCount(eq(tpInvoices.memberNumberAsSent, "400000001"));
		expect(ofJulien).toBeGreaterThan(0);
		const byMember = await (
			await app.request("/professionnel/factures?adherent=400000001", withCookie(practice))
		).text();
		expect(byMember).toContain(ofJulien === 1 ? "1 facture." : `${ofJulien} factures`);
		const inPeriod = await app.request(
			"/professionnel/factures?du-jour=1&du-mois=10&du-annee=2026&au-jour=31&au-mois=10&au-annee=2026",
			withCookie(practice),
		);
		expect(inPeriod.status).toBe(200);
		const html = await inPeriod.text();
		const received = [...html.matchAll(/<td data-label="Reçue le">(\d\d)\/(\d\d)\/(\d{4})<\/td>/g)];
		expect(received.length).toBeGreaterThan(0);
		for (const [, , month, year] of received) expect(`${year}-${month}`).toBe("2026-10");
	});

	it("refuses bad criteria in French with 400, and a page past the last with 404", async () => {
		for (const [query, message] of [
			["statut=perdue", "Choisissez un statut dans la liste."],
			["adherent=12ab", "Le numéro d&#39;adhérent ne contient que des chiffres."],
			["du=2026-10-31&au=2026-10-01", "La date de fin doit être postérieure à la date de début."],
			["tri=montant", "Cette adresse contient un critère inconnu."],
		] as const) {
			const response = await app.request(`/professionnel/factures?${query}`, withCookie(practice));
			expect(response.status, query).toBe(400);
			expect(await response.text(), query).toContain(message);
		}
		expect((await app.request("/professionnel/factures?page=999", withCookie(practice))).status).toBe(404);
	});

	it("shows one invoice with its lines: act, amount charged, member's and insurer's parts", async () => {
		const rejected = await firstInvoice("rejetee");
		const response = await app.request(`/professionnel/factures/${rejected.id}`, withCookie(practice));
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(`Facture ${rejected.invoiceNumber}`);
		expect(html).toContain(`Facture rejetée, code ${rejected.rejectionCode} : ${rejected.rejectionLabel}`);
		for (const header of [
			"Acte",
			"Montant facturé",
			"Part Sécurité sociale",
			"Part mutuelle",
			"Part de l&#39;adhérent",
		])
			expect(html, header).toContain(header);
		const paid = await firstInvoice("payee");
		const paidHtml = await (
			await app.request(`/professionnel/factures/${paid.id}`, withCookie(practice))
		).text();
		expect(paidHtml).toMatch(/href="\/professionnel\/paiements\/\d+">Virement VIR-1-/);
	});

	it("answers 404 for another practice's invoice, exactly like a missing one", async () => {
		const paid = await firstInvoice("payee");
		const theirs = await app.request(`/professionnel/factures/${paid.id}`, withCookie(other));
		const missing = await app.request("/professionnel/factures/99999999", withCookie(practice));
		expect(theirs.status).toBe(404);
		expect(missing.status).toBe(404);
		expect((await app.request("/professionnel/factures/01", withCookie(practice))).status).toBe(404);
	});

	it("exports the filtered list as CSV for a spreadsheet, and audits the export", async () => {
		const response = await app.request("/professionnel/factures.csv?statut=rejetee", withCookie(practice));
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
		expect(response.headers.get("Content-Disposition")).toBe(
			'attachment; filename="factures-2026-11-26.csv"',
		);
		const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
		expect(text.startsWith("\uFEFFNuméro de facture;Reçue le;Date des soins")).toBe(true);
		const lines = text.trim().split("\r\n");
		expect(lines).toHaveLength(1 + (await invoiceCount(eq(tpInvoices.status, "rejetee"))));
		expect(lines[1]).toMatch(/;Rejetée;R0\d;/);
		const [entry] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "professionnel.invoices.exported"));
		expect(entry).toMatchObject({ objectType: "professional", objectId: "1", outcome: "success" });
		expect((await app.request("/professionnel/factures.csv?statut=x", withCookie(practice))).status).toBe(
			400,
		);
	});
});

describe("the payments", () => {
	it("lists the transfers with date, amount and reference, and nothing waits when all is settled", async () => {
		const [row] = await handle.db
			.select({ n: count() })
			.from(professionalPayments)
			.where(eq(professionalPayments.professionalId, 1));
		const html = await (await app.request("/professionnel/paiements", withCookie(practice))).text();
		expect(html).toContain(`${row?.n} virements, page 1 sur`);
		expect(html).toMatch(/href="\/professionnel\/paiements\/\d+">VIR-1-2026111\d</);
		// The one accepted invoice waits for the next transfer.
		expect(html).toContain("1 facture acceptée reste à régler");
	});

	it("shows a transfer with the invoices it settles, and its avis de paiement as a PDF", async () => {
		const [payment] = await handle.db
			.select()
			.from(professionalPayments)
			.where(eq(professionalPayments.professionalId, 1))
			.limit(1);
		if (!payment) throw new Error("no payment");
		const html = await (
			await app.request(`/professionnel/paiements/${payment.id}`, withCookie(practice))
		).text();
		expect(html).toContain(`Virement ${payment.reference}`);
		expect(html.match(/<td data-label="Situation">Réglée<\/td>/g)).toHaveLength(payment.invoiceCount);
		const pdf = await app.request(`/professionnel/paiements/${payment.id}/avis.pdf`, withCookie(practice));
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
		const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
		for (const expected of [
			`Avis de paiement ${payment.reference}`,
			"Pharmacie des Terreaux",
			"Factures réglées par ce virement",
			"Total du virement",
			"Réglée",
		])
			expect(text, expected).toContain(expected);
	});

	it("shows a partial payment as such, and what remains unpaid", async () => {
		const accepted = await firstInvoice("acceptee");
		const half = Math.floor((accepted.acceptedCents ?? 0) / 2);
		const [payment] = await handle.db
			.insert(professionalPayments)
			.values({
				professionalId: 1,
				paidOn: "2026-11-24",
				amountCents: half,
				reference: "VIR-1-PARTIEL",
				invoiceCount: 1,
			})
			.returning();
		if (!payment) throw new Error("no payment written");
		await handle.db
			.insert(paymentInvoices)
			.values({ paymentId: payment.id, invoiceId: accepted.id, amountCents: half });
		const remaining = (accepted.acceptedCents ?? 0) - half;
		const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
		const detail = await (
			await app.request(`/professionnel/paiements/${payment.id}`, withCookie(practice))
		).text();
		expect(detail).toContain(`Partiel, reste ${euros(remaining)}`);
		const list = await (await app.request("/professionnel/paiements", withCookie(practice))).text();
		expect(list).toContain(`1 facture acceptée reste à régler, pour ${euros(remaining)}`);
		const invoice = await (
			await app.request(`/professionnel/factures/${accepted.id}`, withCookie(practice))
		).text();
		expect(invoice).toContain("Reste à payer");
		const pdf = await app.request(`/professionnel/paiements/${payment.id}/avis.pdf`, withCookie(practice));
		expect(await pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain(
			`Partiel, reste ${euros(remaining)}`,
		);
	});

	it("answers 404 for another practice's transfer and its avis de paiement", async () => {
		const [payment] = await handle.db
			.select()
			.from(professionalPayments)
			.where(eq(professionalPayments.professionalId, 1))
			.limit(1);
		expect((await app.request(`/professionnel/paiements/${payment?.id}`, withCookie(other))).status).toBe(
			404,
		);
		expect(
			(await app.request(`/professionnel/paiements/${payment?.id}/avis.pdf`, withCookie(other))).status,
		).toBe(404);
		expect((await app.request("/professionnel/paiements?du=hier", withCookie(practice))).status).toBe(400);
	});
});
