// The kinds of ADR 0041 on the seeded demo, each read from a CSV or JSON Lines body as the import
// API reads it: companies, affiliations, contribution statements, guarantee tables and invoice
// lines. Valid lines written, each broken line's French reason, a second run that changes
// nothing, a stop mid-file that leaves the database consistent, and the API taking the new kinds.
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../demo/accounts.ts";
import type { App } from "../../edge/app.tsx";
import { luhnCheckDigit, nirKey, siretCheckDigit } from "../../schema/identifiers.ts";
import {
	affiliations,
	companies,
	guaranteeLines,
	guaranteeTables,
	offers,
	persons,
	tpInvoiceLines,
} from "../../schema/tables/index.ts";
import { createSeededTestApp } from "../../tests/support/route-testing.ts";
import { tableCategories } from "../adherent/guarantees.ts";
import { affiliationsImport } from "./affiliations.ts";
import { companiesImport } from "./companies.ts";
import { contributionStatementsImport } from "./contribution-statements.ts";
import { guaranteesImport } from "./guarantees.ts";
import { invoiceLinesImport } from "./invoice-lines.ts";
import { IMPORT_KIND_NAMES } from "./kinds.ts";
import { type ImportKind, runImport } from "./run.ts";
import { createStaffToken } from "./staff-tokens.ts";
import { readWebSource } from "./web-source.ts";

const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.05, now }));
}, 120_000);
afterAll(() => handle?.client.close());

/** A CSV body from a header and rows (« ; » separated), read as the API reads it. */
function csv(rows: readonly Record<string, string>[]) {
	const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	const text = [columns.join(";"), ...rows.map((row) => columns.map((c) => row[c] ?? "").join(";"))].join(
		"\n",
	);
	return readWebSource(new Response(`${text}\n`).body as ReadableStream<Uint8Array>, "csv");
}

function jsonl(rows: readonly (Record<string, unknown> | string)[]) {
	const text = rows.map((row) => (typeof row === "string" ? row : JSON.stringify(row))).join("\n");
	return readWebSource(new Response(`${text}\n`).body as ReadableStream<Uint8Array>, "jsonl");
}

function reasons(report: { rejections: readonly { line: number; reason: string }[] }) {
	// By line: the lines a batch refuses against the database come after the ones its parse refused.
	return report.rejections
		.map(({ line, reason }) => [line, reason])
		.sort((a, b) => Number(a[0]) - Number(b[0]));
}

/** A SIRET whose SIREN (`body8` + its key) and whole number both pass Luhn. */
function siret(body8: string, nic4 = "0001"): string {
	const first13 = `${body8}${luhnCheckDigit(body8)}${nic4}`;
	return `${first13}${siretCheckDigit(first13)}`;
}

/** A NIR with its key, for a person born in `yymm`. */
function nir(sex: "1" | "2", yymm: string, serial: string): string {
	const first13 = `${sex}${yymm}75056${serial.padStart(3, "0")}`;
	return `${first13}${nirKey(first13)}`;
}

describe("importing companies (entreprises)", () => {
	const good = siret("51234567");
	const company = (overrides: Record<string, string> = {}) => ({
		siret: good,
		raison_sociale: "Boulangerie Martin",
		code_naf: "1071C",
		adresse_1: "3 rue des Lilas",
		code_postal: "69003",
		ville: "Lyon",
		email: "Compta@Martin.fr",
		...overrides,
	});

	it("creates a company by its SIRET, refuses each broken line with its reason, and updates it on a second run", async () => {
		const badKey = `${good.slice(0, 13)}${(Number(good.at(-1)) + 1) % 10}`;
		const rows = [
			company(),
			company({ siret: badKey }),
			company({ siret: "1234" }),
			company({ siret: siret("51234568"), siren: "999999999" }),
			company({ siret: siret("51234569"), email: "pas-une-adresse" }),
			company({ siret: siret("51234560"), code_postal: "6900" }),
			company({ siret: siret("51234561"), raison_sociale: "" }),
		];
		const report = await runImport(handle.db, companiesImport, csv(rows), { now, batchSize: 3 });
		expect(report).toMatchObject({ lines: 7, written: 1, rejected: 6, stopped: null });
		expect(reasons(report)).toEqual([
			[3, `siret : « ${badKey} » : la clé de contrôle (Luhn) n'est pas bonne.`],
			[4, "siret : « 1234 » : 14 chiffres attendus."],
			[5, "siren : ce ne sont pas les 9 premiers chiffres du SIRET."],
			[6, "email : l'adresse n'est pas valide."],
			[7, "code_postal : 5 chiffres."],
			[8, "raison_sociale : valeur manquante."],
		]);
		const [row] = await handle.db.select().from(companies).where(eq(companies.siret, good));
		expect(row).toMatchObject({
			siren: good.slice(0, 9),
			name: "Boulangerie Martin",
			nafCode: "10.71C",
			email: "compta@martin.fr",
		});
		const again = await runImport(
			handle.db,
			companiesImport,
			jsonl([company({ raison_sociale: "Boulangerie Martin et fils" })]),
			{ now },
		);
		expect(again).toMatchObject({ written: 1, rejected: 0 });
		const all = await handle.db.select().from(companies).where(eq(companies.siret, good));
		expect(all).toHaveLength(1);
		expect(all[0]).toMatchObject({ id: row?.id, name: "Boulangerie Martin et fils" });
	});
});

describe("importing affiliations", () => {
	let contract: { siret: string; number: string; startDate: string; category: string };
	const employee = nir("1", "9004", "101");
	const affiliation = (overrides: Record<string, string> = {}) => ({
		siret: contract.siret,
		numero_contrat: contract.number,
		categorie: contract.category,
		option: "famille",
		nir: employee,
		nom: "Durand",
		prenom: "Paul",
		date_naissance: "1990-04-12",
		date_debut: "2026-09-01",
		...overrides,
	});

	beforeAll(async () => {
		const [row] = (
			await handle.client.execute(`SELECT co.siret, g.number, g.start_date AS start, c.category
				FROM group_contracts g JOIN companies co ON co.id = g.company_id
				JOIN group_contract_categories c ON c.group_contract_id = g.id
				WHERE g.end_date IS NULL AND g.start_date <= '2026-09-01' ORDER BY g.id LIMIT 1`)
		).rows;
		contract = {
			siret: String(row?.siret),
			number: String(row?.number),
			startDate: String(row?.start),
			category: String(row?.category),
		};
	});

	async function ofEmployee() {
		return handle.db
			.select({
				id: affiliations.id,
				option: affiliations.option,
				endDate: affiliations.endDate,
				endReason: affiliations.endReason,
				lastName: persons.lastName,
			})
			.from(affiliations)
			.innerJoin(persons, eq(persons.id, affiliations.personId))
			.where(eq(persons.nir, employee));
	}

	it("affiliates an employee by SIRET, NIR and first day, and says in French which rule each broken line breaks", async () => {
		const rows = [
			affiliation(),
			affiliation({ nir: `${employee.slice(0, 13)}00` }),
			affiliation({ nir: nir("2", "9004", "102"), date_fin: "2026-08-31", motif_fin: "demission" }),
			affiliation({ nir: nir("2", "9004", "103"), date_fin: "2026-12-31" }),
			affiliation({ nir: nir("2", "9004", "104"), motif_dispense: "cdd" }),
			affiliation({ nir: nir("2", "9004", "105"), fin_portabilite: "2027-01-31" }),
			affiliation({ nir: nir("2", "9104", "106") }),
			affiliation({ nir: nir("2", "9004", "107"), siret: siret("51234567", "0002") }),
			affiliation({ nir: nir("2", "9004", "108"), categorie: "ouvriers" }),
			affiliation({ nir: nir("2", "9004", "109"), date_debut: "1990-01-01" }),
			affiliation({ date_debut: "2026-10-01" }),
			affiliation({ nir: nir("2", "9004", "110"), numero_adherent: "999999999999" }),
		];
		const report = await runImport(handle.db, affiliationsImport, csv(rows), { now, batchSize: 4 });
		expect(report).toMatchObject({ lines: 12, written: 1, rejected: 11, stopped: null });
		expect(reasons(report)).toEqual([
			[3, "nir : le numéro de sécurité sociale n'est pas valide (15 caractères, clé comprise)."],
			[4, "date_fin : une affiliation ne peut pas finir avant son premier jour (date_debut)."],
			[5, "motif_fin : obligatoire avec une date_fin, et avec elle seulement."],
			[
				6,
				"option ou motif_dispense : l'un des deux exactement (une affiliation a une option, une dispense un motif).",
			],
			[7, "fin_portabilite : seulement après une date_fin, et au-delà d'elle."],
			[8, "nir : l'année et le mois de naissance du numéro ne sont pas ceux de date_naissance."],
			[9, `Entreprise de SIRET ${siret("51234567", "0002")} inconnue : importez-la d'abord (entreprises).`],
			[10, "categorie : l'un de ensemble, cadres, non_cadres, non-cadres."],
			[11, `date_debut : le 1990-01-01 précède le début du contrat collectif (${contract.startDate}).`],
			[
				12,
				"Le salarié est déjà affilié à cette entreprise depuis le 2026-09-01 : les deux périodes se chevauchent.",
			],
			[13, "Adhérent 999999999999 inconnu."],
		]);
		expect(await ofEmployee()).toMatchObject([{ option: "famille", endDate: null, lastName: "Durand" }]);
	});

	it("ends the same affiliation from a later file, and a second run changes nothing", async () => {
		const [before] = await ofEmployee();
		const ending = [affiliation({ nom: "Durand-Petit", date_fin: "2026-11-30", motif_fin: "demission" })];
		for (let run = 0; run < 2; run++) {
			const report = await runImport(handle.db, affiliationsImport, jsonl(ending), { now });
			expect(report).toMatchObject({ written: 1, rejected: 0 });
		}
		expect(await ofEmployee()).toEqual([
			{
				id: before?.id,
				option: "famille",
				endDate: "2026-11-30",
				endReason: "resignation",
				lastName: "Durand-Petit",
			},
		]);
		// Now that it ended, a new affiliation from December does not overlap it.
		const next = await runImport(
			handle.db,
			affiliationsImport,
			jsonl([affiliation({ date_debut: "2026-12-01" })]),
			{
				now,
			},
		);
		expect(next).toMatchObject({ written: 1, rejected: 0 });
		expect(await ofEmployee()).toHaveLength(2);
		const [people] = await handle.db.select({ n: count() }).from(persons).where(eq(persons.nir, employee));
		expect(people?.n).toBe(1);
	});
});

describe("the import API", () => {
	it("lists and takes the new kinds", async () => {
		expect(IMPORT_KIND_NAMES).toEqual(
			expect.arrayContaining(["entreprises", "affiliations", "bordereaux", "garanties", "lignes-factures"]),
		);
		const created = await createStaffToken(
			handle.db,
			{
				identifier: DEMO_ACCOUNTS.gestionnaire1.identifier,
				now,
				via: "test",
				randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
			},
			"Système de gestion",
		);
		if (!created.ok) throw new Error(created.reason);
		const response = await app.request("/api/v1/gestion/imports/entreprises", {
			method: "POST",
			headers: { "Content-Type": "text/csv", Authorization: `Bearer ${created.token}` },
			body: `siret;raison_sociale;adresse_1;code_postal;ville\n${siret("61234567")};Garage Roux;1 place Bellecour;69002;Lyon\n12345678901234;X;1 rue;69002;Lyon\n`,
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			kind: "entreprises",
			written: 1,
			rejected: 1,
			rejections: [
				{ line: 3, reason: "siret : « 12345678901234 » : la clé de contrôle (Luhn) n'est pas bonne." },
			],
		});
		const openapi = await (await app.request("/api/v1/openapi.json")).text();
		expect(openapi).toContain("entreprises, affiliations, garanties, bordereaux, lignes-factures");
	});
});

describe("importing contribution statements (bordereaux)", () => {
	let contract: { number: string; periodicity: string; category: string; basis: string };
	let period = "";
	const statementLine = (option: string, overrides: Record<string, string> = {}) => ({
		numero_contrat: contract.number,
		periode: period,
		statut: "emis",
		date_emission: "2027-01-01",
		date_echeance: "2027-01-15",
		pmss: "4 005,00",
		categorie: contract.category,
		option,
		effectif: "2",
		assiette: "8 010,00",
		...(contract.basis === "pmss_percent" ? { taux: "1,5" } : { montant_unitaire: "60,08" }),
		montant: "120,16",
		part_employeur: "60,08",
		part_salarie: "60,08",
		...overrides,
	});

	beforeAll(async () => {
		const [row] = (
			await handle.client.execute(`SELECT g.number, g.contribution_periodicity AS periodicity, c.category, c.basis
				FROM group_contracts g JOIN group_contract_categories c ON c.group_contract_id = g.id
				WHERE g.end_date IS NULL AND g.contribution_periodicity IN ('monthly', 'quarterly') ORDER BY g.id LIMIT 1`)
		).rows;
		contract = {
			number: String(row?.number),
			periodicity: String(row?.periodicity),
			category: String(row?.category),
			basis: String(row?.basis),
		};
		period = contract.periodicity === "monthly" ? "2026-12" : "2026-T4";
	});

	async function statement() {
		const [head] = (
			await handle.client.execute({
				sql: `SELECT s.id, s.period, s.status, s.headcount, s.total_cents AS total, s.employer_cents AS employer,
						(SELECT count(*) FROM contribution_lines l WHERE l.statement_id = s.id) AS lines
					FROM contribution_statements s JOIN group_contracts g ON g.id = s.group_contract_id
					WHERE g.number = ? AND s.period = ?`,
				args: [contract.number, contract.periodicity === "monthly" ? period : "2026-Q4"],
			})
		).rows;
		return head ? { ...head } : undefined;
	}

	it("writes a statement's lines and sums them into the statement, refusing each broken line with its reason", async () => {
		const wrongPeriod = contract.periodicity === "monthly" ? "2026-T4" : "2026-12";
		const otherBasis = contract.basis === "pmss_percent" ? { taux: "" } : { taux: "1,5" };
		const rows = [
			statementLine("isole"),
			statementLine("famille", {
				effectif: "3",
				assiette: "12 015,00",
				montant: "180,24",
				part_employeur: "90,12",
				part_salarie: "90,12",
			}),
			statementLine("duo", { part_salarie: "60,00" }),
			statementLine("duo", { numero_contrat: "INCONNU-1" }),
			statementLine("duo", { periode: wrongPeriod }),
			statementLine("duo", { periode: "2026-13" }),
			statementLine("duo", { statut: "annule" }),
			statementLine("duo", otherBasis),
			statementLine("duo", { statut: "paye" }),
			statementLine("duo", { categorie: "ouvriers" }),
			statementLine("duo", { effectif: "0" }),
		];
		const report = await runImport(handle.db, contributionStatementsImport, csv(rows), { now, batchSize: 4 });
		expect(report).toMatchObject({ lines: 11, written: 2, rejected: 9, stopped: null });
		const called =
			contract.periodicity === "monthly" ? "chaque mois (AAAA-MM)" : "chaque trimestre (AAAA-T1 à T4)";
		expect(reasons(report)).toEqual([
			[4, "part_employeur + part_salarie : leur somme n'est pas le montant de la ligne."],
			[5, "Contrat collectif INCONNU-1 inconnu."],
			[6, `periode : le contrat ${contract.number} est appelé ${called}.`],
			[
				7,
				"periode : « 2026-13 » n'est ni un mois (AAAA-MM), ni un trimestre (AAAA-T1), ni un semestre (AAAA-S1), ni une année (AAAA).",
			],
			[8, "statut : l'un de brouillon, emis, paye, en_retard."],
			[
				9,
				contract.basis === "pmss_percent"
					? "taux : obligatoire pour une catégorie cotisant en pourcentage du PMSS."
					: "montant_unitaire : obligatoire (et taux vide) pour une catégorie cotisant en montant forfaitaire.",
			],
			[10, "date_paiement : obligatoire pour un bordereau payé."],
			[11, "categorie : l'un de ensemble, cadres, non_cadres, non-cadres."],
			[12, "effectif : un nombre entier de 1 à 1000000."],
		]);
		expect(await statement()).toMatchObject({
			status: "issued",
			headcount: 5,
			total: 30_040,
			employer: 15_020,
			lines: 2,
		});
	});

	it("stops mid-statement with the statement consistent, and the re-run completes it without doubling anything", async () => {
		const paid = { statut: "paye", date_paiement: "2027-01-10" };
		const rows = [
			statementLine("isole", paid),
			statementLine("duo", {
				...paid,
				effectif: "1",
				assiette: "4 005,00",
				montant: "60,08",
				part_employeur: "30,04",
				part_salarie: "30,04",
			}),
			statementLine("famille", {
				...paid,
				effectif: "4",
				assiette: "16 020,00",
				montant: "240,32",
				part_employeur: "120,16",
				part_salarie: "120,16",
			}),
		];
		let batches = 0;
		const failing: ImportKind<unknown> = {
			...(contributionStatementsImport as ImportKind<unknown>),
			async writeBatch(tx, batch, at) {
				batches++;
				const outcome = await contributionStatementsImport.writeBatch(tx, batch as never, at);
				if (batches === 2) throw new Error("disque plein");
				return outcome;
			},
		};
		const stopped = await runImport(handle.db, failing, jsonl(rows), { now, batchSize: 1 });
		expect(stopped.stopped).toEqual({ afterLine: 1, error: "disque plein" });
		// The first line is in (the statement now paid); the duo line is not; famille is still the old one.
		expect(await statement()).toMatchObject({ status: "paid", headcount: 5, total: 30_040, lines: 2 });
		for (let run = 0; run < 2; run++) {
			const finished = await runImport(handle.db, contributionStatementsImport, jsonl(rows), {
				now,
				batchSize: 2,
			});
			expect(finished).toMatchObject({ written: 3, rejected: 0, stopped: null });
			expect(await statement()).toMatchObject({
				status: "paid",
				headcount: 7,
				total: 42_056,
				employer: 21_028,
				lines: 3,
			});
		}
	});
});

describe("importing guarantee tables (garanties)", () => {
	let offer = "";
	let act = { code: "", category: "" };
	let otherCategory = "";
	const guarantee = (ordre: string, overrides: Record<string, string> = {}) => ({
		code_offre: offer,
		date_effet: "2027-01-01",
		libelle_tableau: "Garanties 2027",
		code_categorie: act.category,
		ordre,
		code_acte: act.code,
		libelle: "Consultation",
		type: "pourcentage_br",
		valeur: "150",
		...overrides,
	});

	beforeAll(async () => {
		const [row] = (
			await handle.client.execute(`SELECT (SELECT code FROM offers ORDER BY id LIMIT 1) AS offer, a.code, a.category_code AS category,
				(SELECT code FROM care_categories WHERE code <> a.category_code ORDER BY sort_order LIMIT 1) AS other
				FROM acts a ORDER BY a.code LIMIT 1`)
		).rows;
		offer = String(row?.offer);
		act = { code: String(row?.code), category: String(row?.category) };
		otherCategory = String(row?.other);
	});

	async function table() {
		const [row] = await handle.db
			.select()
			.from(guaranteeTables)
			.innerJoin(offers, eq(offers.id, guaranteeTables.offerId))
			.where(and(eq(offers.code, offer), eq(guaranteeTables.effectiveFrom, "2027-01-01")));
		return row?.guarantee_tables;
	}

	it("writes a dated table's lines, read back as the espace adhérent reads them, and refuses each broken line", async () => {
		const rows = [
			guarantee("1"),
			guarantee("2", {
				code_acte: "",
				libelle: "Dépassements",
				type: "forfait",
				valeur: "25,50",
				plafond: "100",
				periode: "par_an",
			}),
			guarantee("3", { code_acte: "", libelle: "Panier", type: "panier_100_sante", valeur: "" }),
			guarantee("4", { code_offre: "NOPE" }),
			guarantee("4", { code_categorie: "nulle-part" }),
			guarantee("4", { code_categorie: otherCategory }),
			guarantee("4", { valeur: "beaucoup" }),
			guarantee("4", { valeur: "1200" }),
			guarantee("4", { type: "panier_100_sante", valeur: "12" }),
			guarantee("4", { type: "gratuit" }),
			guarantee("4", { date_fin: "2026-12-31" }),
			guarantee("4", { ordre: "-1" }),
		];
		const report = await runImport(handle.db, guaranteesImport, csv(rows), { now, batchSize: 5 });
		expect(report).toMatchObject({ lines: 12, written: 3, rejected: 9, stopped: null });
		expect(reasons(report)).toEqual([
			[5, "Offre NOPE inconnue."],
			[6, "Catégorie de soins nulle-part inconnue."],
			[7, `code_acte : l'acte ${act.code} est de la catégorie ${act.category}, pas ${otherCategory}.`],
			[8, "valeur : un pourcentage de la base de remboursement, de 0 à 1000."],
			[9, "valeur : un pourcentage de la base de remboursement, de 0 à 1000."],
			[10, "valeur : vide pour un panier 100 % Santé ou des frais réels."],
			[11, "type : l'un de pourcentage_br, forfait, panier_100_sante, plafond, frais_reels."],
			[12, "date_fin : le dernier jour du tableau précède sa date_effet."],
			[13, "ordre : un nombre entier de 0 à 999."],
		]);
		const held = await table();
		expect(held).toMatchObject({ label: "Garanties 2027", effectiveTo: null });
		const [category] = await tableCategories(handle.db, held?.id ?? 0);
		expect(category?.lines).toMatchObject([
			{ label: "Consultation", kind: "percent_br", value: 15_000, actCode: act.code, period: "per_act" },
			{ label: "Dépassements", kind: "flat", value: 2550, ceilingCents: 10_000, period: "per_year" },
			{ label: "Panier", kind: "basket_100_sante", value: 0 },
		]);
	});

	it("corrects a line and ends the table from a later file, and a second run adds no line", async () => {
		const held = await table();
		const rows = [guarantee("1", { valeur: "200", date_fin: "2027-12-31" })];
		for (let run = 0; run < 2; run++)
			expect(await runImport(handle.db, guaranteesImport, jsonl(rows), { now })).toMatchObject({
				written: 1,
			});
		expect(await table()).toMatchObject({ id: held?.id, effectiveTo: "2028-01-01" });
		const lines = await handle.db
			.select({ order: guaranteeLines.sortOrder, value: guaranteeLines.value })
			.from(guaranteeLines)
			.where(eq(guaranteeLines.tableId, held?.id ?? 0))
			.orderBy(guaranteeLines.sortOrder);
		expect(lines).toEqual([
			{ order: 1, value: 20_000 },
			{ order: 2, value: 2550 },
			{ order: 3, value: 0 },
		]);
	});
});

describe("importing invoice lines (lignes-factures)", () => {
	let invoice = { convention: "", number: "", id: 0 };
	let act = "";
	const detail = (numero: string, overrides: Record<string, string> = {}) => ({
		numero_convention: invoice.convention,
		numero_facture: invoice.number,
		numero_ligne: numero,
		code_acte: act,
		date_soins: "2026-11-03",
		montant_depense: "50,00",
		base_remboursement: "30,00",
		part_ss: "21,00",
		part_demandee: "20,00",
		reste_a_charge: "9,00",
		...overrides,
	});

	beforeAll(async () => {
		const [row] = (
			await handle.client.execute(`SELECT p.convention_number AS convention, i.invoice_number AS number, i.id,
				(SELECT code FROM acts ORDER BY code LIMIT 1) AS act
				FROM tp_invoices i JOIN professionals p ON p.id = i.professional_id ORDER BY i.id LIMIT 1`)
		).rows;
		invoice = { convention: String(row?.convention), number: String(row?.number), id: Number(row?.id) };
		act = String(row?.act);
	});

	const imported = () =>
		handle.db
			.select({
				line: tpInvoiceLines.lineNumber,
				claimed: tpInvoiceLines.claimedCents,
				accepted: tpInvoiceLines.acceptedCents,
			})
			.from(tpInvoiceLines)
			.where(and(eq(tpInvoiceLines.invoiceId, invoice.id), sql`${tpInvoiceLines.lineNumber} > 900`))
			.orderBy(tpInvoiceLines.lineNumber);

	it("adds an invoice's lines by their number, refuses each broken line, and corrects rather than doubles on a second run", async () => {
		const rows = [
			detail("901"),
			detail("902", { quantite: "2", part_acceptee: "15,00" }),
			detail("903", { numero_facture: "INCONNUE-1" }),
			detail("903", { code_acte: "ZZZ9" }),
			detail("903", { reste_a_charge: "10,00" }),
			detail("903", { part_demandee: "40,00", reste_a_charge: "" }),
			detail("903", { part_acceptee: "25,00" }),
			detail("0"),
			detail("903", { quantite: "x" }),
		];
		const report = await runImport(handle.db, invoiceLinesImport, csv(rows), { now, batchSize: 4 });
		expect(report).toMatchObject({ lines: 9, written: 2, rejected: 7, stopped: null });
		expect(reasons(report)).toEqual([
			[
				4,
				`Facture INCONNUE-1 de la convention ${invoice.convention} inconnue : importez-la d'abord (factures).`,
			],
			[5, "Acte ZZZ9 inconnu."],
			[
				6,
				"reste_a_charge : la part Sécurité sociale, la part demandée et le reste à charge ne font pas le montant dépensé.",
			],
			[7, "part_ss + part_demandee : plus que le montant dépensé."],
			[8, "part_acceptee : plus que la part demandée."],
			[9, "numero_ligne : un nombre entier de 1 à 999."],
			[10, "quantite : un nombre entier de 1 à 999."],
		]);
		expect(await imported()).toEqual([
			{ line: 901, claimed: 2000, accepted: null },
			{ line: 902, claimed: 2000, accepted: 1500 },
		]);
		const again = await runImport(
			handle.db,
			invoiceLinesImport,
			jsonl([
				detail("901", { part_acceptee: "20,00" }),
				detail("902", { quantite: "2", part_acceptee: "15,00" }),
			]),
			{ now },
		);
		expect(again).toMatchObject({ written: 2, rejected: 0 });
		expect(await imported()).toEqual([
			{ line: 901, claimed: 2000, accepted: 2000 },
			{ line: 902, claimed: 2000, accepted: 1500 },
		]);
	});
});
