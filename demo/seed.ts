// The demo-data generator's entry point: `seedDatabase` fills an empty, migrated database with a
// deterministic population (same seed, same `now`, same pepper → same rows) whose size grows
// linearly with `scale`: 200 members, 10 companies and 100 professionals per unit of scale, plus
// the fixed demo accounts of accounts.ts. It streams through the bulk writer, so memory stays
// bounded; big seeds build the secondary indexes of the largest tables once, at the end.
import type { Client } from "@libsql/client";
import { sql } from "drizzle-orm";
import { hashPassword } from "../core/password.ts";
import type { Database } from "../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORDS } from "./accounts.ts";
import { writeDemoAffiliationImports } from "./affiliation-imports.ts";
import { COMMUNES } from "./communes.ts";
import { SeedContext, type SeedOptions } from "./context.ts";
import { addMonths, dayOf, firstOfMonth, startOfMonth, yearOf } from "./dates.ts";
import { writeDemoEmployerAdministrators } from "./employer-administrators.ts";
import { COMPANY_CATEGORIES, EmployerWriter } from "./employers.ts";
import { type FamilySpec, FamilyWriter } from "./families.ts";
import { addAccount, addRequest } from "./portal.ts";
import { writeDemoPracticeBankAccounts } from "./practice-bank.ts";
import { writeDemoPracticeMessages } from "./procontact.ts";
import { writeProfessionals } from "./professionals.ts";
import { writeReferenceData } from "./reference.ts";
import { writeReseauData } from "./reseau.ts";
import { grantStaffRoles, writeDemoStaff } from "./staff.ts";

export type { SeedOptions } from "./context.ts";

export interface SeedReport {
	readonly members: number;
	readonly companies: number;
	readonly professionals: number;
	/** Rows written per table. */
	readonly rows: Record<string, number>;
}

export const MEMBERS_PER_SCALE = 200;
export const COMPANIES_PER_SCALE = 12;
export const PROFESSIONALS_PER_SCALE = 100;
/** From this many members on, secondary indexes of the big tables are built after the load. */
const DEFER_INDEXES_FROM = 20_000;
const BIG_TABLES = [
	"prestations",
	"statements",
	"member_payments",
	"tp_invoices",
	"tp_invoice_lines",
	"persons",
	"person_roles",
	"affiliations",
	"beneficiaries",
];

/** True when the (migrated) database holds no data yet. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
	const rows = await db.all<{ present: number }>(
		sql`SELECT (EXISTS (SELECT 1 FROM care_categories) OR EXISTS (SELECT 1 FROM persons) OR EXISTS (SELECT 1 FROM accounts)) AS present`,
	);
	return !rows[0]?.present;
}

/**
 * Identifiers of the accounts the demo seed creates, found in the database: the fixed demo
 * accounts, and any account with an address of the seed's reserved `.test` domain. Empty on a
 * production database.
 */
export async function findDemoAccounts(db: Database, limit = 5): Promise<string[]> {
	const identifiers = Object.values(DEMO_ACCOUNTS).map((account) => account.identifier);
	const result = await (db.$client as Client).execute({
		sql: `SELECT identifier FROM accounts WHERE identifier IN (${identifiers.map(() => "?").join(", ")})
			OR email LIKE '%.espace.test' ORDER BY identifier LIMIT ?`,
		args: [...identifiers, limit],
	});
	return result.rows.map((row) => String(row.identifier));
}

/** Drops every table, the migrations journal included; run the migrations again afterwards. */
export async function dropAllTables(db: Database): Promise<void> {
	const client = db.$client as Client;
	const tables = await client.execute(
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
	);
	// client.migrate runs with foreign keys off, in one transaction.
	await client.migrate(tables.rows.map((row) => `DROP TABLE IF EXISTS "${String(row.name)}"`));
}

export async function seedDatabase(db: Database, options: SeedOptions): Promise<SeedReport> {
	if (!(options.scale > 0) || !Number.isFinite(options.scale))
		throw new RangeError("The scale is a positive number.");
	if (!(await isDatabaseEmpty(db))) {
		throw new Error(
			"La base contient déjà des données : le jeu de démonstration ne se charge que dans une base vide (--reset).",
		);
	}
	const client = db.$client as Client;
	const ctx = new SeedContext(client, options);
	const memberCount = Math.max(2, Math.round(MEMBERS_PER_SCALE * options.scale));
	const companyCount = Math.max(1, Math.round(COMPANIES_PER_SCALE * options.scale));
	const professionalCount = Math.max(11, Math.round(PROFESSIONALS_PER_SCALE * options.scale));
	const total = memberCount + companyCount + professionalCount;
	let done = 0;
	const progress = () => {
		done++;
		options.onProgress?.(done, total);
	};

	// Salts come from the seeded PRNG so that two seeds give the same hashes.
	const salt = (length: number) => ctx.random.bytes(length);
	const hash = options.hashPassword ?? hashPassword;
	const hashes = {
		adherent: await hash(DEMO_PASSWORDS.adherent, options.pepper, { randomBytes: salt }),
		employeur: await hash(DEMO_PASSWORDS.employeur, options.pepper, { randomBytes: salt }),
		professionnel: await hash(DEMO_PASSWORDS.professionnel, options.pepper, { randomBytes: salt }),
		gestionnaire: await hash(DEMO_PASSWORDS.gestionnaire, options.pepper, { randomBytes: salt }),
	};
	ctx.populationPasswordHash = await hash(ctx.random.digits(24), options.pepper, { randomBytes: salt });

	const deferred = memberCount >= DEFER_INDEXES_FROM ? await dropSecondaryIndexes(client) : [];
	try {
		writeReferenceData(ctx);
		const staffAccountId = writeStaff(ctx, hashes.gestionnaire);
		const { index, demo } = await writeProfessionals(
			ctx,
			professionalCount - 2,
			hashes.professionnel,
			progress,
		);
		progress();
		progress();

		const families = new FamilyWriter(ctx, index, staffAccountId);
		families.write(demoFamilyOne(ctx, hashes.adherent, demo.pharmacyId, demo.opticianId, staffAccountId));
		progress();
		families.write(demoFamilyTwo(ctx, hashes.adherent, demo.opticianId));
		progress();
		for (let i = 2; i < memberCount; i++) {
			families.write(families.randomSpec());
			progress();
			await ctx.writer.maybeFlush();
		}

		const employers = new EmployerWriter(ctx, staffAccountId);
		await employers.write(demoCompanyOne(ctx, hashes.employeur), progress);
		await employers.write(demoCompanyTwo(ctx, hashes.employeur), progress);
		const maxSize = Math.min(20_000, Math.max(30, Math.round(200 * options.scale)));
		for (let i = 2; i < companyCount; i++) {
			await employers.write(employers.randomSpec(maxSize), progress);
			await ctx.writer.maybeFlush();
		}
		// Last, so that the generated population (and every test reading it) stays the same.
		writeDemoStaff(ctx, hashes.gestionnaire);
		await ctx.writer.finish();
		await grantStaffRoles(client, ctx.nowMs);
		await writeDemoEmployerAdministrators(client, ctx.nowMs, hashes.employeur);
	} catch (error) {
		await ctx.writer.abort();
		throw error;
	}
	const payments = await settleProfessionalPayments(client);
	const reseau = await writeReseauData(db);
	const procontact = await writeDemoPracticeMessages(db, ctx.nowMs);
	const practiceBank = await writeDemoPracticeBankAccounts(db, ctx.nowMs);
	const affiliationImportRows = await writeDemoAffiliationImports(db, ctx.nowMs);
	for (const statement of deferred) await client.execute(statement);
	await client.execute("PRAGMA optimize");
	return {
		members: memberCount,
		companies: companyCount,
		professionals: professionalCount,
		rows: {
			...ctx.writer.counts(),
			...payments,
			...reseau,
			...procontact,
			...practiceBank,
			...affiliationImportRows,
		},
	};
}

/**
 * Payments to professionals: one transfer per professional and payment run, settling every
 * invoice paid that day. Done in SQL once all invoices are in, so nothing is held in memory.
 */
async function settleProfessionalPayments(client: Client): Promise<Record<string, number>> {
	const [payments, links] = await client.batch(
		[
			`INSERT INTO professional_payments (professional_id, paid_on, amount_cents, reference, invoice_count)
			 SELECT professional_id, paid_on, SUM(accepted_cents), 'VIR-' || professional_id || '-' || replace(paid_on, '-', ''), COUNT(*)
			 FROM tp_invoices WHERE status = 'payee' GROUP BY professional_id, paid_on ORDER BY paid_on, professional_id`,
			`INSERT INTO payment_invoices (payment_id, invoice_id, amount_cents)
			 SELECT p.id, i.id, i.accepted_cents FROM tp_invoices i
			 JOIN professional_payments p ON p.professional_id = i.professional_id AND p.paid_on = i.paid_on
			 WHERE i.status = 'payee' ORDER BY i.id`,
		],
		"write",
	);
	return { professional_payments: payments?.rowsAffected ?? 0, payment_invoices: links?.rowsAffected ?? 0 };
}

async function dropSecondaryIndexes(client: Client): Promise<string[]> {
	const placeholders = BIG_TABLES.map(() => "?").join(", ");
	const result = await client.execute({
		sql: `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders}) ORDER BY name`,
		args: BIG_TABLES,
	});
	const statements = result.rows.map((row) => String(row.sql));
	await client.batch(
		result.rows.map((row) => `DROP INDEX "${String(row.name)}"`),
		"write",
	);
	return statements;
}

function writeStaff(ctx: SeedContext, demoHash: string): number {
	const since = ctx.yearsAgo(9);
	const lyon = COMMUNES.find((commune) => commune.insee === "69383") ?? null;
	const personId = ctx.addPerson(
		{ firstName: "Claire", lastName: "Moreau", sex: "F", birthDay: dayOf("1981-04-17") },
		"staff",
		since,
		lyon,
	);
	const accountId = addAccount(ctx, {
		space: "gestionnaire",
		identifier: DEMO_ACCOUNTS.gestionnaire1.identifier,
		email: DEMO_ACCOUNTS.gestionnaire1.email,
		staffPersonId: personId,
		createdDay: since,
		passwordHash: demoHash,
		state: "active",
		capacity: "own_capacity",
	});
	for (let i = 0; i < 2; i++) {
		const sex = ctx.random.chance(0.5) ? "F" : "M";
		const first = ctx.firstName(sex);
		const last = ctx.lastName();
		const staff = ctx.addPerson(
			{ firstName: first, lastName: last, sex, birthDay: ctx.today - ctx.random.int(25, 60) * 365 },
			"staff",
			since,
		);
		addAccount(ctx, {
			space: "gestionnaire",
			identifier: `9${100_000_000 + i}`,
			email: `gestion.${i + 1}@staff.espace.test`,
			staffPersonId: staff,
			createdDay: since + ctx.random.int(0, 900),
			passwordHash: ctx.populationPasswordHash,
			state: "active",
			capacity: "own_capacity",
		});
	}
	return accountId;
}

function commune(insee: string) {
	const found = COMMUNES.find((candidate) => candidate.insee === insee);
	if (!found) throw new Error(`Commune ${insee} missing from the demo list.`);
	return found;
}

/** Julien Mercier's family: four beneficiaries, ten years of history, Lyon. */
function demoFamilyOne(
	ctx: SeedContext,
	hash: string,
	pharmacyId: number,
	opticianId: number,
	staffAccountId: number,
): FamilySpec {
	const tenYearsAgo = ctx.yearsAgo(10);
	return {
		people: [
			{
				firstName: "Julien",
				lastName: "Mercier",
				sex: "M",
				birthDay: dayOf("1984-03-12"),
				relationship: "adherent",
			},
			{
				firstName: "Camille",
				lastName: "Mercier",
				birthName: "Roux",
				sex: "F",
				birthDay: dayOf("1986-07-25"),
				relationship: "conjoint",
			},
			{
				firstName: "Léa",
				lastName: "Mercier",
				sex: "F",
				birthDay: dayOf("2014-05-03"),
				relationship: "enfant",
			},
			{
				firstName: "Hugo",
				lastName: "Mercier",
				sex: "M",
				birthDay: dayOf("2017-11-19"),
				relationship: "enfant",
			},
		],
		commune: commune("69383"),
		street: "27 rue Paul Bert",
		offerCode: "CONFORT",
		startDay: startOfMonth(tenYearsAgo),
		endDay: null,
		endReason: null,
		paymentMethod: "direct_debit",
		periodicity: "monthly",
		paperStatements: false,
		email: DEMO_ACCOUNTS.adherent1.email,
		preferred: { pharmacien: pharmacyId, opticien: opticianId },
		intensity: 1.3,
		account: { identifier: DEMO_ACCOUNTS.adherent1.identifier, passwordHash: hash },
		demoRequests: (context, accountId) => {
			addRequest(context, {
				kind: "complaint",
				subKind: "remboursement",
				accountId,
				createdDay: addMonths(context.today, -5),
				payload: { subject: "Remboursement de lunettes incomplet" },
				path: ["acknowledged", "in_progress", "answered", "closed"],
				answerText: "Le complément de remboursement de l'équipement optique a été versé.",
				staffAccountId,
			});
			addRequest(context, {
				kind: "data_protection",
				subKind: "access",
				accountId,
				createdDay: context.today - 10,
				payload: { right: "access" },
				path: ["acknowledged", "in_progress"],
				staffAccountId,
			});
		},
	};
}

/** Sophie Durand and her two children: three years with Essentielle, Nantes. */
function demoFamilyTwo(ctx: SeedContext, hash: string, opticianId: number): FamilySpec {
	const threeYearsAgo = ctx.yearsAgo(3);
	return {
		people: [
			{
				firstName: "Sophie",
				lastName: "Durand",
				sex: "F",
				birthDay: dayOf("1979-09-08"),
				relationship: "adherent",
			},
			{
				firstName: "Nathan",
				lastName: "Durand",
				sex: "M",
				birthDay: dayOf("2008-02-14"),
				relationship: "enfant",
			},
			{
				firstName: "Chloé",
				lastName: "Durand",
				sex: "F",
				birthDay: dayOf("2011-06-30"),
				relationship: "enfant",
			},
		],
		commune: commune("44109"),
		street: "5 allée des Tanneurs",
		offerCode: "ESSENTIELLE",
		startDay: firstOfMonth(yearOf(threeYearsAgo), 1),
		endDay: null,
		endReason: null,
		paymentMethod: "direct_debit",
		periodicity: "monthly",
		paperStatements: true,
		email: DEMO_ACCOUNTS.adherent2.email,
		preferred: { opticien: opticianId },
		account: { identifier: DEMO_ACCOUNTS.adherent2.identifier, passwordHash: hash },
		demoRequests: (context, accountId) => {
			addRequest(context, {
				kind: "beneficiary_add",
				accountId,
				createdDay: context.today - 2,
				payload: { relationship: "conjoint" },
				path: [],
			});
		},
	};
}

function demoCompanyOne(ctx: SeedContext, hash: string) {
	return {
		name: "Les Ateliers du Rhône SAS",
		commune: commune("69387"),
		street: "45 rue de Gerland",
		nafCode: "25.62B",
		size: 60,
		contractStartDay: firstOfMonth(yearOf(ctx.yearsAgo(6)), 1),
		categories: COMPANY_CATEGORIES.SPLIT,
		employerShareBp: 6000,
		basis: "pmss_percent",
		periodicity: "monthly",
		contact: { firstName: "Nadia", lastName: "Benali", sex: "F" },
		account: {
			identifier: DEMO_ACCOUNTS.employeur1.identifier,
			email: DEMO_ACCOUNTS.employeur1.email,
			passwordHash: hash,
			totpSecret: DEMO_ACCOUNTS.employeur1.totpSecret,
		},
		pendingBankChange: true,
		recentPortability: 2,
		dispensed: 3,
	} as const;
}

function demoCompanyTwo(ctx: SeedContext, hash: string) {
	return {
		name: "Boulangerie Lefèvre",
		commune: commune("35238"),
		street: "12 rue de la Monnaie",
		nafCode: "10.71C",
		size: 8,
		contractStartDay: firstOfMonth(yearOf(ctx.yearsAgo(2)), 1),
		categories: COMPANY_CATEGORIES.SINGLE,
		employerShareBp: 5000,
		basis: "flat_amount",
		periodicity: "monthly",
		contact: { firstName: "Thomas", lastName: "Lefèvre", sex: "M" },
		account: {
			identifier: DEMO_ACCOUNTS.employeur2.identifier,
			email: DEMO_ACCOUNTS.employeur2.email,
			passwordHash: hash,
			totpSecret: DEMO_ACCOUNTS.employeur2.totpSecret,
		},
		pendingBankChange: false,
		dispensed: 1,
	} as const;
}
