// The attestation de tiers payant PDF as a screen reader gets it, for the demo adhérent
// 1000000001 (Julien Mercier's family) in a seeded database, as in
// edge/routes/adherent/carte.test.tsx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCurrentCard, type MemberCard, professionalAccess } from "../../../core/adherent/card.ts";
import { parisDayOf } from "../../../core/format.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { createSeededTestDatabase, demoMemberId } from "../../../tests/support/demo.ts";
import {
	ensurePdftotext,
	type PdfStructNode,
	pdfInfo,
	pdfStructElements,
	pdfStructure,
	pdfText,
	structNodes,
	structText,
	taggingProblems,
} from "../../../tests/support/pdf.ts";
import { renderCardPdf } from "./card-pdf.ts";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let card: MemberCard;

beforeAll(async () => {
	ensurePdftotext();
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	const found = await getCurrentCard(handle.db, await demoMemberId(handle.db, "adherent1"), parisDayOf(now));
	if (!found) throw new Error("no card for the demo adhérent");
	card = found;
}, 300_000);
afterAll(() => handle.client.close());

async function render(): Promise<Uint8Array> {
	const access = professionalAccess(card, PEPPER, new URL("https://espace.example"), now);
	return renderCardPdf({ card, access, now });
}

describe("the tiers-payant card PDF, tagged", () => {
	it("reads as its title, the pavé normalisé, the codes as described figures and the tables", async () => {
		const bytes = await render();
		expect((await pdfInfo(bytes)).Tagged).toBe("yes");
		expect(await taggingProblems(bytes)).toEqual([]);
		const roots = await pdfStructure(bytes);
		const [document] = roots;
		expect(roots.map((root) => root.type)).toEqual(["Document"]);
		expect(document?.children.map((child) => child.type)).toEqual([
			"H1",
			"Table",
			"Figure",
			"P",
			"Table",
			"H2",
			"Table",
			"H2",
			"Table",
			"Figure",
			"P",
			"P",
			"P",
		]);
		const [h1, pave, , responsible, , , beneficiaries, , domains, , scan, validity] =
			document?.children ?? [];
		// The card draws no title: the one of the page header is its heading, once.
		expect(h1?.lines).toEqual(["Attestation de tiers payant"]);
		expect(
			structNodes(roots).filter((node) => node.lines.includes("Attestation de tiers payant")),
		).toHaveLength(1);
		expect(pave?.children.map((row) => row.children.map((cell) => [cell.type, structText(cell)]))).toEqual([
			[
				["TH", "Période de validité :"],
				["TD", "du 01/01/2026 au 31/12/2026"],
			],
			[
				["TH", "Numéro AMC :"],
				["TD", "312345678"],
			],
			[
				["TH", "Type de convention :"],
				["TD", card.conventionType],
			],
			[
				["TH", "Critère secondaire de routage :"],
				["TD", card.routingCriterion],
			],
			[
				["TH", "Numéro d'adhérent :"],
				["TD", card.memberNumber],
			],
		]);
		expect(pave?.children[0]?.children[0]?.attributes).toEqual({ Scope: "/Row" });
		// The "R" box is an artifact, like the badge hidden from screen readers on the page.
		expect(structText(responsible as PdfStructNode)).toBe("Contrat responsable");
		expect(structNodes(roots).some((node) => node.lines.includes("R"))).toBe(false);
		expect(beneficiaries?.children[0]?.children.map(structText)).toEqual([
			"Nom",
			"Prénom",
			"Qualité",
			"N° de sécurité sociale",
			"Date de naissance",
		]);
		expect(
			beneficiaries?.children.slice(1).map((row) => structText(row.children[1] as PdfStructNode)),
		).toEqual(["Julien", "Camille", "Léa", "Hugo"]);
		expect(domains?.children.map((row) => row.children.map(structText))).toContainEqual([
			"DEPR",
			"Prothèses dentaires",
			"250 %",
		]);
		// The two lines written beside the QR code for one sentence are one paragraph.
		expect(scan?.lines).toEqual([
			"Professionnels de santé : scannez ce code pour consulter",
			"les droits de cette attestation sans saisie.",
		]);
		expect(structText(validity as PdfStructNode)).toMatch(
			/^Code valable jusqu'au \d{2}\/\d{2}\/\d{4} inclus\.$/,
		);

		const tree = structNodes(roots).flatMap((node) => node.lines);
		for (const line of tree)
			expect(line).not.toMatch(/Page \d+ sur|édité le|Mutuelle soumise|Harmonie Mutuelle/);
		const text = await pdfText(bytes);
		for (const furniture of [
			"Harmonie Mutuelle",
			"Page 1 sur 1",
			"édité le 26/11/2026",
			"Contrat responsable",
		]) {
			expect(text).toContain(furniture);
		}
	});

	it("gives the datamatrix and the QR code a French text alternative and their box", async () => {
		const bytes = await render();
		const figures = (await pdfStructElements(bytes)).filter((element) => element.type === "Figure");
		expect(figures.map((figure) => [figure.alt, figure.pages])).toEqual([
			["Datamatrix de l'attestation : il reprend le pavé normalisé ci-contre.", [1]],
			["QR code réservé aux professionnels de santé : il ouvre les droits de cette attestation.", [1]],
		]);
		const boxes = structNodes(await pdfStructure(bytes))
			.filter((node) => node.type === "Figure")
			.map((node) => node.attributes.BBox);
		expect(boxes).toHaveLength(2);
		for (const box of boxes) expect(box).toMatch(/^\[[\d. ]+\]$/);
	});
});
