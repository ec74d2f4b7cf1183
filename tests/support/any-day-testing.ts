// Seeding the demo population on a given day, for the tests that check every day of two years
// (any-day-2026.test.ts, any-day-2027.test.ts: two files, so that the two years run in parallel).
//
// The seed's generators date everything relative to "today" (ages, contract starts and ends,
// portability, statements, requests), and a date drawn back from today can fall before another
// drawn from a month or year boundary: on some days only, the schema's CHECK constraints then
// refuse the row and `npm start` cannot seed (issue 9), or a row contradicts another (a request
// older than the account that made it).
//
// Each day gets the real seed into a fresh in-memory database with the real migrations, so every
// constraint of the schema (CHECK, NOT NULL, UNIQUE, foreign keys) judges its rows. To keep 730
// seeds affordable: a small scale (the fixed demo families and companies, which carry the longest
// histories and the forced portabilities, plus generated families and professionals), the
// secondary (non-unique) indexes dropped after migrating (they enforce nothing), and the Argon2id
// hashes computed once (they depend on the seed and the pepper, not on the day).
import { hashPassword, PASSWORD_HASH_PARAMETERS } from "../../core/password.ts";
import { dayString } from "../../demo/dates.ts";
import { seedDatabase } from "../../demo/seed.ts";
import { createTestDatabase } from "./test-database.ts";

const MS_PER_DAY = 86_400_000;
const PEPPER = "test-pepper-of-at-least-32-characters";

/** The real Argon2id, memoized on password, pepper and salt: the same five hashes every day. */
export function memoizedHash(): typeof hashPassword {
	const cache = new Map<string, Promise<string>>();
	return (password, pepper, options = {}) => {
		const salt = options.randomBytes?.(PASSWORD_HASH_PARAMETERS.saltLength);
		if (!salt) throw new Error("the seed draws its salts from its own generator");
		const key = `${password}\u0000${pepper}\u0000${Buffer.from(salt).toString("hex")}`;
		let hash = cache.get(key);
		if (!hash) {
			hash = hashPassword(password, pepper, { randomBytes: () => salt });
			cache.set(key, hash);
		}
		return hash;
	};
}

/** Rows that break what the seed promises beyond the constraints: nothing after today, in order. */
const INVARIANTS: Record<string, string> = {
	"affiliation ended after today": "SELECT count(*) AS n FROM affiliations WHERE end_date > :today",
	"contract ended after today": "SELECT count(*) AS n FROM individual_contracts WHERE end_date > :today",
	"convention ended after today":
		"SELECT count(*) AS n FROM professionals WHERE convention_ended_on > :today",
	"care after today": "SELECT count(*) AS n FROM prestations WHERE care_date > :today",
	"request before its account":
		"SELECT count(*) AS n FROM requests r JOIN accounts a ON a.id = r.account_id WHERE r.created_at < a.created_at",
	"request after now": "SELECT count(*) AS n FROM requests WHERE created_at > :now",
};

/** What goes wrong when seeding on `day` (epoch days), or nothing. */
export async function problemsOn(day: number, scale: number, hash: typeof hashPassword): Promise<string[]> {
	const now = new Date(day * MS_PER_DAY + 12 * 3_600_000);
	const handle = await createTestDatabase();
	try {
		const indexes = await handle.client.execute(
			"SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE INDEX%'",
		);
		await handle.client.batch(
			indexes.rows.map((row) => `DROP INDEX "${String(row.name)}"`),
			"write",
		);
		await seedDatabase(handle.db, { scale, seed: 42, pepper: PEPPER, now, hashPassword: hash });
		const problems: string[] = [];
		for (const [name, sql] of Object.entries(INVARIANTS)) {
			const result = await handle.client.execute({
				sql,
				args: { today: dayString(day), now: now.getTime() },
			});
			const count = Number(result.rows[0]?.n ?? 0);
			if (count > 0) problems.push(`${name} (${count})`);
		}
		return problems;
	} catch (error) {
		return [(error instanceof Error ? error.message : String(error)).split("\n")[0] ?? ""];
	} finally {
		handle.client.close();
	}
}

/** Every problem of every day of `year`, as "YYYY-MM-DD: problem". */
export async function problemsOfYear(year: number): Promise<string[]> {
	const hash = memoizedHash();
	const failures: string[] = [];
	const first = Date.UTC(year, 0, 1) / MS_PER_DAY;
	const last = Date.UTC(year, 11, 31) / MS_PER_DAY;
	for (let day = first; day <= last; day++) {
		// Scale 0.1: the fixed demo families and companies, 18 generated families, 11 professionals.
		for (const problem of await problemsOn(day, 0.1, hash)) failures.push(`${dayString(day)}: ${problem}`);
	}
	return failures;
}
