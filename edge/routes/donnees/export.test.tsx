// « Télécharger mes données » (GDPR art. 15 and 20) through the real forms: the archive of demo
// member 1000000001 read back field by field against the database, nothing of member
// 1000000002 in it, no secret in it, the README describing each file, the audit entry.
import { and, asc, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_SECTIONS } from "../../../core/donnees/export-sections.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../../demo/accounts.ts";
import {
	auditEvents,
	beneficiaries,
	individualContracts,
	members,
	persons,
	prestations,
	requests,
	sessions,
	statements,
} from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../../../tests/support/demo.ts";
import {
	createTestApp,
	signInDemoMember,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
let handle: DatabaseHandle;
let app: App;
let now = new Date("2026-11-26T09:00:00Z");
let files: Record<string, Uint8Array>;
let json: Record<string, Record<string, unknown>[]>;

beforeAll(async () => {
	handle = await createSeededTestDatabase({
		scale: 1,
		seed: 7,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	app = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	const cookie = await signInDemoMember(app, handle.db, "adherent1");
	now = new Date(now.getTime() + 60_000);
	const response = await app.request("/compte/donnees/export", withCookie(cookie));
	expect(response.status).toBe(200);
	expect(response.headers.get("Content-Type")).toBe("application/zip");
	expect(response.headers.get("Content-Disposition")).toBe(
		'attachment; filename="mes-donnees-1000000001-2026-11-26.zip"',
	);
	expect(response.headers.get("Cache-Control")).toBe("no-store");
	files = unzipSync(new Uint8Array(await response.arrayBuffer()));
	json = JSON.parse(strFromU8(files["donnees.json"] as Uint8Array));
}, 120_000);
afterAll(() => handle.client.close());

async function memberOf(key: "adherent1" | "adherent2") {
	const account = await demoAccount(handle.db, key);
	const [member] = await handle.db
		.select()
		.from(members)
		.innerJoin(persons, eq(persons.id, members.personId))
		.where(eq(members.id, account.memberId as number));
	if (!member) throw new Error("demo member missing");
	return { account, member: member.members, person: member.persons };
}

describe("the export of demo member 1000000001", () => {
	it("holds a README, the JSON and one CSV per section, each section described", () => {
		const names = Object.keys(files).sort();
		expect(names).toContain("LISEZMOI.txt");
		expect(names).toContain("donnees.json");
		const readme = strFromU8(files["LISEZMOI.txt"] as Uint8Array);
		for (const section of Object.keys(json).filter((key) => key !== "genereLe")) {
			expect(names).toContain(`${section}.csv`);
			const described = EXPORT_SECTIONS.find((entry) => entry.name === section);
			expect(readme).toContain(`${section}.csv`);
			expect(readme).toContain(described?.description.slice(0, 40));
		}
		for (const expected of [
			"compte",
			"identite",
			"contrats",
			"beneficiaires",
			"remboursements",
			"releves",
			"demandes",
			"historique_demandes",
			"consentements",
			"cgu",
			"sessions",
			"journal",
		]) {
			expect(Object.keys(json)).toContain(expected);
		}
	});

	// CGU art. 8
	it("gives the account, identity and contact data field by field", async () => {
		const { account, member, person } = await memberOf("adherent1");
		expect(json.compte).toEqual([
			expect.objectContaining({
				identifiant: "1000000001",
				espace: "adherent",
				email: account.email,
				etat: account.state,
				creeLe: account.createdAt.toISOString(),
				secondFacteur: account.secondFactorMethod,
			}),
		]);
		expect(json.identite).toEqual([
			{
				numeroAdherent: member.memberNumber,
				nom: person.lastName,
				nomDeNaissance: person.birthName,
				prenom: person.firstName,
				dateDeNaissance: person.birthDate,
				sexe: person.sex,
				nir: person.nir,
				adresse1: member.addressLine1,
				adresse2: member.addressLine2,
				codePostal: member.postalCode,
				ville: member.city,
				codeInsee: member.inseeCode,
				pays: member.countryCode,
				email: member.email,
				telephone: member.phone,
				relevesPapier: member.paperStatements,
			},
		]);
		expect(person.lastName).toBe("Mercier");
	});

	it("gives every contract, beneficiary, reimbursement line and statement, with their amounts", async () => {
		const { member } = await memberOf("adherent1");
		const contracts = await handle.db
			.select()
			.from(individualContracts)
			.where(eq(individualContracts.memberId, member.id));
		expect(
			json.contrats?.map((row) => [
				row.numero,
				row.debut,
				row.cotisationCentimes,
				row.ibanRemboursement4Derniers,
			]),
		).toEqual(
			contracts.map((row) => [row.number, row.startDate, row.contributionCents, row.reimbursementIbanLast4]),
		);
		const people = await handle.db
			.select()
			.from(beneficiaries)
			.innerJoin(persons, eq(persons.id, beneficiaries.personId))
			.where(eq(beneficiaries.memberId, member.id))
			.orderBy(asc(beneficiaries.rank));
		expect(
			json.beneficiaires?.map((row) => [row.prenom, row.nom, row.dateDeNaissance, row.nir, row.lien]),
		).toEqual(
			people.map((row) => [
				row.persons.firstName,
				row.persons.lastName,
				row.persons.birthDate,
				row.persons.nir,
				row.beneficiaries.relationship,
			]),
		);
		const lines = await handle.db
			.select()
			.from(prestations)
			.where(eq(prestations.memberId, member.id))
			.orderBy(asc(prestations.careDate), asc(prestations.id));
		expect(lines.length).toBeGreaterThan(50);
		expect(
			json.remboursements?.map((row) => [
				row.id,
				row.dateDesSoins,
				row.acte,
				row.depenseCentimes,
				row.secuCentimes,
				row.mutuelleCentimes,
				row.resteACharge,
				row.dateDePaiement,
			]),
		).toEqual(
			lines.map((row) => [
				row.id,
				row.careDate,
				row.actCode,
				row.chargedCents,
				row.ssPaidCents,
				row.mutuelleCents,
				row.remainingCents,
				row.paymentDate,
			]),
		);
		const months = await handle.db
			.select()
			.from(statements)
			.where(eq(statements.memberId, member.id))
			.orderBy(asc(statements.month));
		expect(json.releves?.map((row) => [row.mois, row.mutuelleCentimes, row.resteACharge])).toEqual(
			months.map((row) => [row.month, row.mutuelleCents, row.remainingCents]),
		);
	});

	it("gives the requests with their history, the sessions and the account's own audit entries", async () => {
		const { account } = await memberOf("adherent1");
		const own = await handle.db.select().from(requests).where(eq(requests.accountId, account.id));
		expect(json.demandes?.map((row) => row.reference).sort()).toEqual(own.map((row) => row.reference).sort());
		expect(json.demandes?.some((row) => row.type === "data_protection")).toBe(true);
		expect(json.historique_demandes?.length).toBeGreaterThanOrEqual(own.length);
		const open = await handle.db.select().from(sessions).where(eq(sessions.accountId, account.id));
		expect(json.sessions).toHaveLength(open.length);
		const trail = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.accountId, account.id)))
			.orderBy(asc(auditEvents.seq));
		// The export's own entry is written after the archive is built, its consultation entry after that.
		const exportEntry = trail.findIndex((row) => row.action === "donnees.export");
		expect(exportEntry).toBeGreaterThan(0);
		expect(json.journal?.map((row) => row.numero)).toEqual(trail.slice(0, exportEntry).map((row) => row.seq));
		expect(trail.at(exportEntry + 1)?.action).toBe("view:/compte/donnees/export");
	});

	it("holds no secret: no password hash, no TOTP secret, no token hash, no full IBAN, no audit hash", async () => {
		const { account } = await memberOf("adherent1");
		const everything = Object.values(files)
			.map((bytes) => strFromU8(bytes))
			.join("\n");
		expect(everything).not.toContain(account.passwordHash);
		expect(everything).not.toMatch(/\$argon2id\$/);
		expect(everything).not.toMatch(/\bFR\d{2}[0-9A-Z]{20,}/);
		const [first] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.accountId, account.id))
			.limit(1);
		expect(everything).not.toContain(first?.hash);
		const [session] = await handle.db
			.select()
			.from(sessions)
			.where(eq(sessions.accountId, account.id))
			.limit(1);
		expect(everything).not.toContain(session?.secretHash);
		expect(everything).not.toContain(session?.id);
	});

	// CGU art. 8
	it("holds nothing of member 1000000002", async () => {
		const other = await memberOf("adherent2");
		const everything = Object.values(files)
			.map((bytes) => strFromU8(bytes))
			.join("\n");
		const people = await handle.db
			.select()
			.from(beneficiaries)
			.innerJoin(persons, eq(persons.id, beneficiaries.personId))
			.where(eq(beneficiaries.memberId, other.member.id));
		const traces = [
			other.account.identifier,
			other.account.email,
			other.member.memberNumber,
			other.member.addressLine1,
			other.person.nir,
			...people.flatMap((row) => [`${row.persons.firstName}`, row.persons.nir]),
		].filter((value): value is string => Boolean(value));
		expect(traces.length).toBeGreaterThan(5);
		for (const trace of traces) expect(everything, trace).not.toContain(trace);
		const theirLines = await handle.db
			.select({ id: prestations.id })
			.from(prestations)
			.where(eq(prestations.memberId, other.member.id));
		const ids = new Set(json.remboursements?.map((row) => row.id));
		expect(theirLines.length).toBeGreaterThan(0);
		for (const line of theirLines) expect(ids.has(line.id)).toBe(false);
	});

	it("writes the CSV for a French spreadsheet: BOM, semicolons, one line per row", () => {
		const bytes = files["remboursements.csv"] as Uint8Array;
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = new TextDecoder().decode(bytes).split("\r\n");
		expect(rows[0]).toContain("dateDesSoins;");
		expect(rows).toHaveLength((json.remboursements?.length ?? 0) + 1);
	});
});

describe("the export of other spaces and of visitors", () => {
	it("sends a visitor to the sign-in page", async () => {
		const response = await app.request("/compte/donnees/export");
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe("/connexion?next=%2Fcompte%2Fdonnees%2Fexport");
	});

	it("gives an employer its own account, company and activity, and no member data", async () => {
		const { identifier, password } = DEMO_ACCOUNTS.employeur1;
		const totp = new OTPAuth.TOTP({ secret: DEMO_TOTP_SECRETS.employeur });
		now = new Date(now.getTime() + 5 * 60_000);
		const cookie = await signInThroughForms(app, identifier, password, async () =>
			totp.generate({ timestamp: now.getTime() }),
		);
		const response = await app.request("/compte/donnees/export", withCookie(cookie));
		expect(response.status).toBe(200);
		const archive = unzipSync(new Uint8Array(await response.arrayBuffer()));
		const data = JSON.parse(strFromU8(archive["donnees.json"] as Uint8Array));
		expect(data.compte[0].identifiant).toBe(identifier);
		expect(data.entreprise[0].raisonSociale).toBe("Les Ateliers du Rhône SAS");
		expect(data.remboursements).toBeUndefined();
		expect(data.identite).toBeUndefined();
	});
});
