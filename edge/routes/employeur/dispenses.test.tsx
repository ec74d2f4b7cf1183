// Recording a dispense d'adhésion on a seeded database, signed in through the real forms as the
// demo employers: the form, its multipart POST with the signed request (typed from its bytes,
// kept in the document storage), each wrong field refused with nothing written, another
// company's employee answering 404, and the request downloaded from the list (audited).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { demoAccount } from "../../../tests/support/demo.ts";
import { signInDemoEmployer } from "../../../tests/support/employer-testing.ts";
import { createSeededTestApp, TEST_ORIGIN, withCookie } from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let employer: string;
let otherEmployer: string;
let companyId: number;
let otherCompanyId: number;

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");

async function rows(sql: string, args: Record<string, string | number> = {}) {
	return (await handle.client.execute({ sql, args })).rows;
}

/** The company's covered employees, the oldest rows first. */
async function coveredAffiliation(company: number, offset = 0) {
	const [row] = await rows(
		`SELECT id, start_date FROM affiliations WHERE company_id = :c AND end_date IS NULL AND dispense_reason IS NULL
		ORDER BY id LIMIT 1 OFFSET :o`,
		{ c: company, o: offset },
	);
	return { id: Number(row?.id), startDate: String(row?.start_date) };
}

function dateParts(name: string, [day, month, year]: readonly [string, string, string]) {
	return { [`${name}-jour`]: day, [`${name}-mois`]: month, [`${name}-annee`]: year };
}

interface DispenseFields {
	motif?: string;
	demande?: [string, string, string];
	debut?: [string, string, string];
	fin?: [string, string, string];
	extra?: Record<string, string>;
	file?: { name: string; bytes: Uint8Array } | null;
}

function dispenseForm(fields: DispenseFields, cookie = employer): RequestInit {
	const form = new FormData();
	const values: Record<string, string> = {
		...dateParts("dateDemande", fields.demande ?? ["20", "11", "2026"]),
		...dateParts("dateDebut", fields.debut ?? ["1", "12", "2026"]),
		...dateParts("dateFin", fields.fin ?? ["", "", ""]),
		...fields.extra,
	};
	if (fields.motif !== undefined) values.motif = fields.motif;
	for (const [key, value] of Object.entries(values)) form.set(key, value);
	const file = fields.file === undefined ? { name: "demande signée.pdf", bytes: PDF } : fields.file;
	if (file)
		form.set("demande", new File([file.bytes.slice().buffer], file.name, { type: "application/pdf" }));
	return { method: "POST", headers: { Origin: TEST_ORIGIN, Cookie: cookie }, body: form };
}

async function snapshot(companyOf: number) {
	return JSON.stringify(
		await rows(
			`SELECT (SELECT count(*) FROM affiliations WHERE company_id = :c) AS affiliations,
				(SELECT count(*) FROM affiliations WHERE company_id = :c AND dispense_reason IS NOT NULL) AS dispensed,
				(SELECT count(*) FROM affiliations WHERE company_id = :c AND end_date IS NOT NULL) AS ended,
				(SELECT count(*) FROM uploaded_documents) AS documents`,
			{ c: companyOf },
		),
	);
}

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 1, now }));
	employer = await signInDemoEmployer(app, "employeur1", now);
	otherEmployer = await signInDemoEmployer(app, "employeur2", now);
	companyId = (await demoAccount(handle.db, "employeur1")).companyId ?? 0;
	otherCompanyId = (await demoAccount(handle.db, "employeur2")).companyId ?? 0;
}, 120_000);
afterAll(() => handle?.client.close());

describe("recording a dispense d'adhésion", () => {
	it("offers the form from a covered employee's page", async () => {
		const { id } = await coveredAffiliation(companyId);
		const detail = await (await app.request(`/employeur/salaries/${id}`, withCookie(employer))).text();
		expect(detail).toContain(`href="/employeur/salaries/${id}/dispense"`);
		const form = await app.request(`/employeur/salaries/${id}/dispense`, withCookie(employer));
		expect(form.status).toBe(200);
		const html = await form.text();
		for (const text of ['enctype="multipart/form-data"', "Cas de dispense", "Demande signée du salarié"])
			expect(html).toContain(text);
	});

	it("records a fixed-term contract's dispense from a later day, keeps the coverage before it, lists it and hands out the signed request", async () => {
		const covered = await coveredAffiliation(companyId, 1);
		const response = await app.request(
			`/employeur/salaries/${covered.id}/dispense`,
			dispenseForm({ motif: "fixed_term_contract", fin: ["15", "12", "2026"] }),
		);
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/employeur/dispenses?enregistree=1");
		const [before] = await rows("SELECT end_date, option FROM affiliations WHERE id = :id", {
			id: covered.id,
		});
		expect(before?.end_date).toBe("2026-11-30");
		expect(before?.option).not.toBeNull();
		const [dispense] = await rows(
			`SELECT a.id, a.option, a.dispense_reason, a.dispense_requested_on, a.start_date, a.end_date,
				d.content_type, d.owner_account_id
			FROM affiliations a JOIN dispense_documents dd ON dd.affiliation_id = a.id
			JOIN uploaded_documents d ON d.id = dd.document_id
			WHERE a.company_id = :c AND a.id > :id AND a.dispense_reason IS NOT NULL ORDER BY a.id DESC LIMIT 1`,
			{ c: companyId, id: covered.id },
		);
		expect(dispense).toMatchObject({
			option: null,
			dispense_reason: "fixed_term_contract",
			dispense_requested_on: "2026-11-20",
			start_date: "2026-12-01",
			end_date: "2026-12-15",
			content_type: "application/pdf",
		});
		const id = Number(dispense?.id);
		const [audit] = await rows(
			"SELECT account_id FROM audit_events WHERE action = 'employeur.dispense.recorded' AND object_id = :id",
			{ id: String(id) },
		);
		expect(Number(audit?.account_id)).toBe(Number(dispense?.owner_account_id));

		const list = await (await app.request("/employeur/dispenses?enregistree=1", withCookie(employer))).text();
		expect(list).toContain("La dispense est enregistrée avec la demande signée.");
		expect(list).toContain(`href="/employeur/salaries/${id}"`);
		expect(list).toContain("15/12/2026 (bientôt)");
		expect(list).toContain(`href="/employeur/dispenses/${id}/demande"`);

		const download = await app.request(`/employeur/dispenses/${id}/demande`, withCookie(employer));
		expect(download.status).toBe(200);
		expect(download.headers.get("Content-Type")).toBe("application/pdf");
		expect(download.headers.get("Content-Disposition")).toBe(
			`attachment; filename="demande-de-dispense-${id}.pdf"`,
		);
		expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
		const downloads = await rows(
			"SELECT count(*) AS n FROM audit_events WHERE action = 'employeur.dispense_request.downloaded' AND object_id = :id",
			{ id: String(id) },
		);
		expect(Number(downloads[0]?.n)).toBe(1);

		// Another company's employer gets the same 404 as for a missing dispense.
		expect((await app.request(`/employeur/dispenses/${id}/demande`, withCookie(otherEmployer))).status).toBe(
			404,
		);
		expect((await app.request("/employeur/dispenses/999999/demande", withCookie(employer))).status).toBe(404);
	});

	it("turns an affiliation into a dispense when it starts on its first day, and no longer offers the form", async () => {
		const covered = await coveredAffiliation(companyId, 2);
		const [y, m, d] = covered.startDate.split("-") as [string, string, string];
		const response = await app.request(
			`/employeur/salaries/${covered.id}/dispense`,
			dispenseForm({ motif: "c2s", demande: [d, m, y], debut: [d, m, y] }),
		);
		expect(response.status).toBe(303);
		const [row] = await rows(
			`SELECT option, dispense_reason, end_date, dd.document_id AS dispense_document_id
			FROM affiliations a LEFT JOIN dispense_documents dd ON dd.affiliation_id = a.id WHERE a.id = :id`,
			{ id: covered.id },
		);
		expect(row).toMatchObject({ option: null, dispense_reason: "c2s", end_date: null });
		expect(row?.dispense_document_id).not.toBeNull();
		expect(
			(await app.request(`/employeur/salaries/${covered.id}/dispense`, withCookie(employer))).status,
		).toBe(303);
		const again = await app.request(
			`/employeur/salaries/${covered.id}/dispense`,
			dispenseForm({ motif: "c2s", demande: [d, m, y], debut: [d, m, y] }),
		);
		expect(again.status).toBe(409);
	});

	it("answers each wrong field with a French message and changes nothing", async () => {
		const { id } = await coveredAffiliation(companyId);
		const before = await snapshot(companyId);
		const png = { name: "demande.png", bytes: new TextEncoder().encode("pas une image") };
		const cases: [DispenseFields, string, number?][] = [
			[{}, "Choisissez le cas de dispense."],
			[{ motif: "sans_motif" }, "Choisissez le cas de dispense."],
			[{ motif: "c2s", demande: ["31", "2", "2026"] }, "Indiquez la date de la demande écrite du salarié"],
			[{ motif: "c2s", debut: ["", "", ""] }, "Indiquez le premier jour de la dispense"],
			[{ motif: "c2s", fin: ["32", "1", "2027"] }, "La fin de la dispense n&#39;est pas une date valide."],
			[{ motif: "c2s", file: null }, "Joignez la demande signée du salarié."],
			[{ motif: "c2s", file: png }, "La demande signée doit être un document PDF, JPEG ou PNG."],
			[{ motif: "c2s", demande: ["1", "12", "2026"] }, "ne peut pas être datée d&#39;un jour à venir"],
			[{ motif: "c2s", debut: ["1", "1", "1990"], demande: ["1", "1", "1990"] }, "avant l&#39;affiliation"],
			[{ motif: "c2s", debut: ["1", "6", "2027"] }, "plus de trois mois à l&#39;avance"],
			[{ motif: "fixed_term_contract" }, "la fin du contrat à durée déterminée"],
			[{ motif: "individual_contract" }, "l&#39;échéance du contrat individuel"],
			[{ motif: "c2s", fin: ["30", "11", "2026"] }, "La fin de la dispense ne peut pas précéder son début."],
			[{ motif: "c2s", extra: { option: "confort" } }, "inattendu"],
		];
		for (const [fields, message] of cases) {
			const response = await app.request(`/employeur/salaries/${id}/dispense`, dispenseForm(fields));
			expect(response.status, message).toBe(400);
			expect(await response.text(), message).toContain(message);
		}
		const notMultipart = await app.request(`/employeur/salaries/${id}/dispense`, {
			method: "POST",
			headers: { Origin: TEST_ORIGIN, Cookie: employer, "Content-Type": "application/x-www-form-urlencoded" },
			body: "motif=c2s",
		});
		expect(notMultipart.status).toBe(400);
		expect(await notMultipart.text()).toContain("n&#39;a pas pu être lu");
		expect(await snapshot(companyId)).toBe(before);
	});

	it("answers 404 for another company's employee and leaves it as it was", async () => {
		const { id } = await coveredAffiliation(otherCompanyId);
		const before = await snapshot(otherCompanyId);
		expect((await app.request(`/employeur/salaries/${id}/dispense`, withCookie(employer))).status).toBe(404);
		const response = await app.request(`/employeur/salaries/${id}/dispense`, dispenseForm({ motif: "c2s" }));
		expect(response.status).toBe(404);
		expect(await snapshot(otherCompanyId)).toBe(before);
	});
});
