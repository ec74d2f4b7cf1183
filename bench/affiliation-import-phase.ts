// One phase of the affiliation-import benchmark in a process of its own, so that its peak
// resident memory is its own (bench/affiliation-import.ts starts it). Prints one JSON line.
// - `import <database> <file> <companyId> <accountId> <today>`: the employer's import as the
//   pages run it (core/employeur/affiliation-import.ts): the file stored, validated step by
//   step, confirmed, written step by step with each invitation e-mail and audit entry;
// - `baseline <database> <lines> <companyId> <today>`: the same employees' persons, members,
//   affiliations and accounts written by bare multi-row INSERTs in one transaction.
// Both open the database as the Node server does (WAL checkpoints on a thread of their own).
import { readFile } from "node:fs/promises";
import {
	advanceAffiliationImport,
	confirmAffiliationImport,
	getAffiliationImport,
	type ImportContext,
	startAffiliationImport,
} from "../core/employeur/affiliation-import.ts";
import { decodeCsv } from "../core/employeur/affiliation-line.ts";
import { createDatabase } from "../db/client.ts";
import { generatedEmployee } from "./lib/affiliation-rows.ts";

const now = new Date("2026-11-26T09:00:00Z");

async function importer(url: string, file: string, companyId: number, accountId: number, today: string) {
	const { client, db, ready } = createDatabase({ url, backgroundCheckpoints: true });
	await ready;
	const context: ImportContext = {
		scope: { companyId, accountId, sessionId: "bench" },
		now,
		today,
		correlationId: "bench-affiliation-import",
	};
	const options = {
		publicUrl: new URL("http://localhost:4321"),
		randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)),
	};
	const started = performance.now();
	const bytes = new Uint8Array(await readFile(file));
	const start = await startAffiliationImport(db, {
		...context,
		fileName: "bench.csv",
		bytes,
		text: decodeCsv(bytes),
	});
	if (!start.ok) throw new Error(start.reason);
	let steps = 0;
	const stepUntil = async (status: string) => {
		for (;;) {
			await advanceAffiliationImport(db, start.importId, context, options);
			steps++;
			const summary = await getAffiliationImport(db, companyId, start.importId);
			if (!summary || summary.status === status) return summary;
		}
	};
	const validated = await stepUntil("validated");
	const validationSeconds = (performance.now() - started) / 1000;
	const confirmed = await confirmAffiliationImport(db, start.importId, context);
	if (!confirmed.ok) throw new Error(`not confirmed: ${confirmed.reason}`);
	const done = await stepUntil("done");
	const seconds = (performance.now() - started) / 1000;
	const rejectedLines = (
		await client.execute({
			sql: "SELECT line FROM affiliation_import_lines WHERE import_id = ? AND status = 'rejected' ORDER BY line",
			args: [start.importId],
		})
	).rows.map((row) => Number(row.line));
	client.close();
	return {
		seconds,
		validationSeconds,
		steps,
		validated: validated?.counts,
		done: done?.counts,
		rejectedLines,
	};
}

const ROWS = 200;

async function baseline(url: string, lines: number, companyId: number, today: string) {
	const { client, ready } = createDatabase({ url, backgroundCheckpoints: true });
	await ready;
	const started = performance.now();
	const [category] = (
		await client.execute({
			sql: `SELECT c.id, c.group_contract_id FROM group_contract_categories c JOIN group_contracts g ON g.id = c.group_contract_id
			WHERE g.company_id = ? AND (g.end_date IS NULL OR g.end_date >= ?) ORDER BY g.start_date DESC, c.id LIMIT 1`,
			args: [companyId, today],
		})
	).rows;
	const next = async (sql: string) => Number((await client.execute(sql)).rows[0]?.n ?? 0) + 1;
	const tx = await client.transaction("write");
	let person = await next("SELECT max(id) AS n FROM persons");
	let member = await next("SELECT max(id) AS n FROM members");
	let number = await next("SELECT max(CAST(member_number AS INTEGER)) AS n FROM members");
	let identifier = await next(
		"SELECT max(CAST(identifier AS INTEGER)) AS n FROM accounts WHERE identifier LIKE '1%'",
	);
	const employees = Array.from({ length: lines }, (_, i) => generatedEmployee(i)).filter((e) => !e.broken);
	const at = now.getTime();
	for (let start = 0; start < employees.length; start += ROWS) {
		const slice = employees.slice(start, start + ROWS);
		const persons: unknown[] = [];
		const members: unknown[] = [];
		const affiliations: unknown[] = [];
		const accounts: unknown[] = [];
		for (const e of slice) {
			persons.push(
				person,
				e.lastName,
				e.firstName,
				e.birthDate,
				e.nir.startsWith("2") ? "F" : "M",
				e.nir,
				at,
				at,
			);
			members.push(member, String(number++), person, "12 rue de la Paix", "75002", "Paris", e.email, at, at);
			affiliations.push(
				companyId,
				category?.group_contract_id,
				category?.id,
				person,
				member,
				"isole",
				"2026-12-01",
				at,
				at,
			);
			accounts.push(String(identifier++), "adherent", member, e.email, "pending", "email", at, at);
			person++;
			member++;
		}
		const values = (n: number) =>
			Array(slice.length)
				.fill(`(${Array(n).fill("?").join(", ")})`)
				.join(", ");
		await tx.execute({
			sql: `INSERT INTO persons (id, last_name, first_name, birth_date, sex, nir, created_at, updated_at) VALUES ${values(8)}`,
			args: persons as never,
		});
		await tx.execute({
			sql: `INSERT INTO members (id, member_number, person_id, address_line1, postal_code, city, email, created_at, updated_at) VALUES ${values(9)}`,
			args: members as never,
		});
		await tx.execute({
			sql: `INSERT INTO affiliations (company_id, group_contract_id, category_id, person_id, member_id, option, start_date, created_at, updated_at) VALUES ${values(9)}`,
			args: affiliations as never,
		});
		await tx.execute({
			sql: `INSERT INTO accounts (identifier, space, member_id, email, state, second_factor_method, created_at, updated_at) VALUES ${values(8)}`,
			args: accounts as never,
		});
	}
	await tx.commit();
	const seconds = (performance.now() - started) / 1000;
	client.close();
	return { seconds, written: employees.length };
}

// The peak resident memory once every module is loaded, before any work: what the process
// costs whatever it then does (tsx, drizzle, libSQL and the app's modules).
const loadedRssKb = process.resourceUsage().maxRSS;
const [phase, url = "", a = "", b = "", c = "", d = ""] = process.argv.slice(2);
const result =
	phase === "baseline"
		? await baseline(url, Number(a), Number(b), c)
		: await importer(url, a, Number(b), Number(c), d);
// CPU time next to wall time: on a shared machine the wall time mostly measures the others.
const usage = process.resourceUsage();
process.stdout.write(
	`${JSON.stringify({ ...result, loadedRssKb, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssKb: usage.maxRSS })}\n`,
);
