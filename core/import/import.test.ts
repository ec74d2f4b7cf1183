// The import path on the seeded demo: every line validated with a French reason, idempotent
// upserts by the core system's identifiers, a stop mid-file that leaves the earlier batches
// complete and a re-run that finishes, and the CLI on a CSV file with broken lines.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { nirKey } from "../../schema/identifiers.ts";
import {
	accounts,
	beneficiaries,
	individualContracts,
	jobs,
	memberPayments,
	members,
	outgoingMails,
	personRoleAssignments,
	persons,
	prestations,
	professionals,
	statements,
	tpInvoices,
} from "../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../tests/support/demo.ts";
import { runScript } from "../../tests/support/run-script.ts";
import { notifyPaymentsMade } from "../adherent/prestations.ts";
import { beneficiariesImport } from "./beneficiaries.ts";
import { bulkUpsert } from "./bulk.ts";
import { contractsImport } from "./contracts.ts";
import { invoicesImport } from "./invoices.ts";
import { membersImport } from "./members.ts";
import { paymentsImport } from "./payments.ts";
import { PRESTATION_COLUMNS, prestationsImport } from "./prestations.ts";
import { professionalsImport } from "./professionals.ts";
import { resiliationsImport } from "./resiliations.ts";
import { type ImportKind, runImport, type SourceLine, UNREADABLE_LINE } from "./run.ts";
import { authenticateStaffToken } from "./staff-tokens.ts";
import { statementsImport } from "./statements.ts";

const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let dir: string;
let memberNumber = "";
let actCode = "";

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-import-"));
	handle = await createSeededTestDatabase({
		url: `file:${join(dir, "espace.db")}`,
		scale: 0.05,
		seed: 3,
		pepper: "test-pepper-long-enough-for-the-config-check",
		now,
	});
	const [row] = await handle.client
		.execute(
			"SELECT m.member_number AS number, (SELECT code FROM acts ORDER BY code LIMIT 1) AS act FROM members m JOIN beneficiaries b ON b.member_id = m.id AND b.rank = 1 ORDER BY m.id LIMIT 1",
		)
		.then((result) => result.rows);
	memberNumber = String(row?.number);
	actCode = String(row?.act);
}, 120_000);
afterAll(async () => {
	handle?.client.close();
	await rm(dir, { recursive: true, force: true });
});

function prestation(reference: string, overrides: Record<string, string> = {}): Record<string, string> {
	return {
		reference,
		numero_adherent: memberNumber,
		rang_beneficiaire: "1",
		date_soins: "2026-11-03",
		code_acte: actCode,
		montant_depense: "30,00",
		base_remboursement: "30,00",
		taux_ss: "70",
		part_ss: "19,00",
		participation_forfaitaire: "2,00",
		part_mutuelle: "9,00",
		reste_a_charge: "2,00",
		paye_a: "adherent",
		date_paiement: "2026-11-10",
		...overrides,
	};
}

function lines(records: readonly Record<string, unknown>[]): SourceLine[] {
	return records.map((record, index) => ({ line: index + 2, record }));
}

async function imported(reference: string) {
	const [row] = await handle.db.select().from(prestations).where(eq(prestations.sourceRef, reference));
	return row;
}

describe("importing prestations", () => {
	it("writes the good lines, refuses each broken one with its French reason, and changes nothing on a second run", async () => {
		const records = [
			prestation("IMP-1"),
			prestation("IMP-2", { montant_depense: "douze" }),
			prestation("IMP-3", { numero_adherent: "99999999" }),
			prestation("IMP-4", { code_acte: "ZZZ9" }),
			prestation("IMP-5", { part_mutuelle: "8,00" }),
			prestation("IMP-6", { date_soins: "2026-02-30" }),
			{ ...prestation("IMP-7"), inconnue: "x" },
			prestation("IMP-8", { rang_beneficiaire: "42" }),
			UNREADABLE_LINE,
			prestation("IMP-9", {
				montant_depense: "1 234,5",
				base_remboursement: "1234.50",
				part_ss: "0",
				participation_forfaitaire: "0",
				part_mutuelle: "1234,5",
				reste_a_charge: "0",
			}),
		];
		records.push(prestation(""));
		const report = await runImport(handle.db, prestationsImport, lines(records), { now, batchSize: 4 });
		expect(report.stopped).toBeNull();
		expect(report).toMatchObject({ lines: 11, written: 2, unchanged: 0, rejected: 9 });
		expect(report.rejections.map((rejection) => [rejection.line, rejection.reason])).toEqual(
			expect.arrayContaining([
				[3, "montant_depense : « douze » n'est pas un montant en euros."],
				[4, "Adhérent 99999999 inconnu."],
				[5, "Acte ZZZ9 inconnu."],
				[
					6,
					"La part Sécurité sociale, la part mutuelle et le reste à charge ne font pas le montant dépensé.",
				],
				[7, "date_soins : « 2026-02-30 » n'est pas une date (AAAA-MM-JJ)."],
				[8, "Colonne(s) inconnue(s) : inconnue."],
				[9, `Aucun bénéficiaire de rang 42 pour l'adhérent ${memberNumber}.`],
				[10, "Ligne illisible : ce n'est pas un objet JSON."],
				[12, "reference : valeur manquante."],
			]),
		);
		expect(await imported("IMP-1")).toMatchObject({
			chargedCents: 3000,
			ssPaidCents: 1900,
			participationForfaitaireCents: 200,
			mutuelleCents: 900,
			ssRateBp: 7000,
			paidTo: "member",
			paymentDate: "2026-11-10",
		});
		expect((await imported("IMP-9"))?.chargedCents).toBe(123_450);
		const [before] = await handle.db.select({ n: count() }).from(prestations);
		const again = await runImport(handle.db, prestationsImport, lines(records), { now, batchSize: 4 });
		expect(again).toMatchObject({ written: 2, rejected: 9 });
		const [after] = await handle.db.select({ n: count() }).from(prestations);
		expect(after?.n).toBe(before?.n);
	});

	it("updates a line the core system corrected, but never one already on a published statement", async () => {
		await runImport(
			handle.db,
			prestationsImport,
			lines([prestation("IMP-1", { part_mutuelle: "8,00", reste_a_charge: "3,00" })]),
			{ now },
		);
		expect((await imported("IMP-1"))?.mutuelleCents).toBe(800);
		const [published] = await handle.db
			.select({ id: prestations.id, ref: prestations.sourceRef, mutuelle: prestations.mutuelleCents })
			.from(prestations)
			.where(isNotNull(prestations.statementId))
			.limit(1);
		if (!published) throw new Error("no published line in the seed");
		await handle.db
			.update(prestations)
			.set({ sourceRef: "PUBLIE-1" })
			.where(eq(prestations.id, published.id));
		const [line] = await handle.db.select().from(prestations).where(eq(prestations.id, published.id));
		const report = await runImport(
			handle.db,
			prestationsImport,
			lines([
				{
					...prestation("PUBLIE-1"),
					numero_adherent: memberNumber,
					montant_depense: "1,00",
					base_remboursement: "1,00",
					part_ss: "0",
					participation_forfaitaire: "0",
					part_mutuelle: "1,00",
					reste_a_charge: "0",
				},
			]),
			{ now },
		);
		expect(report).toMatchObject({ written: 0, unchanged: 1 });
		const [kept] = await handle.db.select().from(prestations).where(eq(prestations.id, published.id));
		expect(kept).toEqual(line);
	});

	it("stops mid-file with every earlier batch complete, and a second run finishes the job", async () => {
		const records = Array.from({ length: 10 }, (_, i) => prestation(`STOP-${i}`));
		let batches = 0;
		const failing: ImportKind<unknown> = {
			...(prestationsImport as ImportKind<unknown>),
			async writeBatch(tx, batch, at) {
				batches++;
				if (batches === 2) {
					await prestationsImport.writeBatch(tx, batch as never, at);
					throw new Error("disque plein");
				}
				return prestationsImport.writeBatch(tx, batch as never, at);
			},
		};
		const stopped = await runImport(handle.db, failing, lines(records), { now, batchSize: 4 });
		expect(stopped.stopped).toEqual({ afterLine: 5, error: "disque plein" });
		const written = await handle.db
			.select({ n: count() })
			.from(prestations)
			.where(sql`${prestations.sourceRef} LIKE 'STOP-%'`);
		expect(written[0]?.n).toBe(4);
		const finished = await runImport(handle.db, prestationsImport, lines(records), { now, batchSize: 4 });
		expect(finished).toMatchObject({ written: 10, rejected: 0, stopped: null });
		const all = await handle.db
			.select({ n: count() })
			.from(prestations)
			.where(sql`${prestations.sourceRef} LIKE 'STOP-%'`);
		expect(all[0]?.n).toBe(10);
	});
});

describe("bulkUpsert (the statement compiled once per chunk size)", () => {
	it("writes 423 rows in chunks of 400, 20 and 1, counts updates, and leaves rows its condition excludes", async () => {
		const [target] = await handle.db
			.select({ memberId: beneficiaries.memberId, beneficiaryId: beneficiaries.id })
			.from(beneficiaries)
			.limit(1);
		const [act] = (await handle.client.execute("SELECT code, category_code AS category FROM acts LIMIT 1"))
			.rows;
		// Two columns with a constant default are left out: every row takes it.
		const upsert = bulkUpsert(prestations, {
			columns: PRESTATION_COLUMNS.filter(
				(column) => column !== "participationForfaitaireCents" && column !== "franchiseCents",
			),
			target: prestations.sourceRef,
			targetWhere: sql`source_ref IS NOT NULL`,
			setWhere: sql`${prestations.statementId} IS NULL`,
		});
		const rows = (charged: number) =>
			Array.from({ length: 423 }, (_, i) => ({
				memberId: target?.memberId ?? 0,
				beneficiaryId: target?.beneficiaryId ?? 0,
				careDate: "2026-11-02",
				actCode: String(act?.code),
				categoryCode: String(act?.category),
				quantity: 1,
				chargedCents: charged + i,
				baseCents: charged + i,
				ssRateBp: 7000,
				ssPaidCents: charged + i,
				mutuelleCents: 0,
				remainingCents: 0,
				paidTo: "member" as const,
				paymentDate: i === 0 ? null : "2026-11-09",
				sourceRef: `BULK-${i}`,
			}));
		const sum = async () =>
			(
				await handle.client.execute(
					"SELECT count(*) AS n, sum(charged_cents) AS total, sum(franchise_cents) AS franchises, count(payment_date) AS paid FROM prestations WHERE source_ref LIKE 'BULK-%'",
				)
			).rows[0];
		expect(await handle.db.transaction((tx) => upsert.write(tx, rows(1000)))).toBe(423);
		expect(await sum()).toMatchObject({
			n: 423,
			total: 423 * 1000 + (422 * 423) / 2,
			franchises: 0,
			paid: 422,
		});
		const [statement] = (await handle.client.execute("SELECT id FROM statements ORDER BY id LIMIT 1")).rows;
		await handle.db
			.update(prestations)
			.set({ statementId: Number(statement?.id) })
			.where(eq(prestations.sourceRef, "BULK-7"));
		// The same keys again with new amounts: 422 updated, the line on a statement left as it was.
		expect(await handle.db.transaction((tx) => upsert.write(tx, rows(2000)))).toBe(422);
		expect(await sum()).toMatchObject({ n: 423, total: 423 * 2000 + (422 * 423) / 2 - 1000 });
		expect((await imported("BULK-7"))?.chargedCents).toBe(1007);
		await handle.db.delete(prestations).where(sql`${prestations.sourceRef} LIKE 'BULK-%'`);
	});

	it("reports the database's own reason when a compiled statement fails, not the statement's text", async () => {
		const broken: ImportKind<unknown> = {
			...(prestationsImport as ImportKind<unknown>),
			async writeBatch(tx) {
				await tx.run(sql`INSERT INTO prestations (source_ref) VALUES ('NO-MEMBER')`);
				return { written: 1, unchanged: 0, rejected: [] };
			},
		};
		const report = await runImport(handle.db, broken, lines([prestation("BROKEN-1")]), { now });
		expect(report.stopped?.afterLine).toBe(0);
		expect(report.stopped?.error).toMatch(/^NOT NULL constraint failed: prestations\./);
	});
});

describe("importing members", () => {
	it("creates a new member with their person, updates a known one, refuses a bad NIR", async () => {
		const line = {
			numero_adherent: "880000001",
			nom: "Lambert",
			prenom: "Odile",
			date_naissance: "14/02/1962",
			sexe: "F",
			nir: `2 62 02 75 056 123 ${nirKey("2620275056123")}`,
			adresse_1: "3 rue des Lilas",
			code_postal: "69003",
			ville: "Lyon",
			email: "Odile.Lambert@example.org",
			releves_papier: "oui",
		};
		const report = await runImport(
			handle.db,
			membersImport,
			lines([line, { ...line, numero_adherent: "880000002", nir: "123" }]),
			{ now },
		);
		expect(report).toMatchObject({ written: 1, rejected: 1 });
		expect(report.rejections[0]?.reason).toBe("nir : le numéro de sécurité sociale n'est pas valide.");
		const [created] = await handle.db
			.select({ member: members, person: persons })
			.from(members)
			.innerJoin(persons, eq(persons.id, members.personId))
			.where(eq(members.memberNumber, "880000001"));
		expect(created?.person).toMatchObject({ lastName: "Lambert", birthDate: "1962-02-14", sex: "F" });
		expect(created?.member).toMatchObject({
			email: "odile.lambert@example.org",
			paperStatements: true,
			city: "Lyon",
		});
		await runImport(
			handle.db,
			membersImport,
			lines([{ ...line, ville: "Villeurbanne", code_postal: "69100" }]),
			{ now },
		);
		const rows = await handle.db.select().from(members).where(eq(members.memberNumber, "880000001"));
		expect(rows).toHaveLength(1);
		expect(rows[0]?.city).toBe("Villeurbanne");
	});
});

describe("importing beneficiaries", () => {
	it("adds a rank with its person, corrects it from a later line, refuses broken lines, and adds nothing on a second run", async () => {
		const [member] = await handle.db
			.select({ id: members.id })
			.from(members)
			.where(eq(members.memberNumber, memberNumber));
		const memberId = member?.id ?? 0;
		const ranksBefore = await handle.db
			.select({ rank: beneficiaries.rank })
			.from(beneficiaries)
			.where(eq(beneficiaries.memberId, memberId));
		const rank = String(Math.max(...ranksBefore.map((row) => row.rank)) + 1);
		const child = {
			numero_adherent: memberNumber,
			rang_beneficiaire: rank,
			lien: "enfant",
			nom: "Import",
			prenom: "Lou",
			date_naissance: "2019-04-02",
			sexe: "F",
			date_debut: "2026-11-01",
		};
		const records = [
			child,
			{ ...child, prenom: "Louise" },
			{ ...child, numero_adherent: "99999998" },
			{ ...child, rang_beneficiaire: "1" },
			{ ...child, date_fin: "2026-10-31" },
			{ ...child, lien: "cousin" },
		];
		const report = await runImport(handle.db, beneficiariesImport, lines(records), { now });
		expect(report).toMatchObject({ lines: 6, written: 2, rejected: 4, stopped: null });
		const reasons = new Map(report.rejections.map((r) => [r.line, r.reason]));
		expect(reasons.get(4)).toBe("Adhérent 99999998 inconnu.");
		expect(reasons.get(5)).toBe("lien : le rang 1 est celui de l'adhérent (lien « adherent »), et lui seul.");
		expect(reasons.get(6)).toBe("date_fin : la fin de la couverture précède son début.");
		expect(reasons.get(7)).toBe("lien : l'un de adherent, conjoint, enfant, autre.");

		const added = async () =>
			handle.db
				.select({ first: persons.firstName, relationship: beneficiaries.relationship, personId: persons.id })
				.from(beneficiaries)
				.innerJoin(persons, eq(persons.id, beneficiaries.personId))
				.where(sql`${beneficiaries.memberId} = ${memberId} AND ${beneficiaries.rank} = ${Number(rank)}`);
		const [row] = await added();
		expect(row).toMatchObject({ first: "Louise", relationship: "enfant" });
		const roles = await handle.db
			.select({ role: personRoleAssignments.role })
			.from(personRoleAssignments)
			.where(eq(personRoleAssignments.personId, row?.personId ?? 0));
		expect(roles).toEqual([{ role: "beneficiary" }]);

		await runImport(handle.db, beneficiariesImport, lines(records.slice(0, 2)), { now });
		expect(await added()).toHaveLength(1);
		// Prestations may name the new rank at once.
		const care = await runImport(
			handle.db,
			prestationsImport,
			lines([prestation("IMP-RANG", { rang_beneficiaire: rank })]),
			{ now },
		);
		expect(care).toMatchObject({ written: 1, rejected: 0 });
	});
});

describe("importing statements", () => {
	it("publishes the statement the member's lines add up to and queues its e-mail, refuses one they do not, and never changes a published one", async () => {
		const paid = { date_paiement: "2012-06-10" };
		await runImport(
			handle.db,
			prestationsImport,
			lines([prestation("REL-1", paid), prestation("REL-2", paid)]),
			{
				now,
			},
		);
		const statement = {
			numero_adherent: memberNumber,
			mois: "2012-06",
			nombre_lignes: "2",
			part_mutuelle: "18,00",
		};
		const records = [
			statement,
			{ ...statement, mois: "2012-07", nombre_lignes: "1", part_mutuelle: "5" },
			{ ...statement, mois: "2026-11" },
			{ ...statement, numero_adherent: "99999997" },
			{ ...statement, mois: "2012-13" },
		];
		const report = await runImport(handle.db, statementsImport, lines(records), { now });
		expect(report).toMatchObject({ lines: 5, written: 1, unchanged: 0, rejected: 4, stopped: null });
		const reasons = new Map(report.rejections.map((r) => [r.line, r.reason]));
		expect(reasons.get(3)).toBe(
			"Le portail a 0 ligne(s) payée(s) en 2012-07 pour 0,00 €, le relevé en annonce 1 pour 5,00 € : importez d'abord ses prestations.",
		);
		expect(reasons.get(4)).toBe("mois : 2026-11 n'est pas encore terminé.");
		expect(reasons.get(5)).toBe("Adhérent 99999997 inconnu.");
		expect(reasons.get(6)).toBe("mois : AAAA-MM.");

		const [published] = await handle.db.select().from(statements).where(eq(statements.month, "2012-06"));
		expect(published).toMatchObject({ lineCount: 2, mutuelleCents: 1800 });
		expect((await imported("REL-1"))?.statementId).toBe(published?.id);
		const queued = await handle.db
			.select({ type: jobs.type, payload: jobs.payload })
			.from(jobs)
			.where(eq(jobs.idempotencyKey, `statement.published:${published?.id}`));
		expect(queued).toEqual([{ type: "statement.published", payload: { statementId: published?.id } }]);

		const again = await runImport(
			handle.db,
			statementsImport,
			lines([statement, { ...statement, nombre_lignes: "3" }]),
			{ now },
		);
		expect(again).toMatchObject({ written: 0, unchanged: 1, rejected: 1 });
		expect(again.rejections[0]?.reason).toBe(
			"Le relevé de 2012-06 est déjà publié avec 2 ligne(s) et 18,00 € ; un relevé publié ne change pas.",
		);
	});
});

describe("importing payments", () => {
	it("upserts payments by reference, refuses broken lines, and the daily notice e-mails the member through the outbox", async () => {
		const [holder] = (
			await handle.client.execute(
				"SELECT m.member_number AS number FROM members m JOIN accounts a ON a.member_id = m.id AND a.space = 'adherent' AND a.state = 'active' ORDER BY m.id LIMIT 1",
			)
		).rows;
		const payment = {
			reference: "VIR-IMP-1",
			numero_adherent: String(holder?.number),
			date_paiement: "2026-11-25",
			montant: "42,10",
			statut: "paye",
			iban_4: "0189",
		};
		const records = [
			payment,
			{ ...payment, reference: "VIR-IMP-2", numero_adherent: "99999996" },
			{ ...payment, reference: "VIR-IMP-3", montant: "0" },
			{ ...payment, reference: "VIR-IMP-4", statut: "envoye" },
			{ ...payment, reference: "VIR-IMP-5", iban_4: "12" },
		];
		const report = await runImport(handle.db, paymentsImport, lines(records), { now });
		expect(report).toMatchObject({ lines: 5, written: 1, rejected: 4, stopped: null });
		const reasons = new Map(report.rejections.map((r) => [r.line, r.reason]));
		expect(reasons.get(3)).toBe("Adhérent 99999996 inconnu.");
		expect(reasons.get(4)).toBe("montant : plus de 0,00 €.");
		expect(reasons.get(5)).toBe("statut : « programme », « paye » ou « rejete ».");
		expect(reasons.get(6)).toBe("iban_4 : les 4 derniers caractères de l'IBAN.");
		await runImport(handle.db, paymentsImport, lines([{ ...payment, montant: "42,20" }]), { now });
		const rows = await handle.db
			.select()
			.from(memberPayments)
			.where(eq(memberPayments.reference, "VIR-IMP-1"));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			amountCents: 4220,
			status: "paid",
			paidOn: "2026-11-25",
			ibanLast4: "0189",
		});

		await notifyPaymentsMade(handle.db, { now, publicUrl: new URL("https://espace.example") });
		const mails = await handle.db
			.select({ template: outgoingMails.template })
			.from(outgoingMails)
			.where(eq(outgoingMails.idempotencyKey, `payment-notice/${rows[0]?.id}`));
		expect(mails).toEqual([{ template: "payment-notice" }]);
	});
});

describe("importing professionals", () => {
	it("creates and corrects a practice by its convention number, places it on the map, and refuses broken lines", async () => {
		const practice = {
			numero_convention: "CONV-IMP-1",
			rpps: "19999999991",
			nom: "Martin",
			prenom: "Alice",
			profession: "infirmier",
			secteur: "secteur_1",
			date_convention: "2024-01-15",
			adresse_1: "3 rue des Lilas",
			code_postal: "69003",
			ville: "Lyon",
			latitude: "45,75",
			longitude: "4.85",
		};
		const records = [
			practice,
			{ ...practice, ville: "Lyon 3e" },
			{ ...practice, numero_convention: "CONV-IMP-2" },
			{ ...practice, numero_convention: "CONV-IMP-3", rpps: "", nom: "" },
			{ ...practice, numero_convention: "CONV-IMP-4", rpps: "", longitude: "" },
			{ ...practice, numero_convention: "CONV-IMP-5", rpps: "", profession: "sorcier" },
		];
		const report = await runImport(handle.db, professionalsImport, lines(records), { now });
		expect(report).toMatchObject({ lines: 6, written: 2, rejected: 4, stopped: null });
		const reasons = new Map(report.rejections.map((r) => [r.line, r.reason]));
		expect(reasons.get(4)).toBe("rpps : 19999999991 est déjà celui d'un autre professionnel.");
		expect(reasons.get(5)).toBe("nom ou raison_sociale : l'un des deux au moins.");
		expect(reasons.get(6)).toBe("latitude et longitude : les deux ou aucune.");
		expect(reasons.get(7)).toMatch(/^profession : l'une de medecin_generaliste, /);
		const rows = await handle.db
			.select()
			.from(professionals)
			.where(eq(professionals.conventionNumber, "CONV-IMP-1"));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ city: "Lyon 3e", rpps: "19999999991", latitude: 45.75, longitude: 4.85 });
		const [located] = (
			await handle.client.execute({
				sql: "SELECT count(*) AS n FROM professional_locations WHERE id = ?",
				args: [rows[0]?.id ?? 0],
			})
		).rows;
		expect(Number(located?.n)).toBe(1);
	});
});

describe("importing invoices", () => {
	it("upserts a practice's invoices by their number, keeps an unknown member only on a rejected one, and refuses broken lines", async () => {
		const invoice = {
			numero_convention: "CONV-IMP-1",
			numero_facture: "F-IMP-1",
			numero_adherent: memberNumber,
			rang_beneficiaire: "1",
			date_soins: "2026-11-02",
			date_reception: "2026-11-04",
			montant_depense: "30,00",
			part_demandee: "9,00",
			part_acceptee: "9,00",
			statut: "acceptee",
		};
		const records = [
			invoice,
			{ ...invoice, statut: "payee", date_paiement: "2026-11-20" },
			{ ...invoice, numero_convention: "CONV-ABSENTE" },
			{ ...invoice, numero_facture: "F-IMP-4", numero_adherent: "99999994" },
			{
				...invoice,
				numero_facture: "F-IMP-5",
				numero_adherent: "99999994",
				statut: "rejetee",
				code_rejet: "A12",
			},
			{ ...invoice, numero_facture: "F-IMP-6", statut: "rejetee" },
			{ ...invoice, numero_facture: "F-IMP-7", part_acceptee: "10,00" },
		];
		const report = await runImport(handle.db, invoicesImport, lines(records), { now });
		expect(report).toMatchObject({ lines: 7, written: 2, rejected: 4, stopped: null });
		const reasons = new Map(report.rejections.map((r) => [r.line, r.reason]));
		expect(reasons.get(4)).toBe("Convention CONV-ABSENTE inconnue.");
		expect(reasons.get(5)).toBe("Adhérent 99999994 inconnu : seule une facture rejetée peut le nommer.");
		expect(reasons.get(7)).toBe("code_rejet : obligatoire pour une facture rejetée.");
		expect(reasons.get(8)).toBe("part_acceptee : plus que la part demandée.");
		const rows = await handle.db
			.select({
				number: tpInvoices.invoiceNumber,
				status: tpInvoices.status,
				memberId: tpInvoices.memberId,
				paidOn: tpInvoices.paidOn,
			})
			.from(tpInvoices)
			.where(sql`${tpInvoices.invoiceNumber} LIKE 'F-IMP-%'`)
			.orderBy(tpInvoices.invoiceNumber);
		expect(rows).toEqual([
			{ number: "F-IMP-1", status: "payee", memberId: expect.any(Number), paidOn: "2026-11-20" },
			{ number: "F-IMP-5", status: "rejetee", memberId: null, paidOn: null },
		]);
		await runImport(handle.db, invoicesImport, lines(records.slice(0, 2)), { now });
		expect(await handle.db.$count(tpInvoices, sql`${tpInvoices.invoiceNumber} LIKE 'F-IMP-%'`)).toBe(2);
	});
});

describe("importing contract terminations", () => {
	/** A running contract whose member has no other contract or affiliation, and an account. */
	async function soleContract() {
		const [row] = (
			await handle.client.execute(
				`SELECT c.id, c.number, c.member_id AS memberId, c.start_date AS startDate FROM individual_contracts c
				 JOIN accounts a ON a.member_id = c.member_id AND a.space = 'adherent'
				 WHERE c.end_date IS NULL
				   AND (SELECT count(*) FROM individual_contracts o WHERE o.member_id = c.member_id) = 1
				   AND NOT EXISTS (SELECT 1 FROM affiliations f WHERE f.member_id = c.member_id)
				 ORDER BY c.id LIMIT 1`,
			)
		).rows;
		if (!row) throw new Error("the seed has no member with one contract and an account");
		return {
			id: Number(row.id),
			number: String(row.number),
			memberId: Number(row.memberId),
			startDate: String(row.startDate),
		};
	}
	const accessUntil = async (memberId: number) =>
		(
			await handle.db
				.select({ until: accounts.accessUntil })
				.from(accounts)
				.where(eq(accounts.memberId, memberId))
		)[0]?.until;

	it("ends the contract, starts the two-year clock of the account, refuses broken lines, and is idempotent", async () => {
		const contract = await soleContract();
		expect(await accessUntil(contract.memberId)).toBeNull();
		const records = [
			{ numero_contrat: contract.number, date_fin: "31/12/2026", motif: "resiliation_adherent" },
			{ numero_contrat: "INCONNU-1", date_fin: "2026-12-31", motif: "deces" },
			{ numero_contrat: contract.number, date_fin: "1990-01-01", motif: "deces" },
			{ numero_contrat: contract.number, date_fin: "2026-02-30", motif: "deces" },
			{ numero_contrat: contract.number, date_fin: "2026-12-31", motif: "lassitude" },
		];
		const report = await runImport(handle.db, resiliationsImport, lines(records), { now });
		expect(report).toMatchObject({ lines: 5, written: 1, unchanged: 0, rejected: 4, stopped: null });
		const reasons = new Map(report.rejections.map((r) => [r.line, r.reason]));
		expect(reasons.get(3)).toBe("Contrat INCONNU-1 inconnu.");
		expect(reasons.get(4)).toBe(
			`date_fin : le 1990-01-01 précède le début du contrat (${contract.startDate}).`,
		);
		expect(reasons.get(5)).toBe("date_fin : « 2026-02-30 » n'est pas une date (AAAA-MM-JJ).");
		expect(reasons.get(6)).toMatch(/^motif : l'un de resiliation_adherent, resiliation_mutuelle, .*\.$/);
		const [ended] = await handle.db
			.select()
			.from(individualContracts)
			.where(eq(individualContracts.id, contract.id));
		expect(ended).toMatchObject({ endDate: "2026-12-31", endReason: "member_termination" });
		expect(await accessUntil(contract.memberId)).toBe("2028-12-31");

		const again = await runImport(handle.db, resiliationsImport, lines(records.slice(0, 1)), { now });
		expect(again).toMatchObject({ written: 0, unchanged: 1, rejected: 0 });

		// The core system corrects the date: the clock is computed again from the new end.
		const corrected = await runImport(
			handle.db,
			resiliationsImport,
			lines([{ numero_contrat: contract.number, date_fin: "2026-11-30", motif: "non_paiement" }]),
			{ now },
		);
		expect(corrected).toMatchObject({ written: 1, unchanged: 0 });
		expect(await accessUntil(contract.memberId)).toBe("2028-11-30");
	});
});

describe("importing contracts", () => {
	it("creates a contract by its number, which stops a member's access clock, and refuses broken lines", async () => {
		const [row] = (
			await handle.client.execute(
				"SELECT m.member_number AS number, m.id AS id, (SELECT code FROM offers WHERE kind = 'individual' ORDER BY id LIMIT 1) AS offer FROM accounts a JOIN members m ON m.id = a.member_id WHERE a.space = 'adherent' AND a.access_until IS NOT NULL ORDER BY m.id LIMIT 1",
			)
		).rows;
		const contract = {
			numero_contrat: "CT-IMP-1",
			numero_adherent: String(row?.number),
			code_offre: String(row?.offer),
			date_debut: "2026-12-01",
			cotisation: "48,90",
			periodicite: "mensuelle",
			mode_paiement: "prelevement",
			jour_prelevement: "5",
		};
		const records = [
			contract,
			{ ...contract, numero_contrat: "CT-IMP-2", code_offre: "INCONNUE" },
			{ ...contract, numero_contrat: "CT-IMP-3", jour_prelevement: "" },
			{ ...contract, numero_contrat: "CT-IMP-4", numero_adherent: "99999995" },
			{ ...contract, numero_contrat: "CT-IMP-5", periodicite: "hebdomadaire" },
		];
		const report = await runImport(handle.db, contractsImport, lines(records), { now });
		expect(report).toMatchObject({ lines: 5, written: 1, rejected: 4, stopped: null });
		const reasons = new Map(report.rejections.map((r) => [r.line, r.reason]));
		expect(reasons.get(3)).toBe("Offre individuelle INCONNUE inconnue.");
		expect(reasons.get(4)).toBe("jour_prelevement : obligatoire pour un prélèvement, et pour lui seul.");
		expect(reasons.get(5)).toBe("Adhérent 99999995 inconnu.");
		expect(reasons.get(6)).toBe("periodicite : l'une de mensuelle, trimestrielle, semestrielle, annuelle.");
		const [created] = await handle.db
			.select()
			.from(individualContracts)
			.where(eq(individualContracts.number, "CT-IMP-1"));
		expect(created).toMatchObject({
			memberId: Number(row?.id),
			contributionCents: 4890,
			contributionPeriodicity: "monthly",
			paymentMethod: "direct_debit",
			paymentDay: 5,
			endDate: null,
		});
		const [account] = await handle.db
			.select({ until: accounts.accessUntil })
			.from(accounts)
			.where(eq(accounts.memberId, Number(row?.id)));
		expect(account?.until).toBeNull();
		await runImport(handle.db, contractsImport, lines([contract]), { now });
		expect(await handle.db.$count(individualContracts, eq(individualContracts.number, "CT-IMP-1"))).toBe(1);
	});
});

describe("npm run import", () => {
	it("imports a CSV with broken lines, writes their reasons beside the file, and exits 1", async () => {
		const header = Object.keys(prestation("x")).join(";");
		const row = (values: Record<string, string>) => Object.values(values).join(";");
		const file = join(dir, "prestations.csv");
		await writeFile(
			file,
			`\uFEFF${header}\n${row(prestation("CLI-1"))}\n${row(prestation("CLI-2", { taux_ss: "170" }))}\n${row(prestation("CLI-3"))}\n`,
		);
		const run = await runScript("scripts/import.ts", `file:${join(dir, "espace.db")}`, ["prestations", file]);
		expect(run.stdout).toContain(
			"Import prestations : 3 ligne(s) lue(s), 2 écrite(s), 0 inchangée(s), 1 refusée(s).",
		);
		expect(run.stdout).toContain("ligne 3 : taux_ss : « 170 » n'est pas un taux entre 0 et 100.");
		expect(run.code).toBe(1);
		expect(await readFile(`${file}.rejets.csv`, "utf8")).toBe(
			"ligne;motif\n3;taux_ss : « 170 » n'est pas un taux entre 0 et 100.\n",
		);
		expect(await imported("CLI-3")).toBeDefined();
		const usage = await runScript("scripts/import.ts", `file:${join(dir, "espace.db")}`, ["inconnu", file]);
		expect(usage.code).toBe(2);
		expect(usage.stderr).toContain("Type d'import inconnu.");
		expect(usage.stderr).toContain(
			"types : adherents, prestations, beneficiaires, contrats, factures, paiements, professionnels, releves, resiliations",
		);
	}, 300_000);

	it("reads JSON Lines for contract terminations, refusing an unknown contract and a line that is not JSON", async () => {
		const file = join(dir, "resiliations.jsonl");
		await writeFile(
			file,
			`${JSON.stringify({ numero_contrat: "ABSENT-9", date_fin: "2026-12-31", motif: "deces" })}\n{pas du json\n`,
		);
		const run = await runScript("scripts/import.ts", `file:${join(dir, "espace.db")}`, [
			"resiliations",
			file,
		]);
		expect(run.stdout).toContain(
			"Import resiliations : 2 ligne(s) lue(s), 0 écrite(s), 0 inchangée(s), 2 refusée(s).",
		);
		expect(await readFile(`${file}.rejets.csv`, "utf8")).toBe(
			"ligne;motif\n2;Ligne illisible : ce n'est pas un objet JSON.\n1;Contrat ABSENT-9 inconnu.\n",
		);
		expect(run.code).toBe(1);
	}, 300_000);

	it("creates an import token for an admin with npm run staff, shown once", async () => {
		const url = `file:${join(dir, "espace.db")}`;
		const created = await runScript("scripts/staff.ts", url, ["jeton", "9000000001", "Système de gestion"]);
		expect(created.code).toBe(0);
		const token = /esst_[a-z2-7]{24}_[a-z2-7]{24}/.exec(created.stdout)?.[0] ?? "";
		expect(await authenticateStaffToken(handle.db, token, now)).toMatchObject({
			tokenId: expect.any(Number),
		});
	}, 300_000);
});
