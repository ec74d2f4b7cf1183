// « Affilier par fichier » (ADR 0033): an employer uploads a CSV of up to 20 000 employees. The
// file is stored as pending lines of an import; each step (one page view, bounded) validates the
// next lines with the form's rules, then, once the employer has confirmed, writes the next valid
// ones with the form's own code (writeAffiliation, inviteEmployee) in IMMEDIATE transactions
// that also carry each invitation e-mail (the outbox). Nothing is affiliated before the
// confirmation; the same file uploaded again finds its employees affiliated already and says so.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import type { AffiliationImportStatus } from "../../schema/enums.ts";
import { affiliationImportLines, affiliationImports } from "../../schema/tables/index.ts";
import { appendAuditEvent } from "../audit.ts";
import { asStrings, firstReason } from "../import/fields.ts";
import type { RandomBytes } from "../password.ts";
import { sha256Hex } from "../sha256.ts";
import {
	checkAffiliationDates,
	type EmployeeRecord,
	inviteEmployees,
	nextMemberNumber,
	type Transaction,
	writeAffiliations,
} from "./affiliate.ts";
import { type AffiliationLine, affiliationLine, parseAffiliationCsv } from "./affiliation-line.ts";
import { foldName } from "./name-key.ts";
import type { EmployerScope } from "./scope.ts";

/** Lines validated per transaction, and per step (one page view). */
const VALIDATE_BATCH = 1_000;
export const VALIDATE_STEP = 5_000;
/** Affiliations written per transaction, and per step. */
const CONFIRM_BATCH = 250;
export const CONFIRM_STEP = 1_000;
const INSERT_ROWS = 500;
/** Rows carried by one JSON parameter. */
const JSON_ROWS = 2_000;

export interface ImportContext {
	readonly scope: EmployerScope;
	readonly now: Date;
	readonly today: string;
	readonly correlationId: string;
}

export type StartImportResult =
	| { readonly ok: true; readonly importId: number; readonly resumed: boolean }
	| { readonly ok: false; readonly reason: string };

/**
 * Stores the file as an import of pending lines, or answers why the whole file is refused. The
 * same file while its import is still open leads back to that import rather than a second one.
 */
export async function startAffiliationImport(
	db: Database,
	context: ImportContext & { readonly fileName: string; readonly bytes: Uint8Array; readonly text: string },
): Promise<StartImportResult> {
	const { scope, now } = context;
	const fileSha256 = sha256Hex(context.bytes);
	const [open] = await db
		.select({ id: affiliationImports.id })
		.from(affiliationImports)
		.where(
			and(
				eq(affiliationImports.companyId, scope.companyId),
				eq(affiliationImports.fileSha256, fileSha256),
				sql`${affiliationImports.status} <> 'done'`,
			),
		)
		.limit(1);
	if (open) return { ok: true, importId: open.id, resumed: true };
	const parsed = parseAffiliationCsv(context.text);
	if (!parsed.ok) return parsed;
	const importId = await db.transaction(
		async (tx) => {
			const [row] = await tx
				.insert(affiliationImports)
				.values({
					companyId: scope.companyId,
					accountId: scope.accountId,
					fileName: context.fileName.slice(0, 200),
					fileSha256,
					status: "validating",
					lineCount: parsed.rows.length,
					createdAt: now,
					updatedAt: now,
				})
				.returning({ id: affiliationImports.id });
			if (!row) throw new Error("affiliation import: the import was not written");
			// One JSON parameter per slice, unpacked by SQLite: no SQL built per value (ADR 0033).
			for (let start = 0; start < parsed.rows.length; start += JSON_ROWS)
				await tx.run(sql`
					INSERT INTO affiliation_import_lines (import_id, line, status, payload)
					SELECT ${row.id}, j.value ->> 'line', 'pending', j.value ->> 'payload'
					FROM json_each(${JSON.stringify(
						parsed.rows
							.slice(start, start + JSON_ROWS)
							.map(({ line, record }) => ({ line, payload: JSON.stringify(record) })),
					)}) AS j`);
			await appendAuditEvent(tx, {
				...auditOf(context, "employeur.affiliation_import.uploaded", row.id),
				details: { lines: parsed.rows.length, fileSha256 },
			});
			return row.id;
		},
		{ behavior: "immediate" },
	);
	return { ok: true, importId, resumed: false };
}

function auditOf(context: ImportContext, action: string, importId: number) {
	return {
		occurredAt: context.now,
		accountId: context.scope.accountId,
		sessionId: context.scope.sessionId,
		actorKind: "account" as const,
		action,
		objectType: "affiliation_import",
		objectId: String(importId),
		outcome: "success" as const,
		correlationId: context.correlationId,
	};
}

interface CategoryTarget {
	readonly categoryId: number;
	readonly groupContractId: number;
	readonly contractStart: string;
}

/** The company's open categories, found by their code (« cadres ») or their label, folded. */
async function categoryTargets(tx: Transaction, companyId: number, today: string) {
	const rows = await tx.all<{
		id: number;
		code: string;
		label: string;
		contractId: number;
		start: string;
	}>(sql`
		SELECT c.id AS id, c.category AS code, c.label AS label, g.id AS contractId, g.start_date AS start
		FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
		WHERE g.company_id = ${companyId} AND (g.end_date IS NULL OR g.end_date >= ${today})
		ORDER BY g.start_date DESC, c.id`);
	const targets = new Map<string, CategoryTarget>();
	for (const row of rows) {
		const target = { categoryId: row.id, groupContractId: row.contractId, contractStart: row.start };
		for (const key of [row.code, row.code.replaceAll("_", "-"), row.label])
			if (!targets.has(foldName(key).trim())) targets.set(foldName(key).trim(), target);
	}
	return targets;
}

/** What a valid line keeps until it is written: the employee and their contract. */
type ValidLine = EmployeeRecord & { readonly groupContractId: number };

const PROBLEMS = {
	nir_birth_date: "nir : le numéro de sécurité sociale ne correspond pas à la date de naissance.",
	start_too_far: "date_affiliation : l'affiliation ne peut pas commencer plus de trois mois à l'avance.",
	start_before_contract: "date_affiliation : l'affiliation ne peut pas commencer avant le contrat collectif.",
	unknown_category: "categorie : ce n'est pas une catégorie du contrat de votre entreprise.",
} as const;
export const ALREADY_AFFILIATED =
	"Déjà enregistrée : ce salarié est déjà affilié au contrat de votre entreprise.";

function readLine(
	record: Record<string, unknown>,
	targets: ReadonlyMap<string, CategoryTarget>,
	today: string,
): { ok: true; line: ValidLine } | { ok: false; reason: string; nir?: string } {
	if ("__parsed_extra" in record)
		return { ok: false, reason: "Ligne mal formée : elle a plus de colonnes que la première ligne." };
	const parsed = affiliationLine.safeParse(asStrings(record));
	if (!parsed.success) return { ok: false, reason: firstReason(parsed.error) };
	const data: AffiliationLine = parsed.data;
	const problem = checkAffiliationDates({
		nir: data.nir,
		birthDate: data.date_naissance,
		startDate: data.date_affiliation,
		today,
	});
	if (problem) return { ok: false, reason: PROBLEMS[problem], nir: data.nir };
	const target = targets.get(foldName(data.categorie).trim());
	if (!target) return { ok: false, reason: PROBLEMS.unknown_category, nir: data.nir };
	if (data.date_affiliation < target.contractStart)
		return { ok: false, reason: PROBLEMS.start_before_contract, nir: data.nir };
	return {
		ok: true,
		line: {
			nir: data.nir,
			lastName: data.nom,
			firstName: data.prenom,
			birthDate: data.date_naissance,
			email: data.email,
			addressLine1: data.adresse,
			postalCode: data.code_postal,
			city: data.ville,
			employeeNumber: data.matricule ? data.matricule.toUpperCase() : null,
			startDate: data.date_affiliation,
			categoryId: target.categoryId,
			option: data.option,
			groupContractId: target.groupContractId,
		},
	};
}

type LineUpdate = typeof affiliationImportLines.$inferInsert;

/** Which of these NIRs the company covers already (or is about to): an employee is affiliated once. */
async function coveredNirs(
	tx: Transaction,
	context: ImportContext,
	nirs: readonly string[],
): Promise<Set<string>> {
	const covered = new Set<string>();
	for (let start = 0; start < nirs.length; start += INSERT_ROWS) {
		const slice = nirs.slice(start, start + INSERT_ROWS);
		if (slice.length === 0) continue;
		for (const row of await tx.all<{ nir: string }>(sql`
			SELECT p.nir AS nir FROM persons p JOIN affiliations a ON a.person_id = p.id
			WHERE p.nir IN (${sql.join(slice, sql`, `)}) AND a.company_id = ${context.scope.companyId}
				AND (a.end_date IS NULL OR a.end_date >= ${context.today})`))
			covered.add(row.nir);
	}
	return covered;
}

async function saveLines(tx: Transaction, updates: readonly LineUpdate[]): Promise<void> {
	const importId = updates[0]?.importId;
	if (importId === undefined) return;
	for (let start = 0; start < updates.length; start += JSON_ROWS)
		// An upsert on the primary key: each row finds its line by the index (an UPDATE … FROM
		// json_each would compare every line with every row).
		await tx.run(sql`
			INSERT INTO affiliation_import_lines (import_id, line, status, payload, nir, reason, affiliation_id)
			SELECT ${importId}, j.value ->> 'line', j.value ->> 'status', j.value ->> 'payload', j.value ->> 'nir',
				j.value ->> 'reason', j.value ->> 'affiliationId'
			FROM json_each(${JSON.stringify(updates.slice(start, start + JSON_ROWS))}) AS j WHERE true
			ON CONFLICT (import_id, line) DO UPDATE SET status = excluded.status, payload = excluded.payload,
				nir = excluded.nir, reason = excluded.reason, affiliation_id = excluded.affiliation_id`);
}

/** Validates the next batch of pending lines; false when none was left. */
async function validateBatch(
	tx: Transaction,
	importId: number,
	context: ImportContext,
	limit: number,
): Promise<boolean> {
	const lines = await tx
		.select({ line: affiliationImportLines.line, payload: affiliationImportLines.payload })
		.from(affiliationImportLines)
		.where(and(eq(affiliationImportLines.importId, importId), eq(affiliationImportLines.status, "pending")))
		.orderBy(asc(affiliationImportLines.line))
		.limit(limit);
	if (lines.length === 0) return false;
	const targets = await categoryTargets(tx, context.scope.companyId, context.today);
	const read = lines.map((entry) => ({
		line: entry.line,
		result: readLine(JSON.parse(entry.payload ?? "{}") as Record<string, unknown>, targets, context.today),
	}));
	const nirs = [...new Set(read.flatMap(({ result }) => (result.ok ? [result.line.nir] : [])))];
	const covered = await coveredNirs(tx, context, nirs);
	const earlier = new Map<string, number>();
	for (let start = 0; start < nirs.length; start += INSERT_ROWS) {
		const slice = nirs.slice(start, start + INSERT_ROWS);
		const seen = await tx
			.select({ nir: affiliationImportLines.nir, line: sql<number>`min(${affiliationImportLines.line})` })
			.from(affiliationImportLines)
			.where(
				and(
					eq(affiliationImportLines.importId, importId),
					inArray(affiliationImportLines.nir, slice),
					inArray(affiliationImportLines.status, ["valid", "already"]),
				),
			)
			.groupBy(affiliationImportLines.nir);
		for (const row of seen) if (row.nir) earlier.set(row.nir, row.line);
	}
	const updates: LineUpdate[] = read.map(({ line, result }) => {
		const base = { importId, line, affiliationId: null };
		if (!result.ok) return { ...base, status: "rejected", payload: null, nir: null, reason: result.reason };
		const { nir } = result.line;
		if (covered.has(nir))
			return { ...base, status: "already", payload: null, nir, reason: ALREADY_AFFILIATED };
		const first = earlier.get(nir);
		if (first !== undefined)
			return {
				...base,
				status: "rejected",
				payload: null,
				nir: null,
				reason: `nir : le même salarié figure déjà ligne ${first} du fichier.`,
			};
		earlier.set(nir, line);
		return { ...base, status: "valid", payload: JSON.stringify(result.line), nir, reason: null };
	});
	await saveLines(tx, updates);
	return true;
}

export interface ImportStepOptions {
	readonly validateStep?: number;
	readonly confirmStep?: number;
	readonly publicUrl: URL;
	readonly randomBytes: RandomBytes;
}

/** Writes the next batch of confirmed lines; false when none was left. */
async function confirmBatch(
	tx: Transaction,
	importId: number,
	context: ImportContext,
	options: ImportStepOptions,
	limit: number,
): Promise<boolean> {
	const lines = await tx
		.select({ line: affiliationImportLines.line, payload: affiliationImportLines.payload })
		.from(affiliationImportLines)
		.where(and(eq(affiliationImportLines.importId, importId), eq(affiliationImportLines.status, "valid")))
		.orderBy(asc(affiliationImportLines.line))
		.limit(limit);
	if (lines.length === 0) return false;
	const employees = lines.map((entry) => ({
		line: entry.line,
		employee: JSON.parse(entry.payload ?? "{}") as ValidLine,
	}));
	// Affiliated meanwhile (the form, another import): left out, never twice.
	const covered = await coveredNirs(
		tx,
		context,
		employees.map(({ employee }) => employee.nir),
	);
	const toWrite = employees.filter(({ employee }) => !covered.has(employee.nir));
	const written = await writeAffiliations(tx, {
		scope: context.scope,
		employees: toWrite.map(({ employee }) => employee),
		firstMemberNumber: await nextMemberNumber(tx),
		now: context.now,
		correlationId: context.correlationId,
		importId,
	});
	await inviteEmployees(
		tx,
		written.map((row, index) => ({
			accountId: row.accountId,
			identifier: row.identifier,
			firstName: toWrite[index]?.employee.firstName ?? "",
			email: toWrite[index]?.employee.email ?? "",
		})),
		{
			now: context.now,
			publicUrl: options.publicUrl,
			randomBytes: options.randomBytes,
			renderAt: "delivery",
		},
	);
	const affiliationOfLine = new Map(toWrite.map(({ line }, index) => [line, written[index]?.affiliationId]));
	const updates: LineUpdate[] = employees.map(({ line, employee }) => {
		const base = { importId, line, payload: null, nir: employee.nir };
		const affiliationId = affiliationOfLine.get(line);
		return affiliationId === undefined
			? { ...base, status: "already", reason: ALREADY_AFFILIATED, affiliationId: null }
			: { ...base, status: "created", reason: null, affiliationId };
	});
	await saveLines(tx, updates);
	return true;
}

async function setStatus(
	tx: Transaction,
	importId: number,
	status: AffiliationImportStatus,
	now: Date,
	extra: Partial<typeof affiliationImports.$inferInsert> = {},
): Promise<void> {
	await tx
		.update(affiliationImports)
		.set({ status, updatedAt: now, ...extra })
		.where(eq(affiliationImports.id, importId));
}

/**
 * One bounded step of an import: up to `validateStep` lines validated, or (once confirmed) up
 * to `confirmStep` affiliations written. Safe to run again and from two pages at once: each
 * batch re-reads, inside its IMMEDIATE transaction, which lines are still to do.
 */
export async function advanceAffiliationImport(
	db: Database,
	importId: number,
	context: ImportContext,
	options: ImportStepOptions,
): Promise<void> {
	const found = await findImport(db, context.scope.companyId, importId);
	if (!found) return;
	if (found.status === "validating") {
		const step = options.validateStep ?? VALIDATE_STEP;
		const batch = Math.min(VALIDATE_BATCH, step);
		for (let done = 0; done < step; done += batch) {
			const more = await db.transaction(
				async (tx) => {
					const more = await validateBatch(tx, importId, context, batch);
					if (!more) await setStatus(tx, importId, "validated", context.now);
					return more;
				},
				{ behavior: "immediate" },
			);
			if (!more) return;
		}
		return;
	}
	if (found.status !== "confirming") return;
	const step = options.confirmStep ?? CONFIRM_STEP;
	const batch = Math.min(CONFIRM_BATCH, step);
	for (let done = 0; done < step; done += batch) {
		const more = await db.transaction(
			async (tx) => {
				const more = await confirmBatch(tx, importId, context, options, batch);
				if (!more) await finish(tx, importId, context);
				return more;
			},
			{ behavior: "immediate" },
		);
		if (!more) return;
	}
}

async function finish(tx: Transaction, importId: number, context: ImportContext): Promise<void> {
	// The file's contents (personal data) are not kept once every line is settled.
	await tx
		.update(affiliationImportLines)
		.set({ payload: null })
		.where(eq(affiliationImportLines.importId, importId));
	await setStatus(tx, importId, "done", context.now, { finishedAt: context.now });
	const counts = await countLines(tx, importId);
	await appendAuditEvent(tx, {
		...auditOf(context, "employeur.affiliation_import.completed", importId),
		details: { created: counts.created, already: counts.already, rejected: counts.rejected },
	});
}

export type ConfirmResult =
	| { readonly ok: true }
	| { readonly ok: false; readonly reason: "not_ready" | "nothing" };

/** The employer confirms the valid lines: the next steps write them. */
export async function confirmAffiliationImport(
	db: Database,
	importId: number,
	context: ImportContext,
): Promise<ConfirmResult> {
	return db.transaction(
		async (tx): Promise<ConfirmResult> => {
			const [row] = await tx
				.select({ status: affiliationImports.status })
				.from(affiliationImports)
				.where(
					and(eq(affiliationImports.id, importId), eq(affiliationImports.companyId, context.scope.companyId)),
				);
			if (row?.status === "confirming" || row?.status === "done") return { ok: true };
			if (row?.status !== "validated") return { ok: false, reason: "not_ready" };
			const counts = await countLines(tx, importId);
			if (counts.valid === 0) return { ok: false, reason: "nothing" };
			await setStatus(tx, importId, "confirming", context.now, { confirmedAt: context.now });
			await appendAuditEvent(tx, {
				...auditOf(context, "employeur.affiliation_import.confirmed", importId),
				details: { valid: counts.valid },
			});
			return { ok: true };
		},
		{ behavior: "immediate" },
	);
}

export interface LineCounts {
	readonly pending: number;
	readonly valid: number;
	readonly rejected: number;
	readonly already: number;
	readonly created: number;
}

async function countLines(tx: Transaction | Database, importId: number): Promise<LineCounts> {
	const rows = await tx
		.select({ status: affiliationImportLines.status, count: sql<number>`count(*)` })
		.from(affiliationImportLines)
		.where(eq(affiliationImportLines.importId, importId))
		.groupBy(affiliationImportLines.status);
	const counts = { pending: 0, valid: 0, rejected: 0, already: 0, created: 0 };
	for (const row of rows) counts[row.status] = Number(row.count);
	return counts;
}

export interface ImportSummary {
	readonly id: number;
	readonly fileName: string;
	readonly status: AffiliationImportStatus;
	readonly lineCount: number;
	readonly counts: LineCounts;
	readonly createdAt: Date;
	readonly finishedAt: Date | null;
	/** When the same file was imported to the end before: that import's end. */
	readonly sameFileImportedAt: Date | null;
}

async function findImport(db: Database, companyId: number, importId: number) {
	const [row] = await db
		.select()
		.from(affiliationImports)
		.where(and(eq(affiliationImports.id, importId), eq(affiliationImports.companyId, companyId)));
	return row ?? null;
}

/** The import with its counts, or null when it is not the company's (404). */
export async function getAffiliationImport(
	db: Database,
	companyId: number,
	importId: number,
): Promise<ImportSummary | null> {
	const row = await findImport(db, companyId, importId);
	if (!row) return null;
	const [earlier] = await db
		.select({ finishedAt: affiliationImports.finishedAt })
		.from(affiliationImports)
		.where(
			and(
				eq(affiliationImports.companyId, companyId),
				eq(affiliationImports.fileSha256, row.fileSha256),
				eq(affiliationImports.status, "done"),
				sql`${affiliationImports.id} < ${importId}`,
			),
		)
		.orderBy(sql`${affiliationImports.id} DESC`)
		.limit(1);
	return {
		id: row.id,
		fileName: row.fileName,
		status: row.status,
		lineCount: row.lineCount,
		counts: await countLines(db, importId),
		createdAt: row.createdAt,
		finishedAt: row.finishedAt,
		sameFileImportedAt: earlier?.finishedAt ?? null,
	};
}

export interface ImportProblem {
	readonly line: number;
	readonly status: "rejected" | "already";
	readonly reason: string;
}

/** The refused and already-recorded lines, in file order, a page at a time. */
export async function listImportProblems(
	db: Database,
	importId: number,
	options: { readonly afterLine: number; readonly limit: number },
): Promise<ImportProblem[]> {
	const rows = await db
		.select({
			line: affiliationImportLines.line,
			status: affiliationImportLines.status,
			reason: affiliationImportLines.reason,
		})
		.from(affiliationImportLines)
		.where(
			and(
				eq(affiliationImportLines.importId, importId),
				inArray(affiliationImportLines.status, ["rejected", "already"]),
				gt(affiliationImportLines.line, options.afterLine),
			),
		)
		.orderBy(asc(affiliationImportLines.line))
		.limit(options.limit);
	return rows.map((row) => ({
		line: row.line,
		status: row.status === "already" ? "already" : "rejected",
		reason: row.reason ?? "",
	}));
}

export interface RecentImport {
	readonly id: number;
	readonly fileName: string;
	readonly status: AffiliationImportStatus;
	readonly lineCount: number;
	readonly createdAt: Date;
}

/** The company's last imports, newest first: a page left while it ran is found again here. */
export async function listRecentImports(
	db: Database,
	companyId: number,
	limit = 10,
): Promise<RecentImport[]> {
	return db
		.select({
			id: affiliationImports.id,
			fileName: affiliationImports.fileName,
			status: affiliationImports.status,
			lineCount: affiliationImports.lineCount,
			createdAt: affiliationImports.createdAt,
		})
		.from(affiliationImports)
		.where(eq(affiliationImports.companyId, companyId))
		.orderBy(sql`${affiliationImports.id} DESC`)
		.limit(limit);
}
