// The guarantee table PDF as a screen reader gets it, on the demo adhérent 1000000001's contract
// (Julien Mercier, offer Confort) in a seeded database, as in edge/routes/adherent/garanties.test.tsx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMemberGuarantees, type MemberGuarantees } from "../../../core/adherent/guarantees.ts";
import { parisDayOf } from "../../../core/format.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { createSeededTestDatabase, demoMemberId } from "../../../tests/support/demo.ts";
import {
	ensurePdftotext,
	type PdfStructNode,
	pdfInfo,
	pdfStructure,
	pdfText,
	structNodes,
	structText,
	taggingProblems,
} from "../../../tests/support/pdf.ts";
import { renderGuaranteesPdf } from "./garanties-pdf.ts";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let guarantees: MemberGuarantees;

beforeAll(async () => {
	ensurePdftotext();
	handle = await createSeededTestDatabase({ scale: 1, seed: 42, pepper: PEPPER, now: NOW });
	const found = await getMemberGuarantees(
		handle.db,
		await demoMemberId(handle.db, "adherent1"),
		parisDayOf(NOW),
	);
	if (!found) throw new Error("no guarantees for the demo adhérent");
	guarantees = found;
}, 300_000);
afterAll(() => handle.client.close());

describe("the guarantees PDF, tagged", () => {
	it("reads as a title, the member's facts, the table of guarantees, the terms and the notes", async () => {
		const bytes = await renderGuaranteesPdf(guarantees, NOW);
		expect((await pdfInfo(bytes)).Tagged).toBe("yes");
		expect(await taggingProblems(bytes)).toEqual([]);
		const roots = await pdfStructure(bytes);
		const [document] = roots;
		expect(roots.map((root) => root.type)).toEqual(["Document"]);
		const types = document?.children.map((child) => child.type) ?? [];
		expect(types.slice(0, 3)).toEqual(["H1", "Table", "Table"]);
		const headings = document?.children.filter((child) => /^H\d$/.test(child.type)) ?? [];
		expect(headings.map((heading) => [heading.type, structText(heading)])).toEqual([
			["H1", "Tableau de garanties – Confort"],
			["H2", "Cotisation"],
			["H2", "Remboursements"],
		]);

		const [, facts, table] = document?.children ?? [];
		expect(
			facts?.children.map((row) => row.children.map((cell) => [cell.type, structText(cell)])),
		).toContainEqual([
			["TH", "Offre"],
			["TD", "Confort, contrat responsable et solidaire"],
		]);

		// Caption, column headers, a row header per care category spanning the three columns, and
		// each line headed by its care, as on the page.
		expect(structText(table?.children[0] as PdfStructNode)).toBe(
			"Tableau de garanties Confort, en vigueur depuis le 01/01/2011",
		);
		const rows = table?.children.filter((child) => child.type === "TR") ?? [];
		expect(rows[0]?.children.map((cell) => [cell.type, cell.attributes.Scope, structText(cell)])).toEqual([
			["TH", "/Column", "Soins"],
			["TH", "/Column", "Remboursement"],
			["TH", "/Column", "Limite"],
		]);
		expect(rows[1]?.children.map((cell) => [cell.type, cell.attributes, structText(cell)])).toEqual([
			["TH", { Scope: "/Row", ColSpan: "3" }, "Consultations et visites de médecins"],
		]);
		expect(rows[2]?.children.map((cell) => [cell.type, cell.attributes.Scope, structText(cell)])).toEqual([
			["TH", "/Row", "Consultations et visites"],
			["TD", undefined, "150 % de la BR (RO inclus)"],
			["TD", undefined, "Par acte"],
		]);
		const lines = guarantees.categories.reduce((sum, category) => sum + category.lines.length, 0);
		expect(rows).toHaveLength(1 + guarantees.categories.length + lines);
		expect(structNodes(roots).filter((node) => structText(node) === "Soins")).toHaveLength(1);

		const tree = structNodes(roots).flatMap((node) => node.lines);
		expect(tree.filter((line) => line === "Tableau de garanties – Confort")).toHaveLength(1);
		for (const line of tree) {
			expect(line).not.toMatch(/Page \d+ sur|édité le|Mutuelle soumise|Harmonie Mutuelle/);
		}
		const text = await pdfText(bytes);
		for (const furniture of ["Mutuelle soumise aux dispositions", "Page 1 sur", "édité le 26/11/2026"]) {
			expect(text).toContain(furniture);
		}
	});
});
