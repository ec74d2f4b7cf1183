// The prestation lines of the import benchmark (bench/import.ts): line i is the same in the CSV
// file and in the baseline's INSERTs; amounts vary and the parts always add up.
import type { Client } from "@libsql/client";

export interface Target {
	readonly number: string;
	readonly memberId: number;
	readonly rank: number;
	readonly beneficiaryId: number;
}

export interface Act {
	readonly code: string;
	readonly category: string;
}

export async function benchTargets(client: Client): Promise<{ targets: Target[]; act: Act }> {
	const targets = (
		await client.execute(
			"SELECT m.member_number AS number, m.id AS memberId, b.rank AS rank, b.id AS beneficiaryId FROM beneficiaries b JOIN members m ON m.id = b.member_id ORDER BY b.id",
		)
	).rows.map((row) => ({
		number: String(row.number),
		memberId: Number(row.memberId),
		rank: Number(row.rank),
		beneficiaryId: Number(row.beneficiaryId),
	}));
	const [row] = (
		await client.execute("SELECT code, category_code AS category FROM acts ORDER BY code LIMIT 1")
	).rows;
	return { targets, act: { code: String(row?.code), category: String(row?.category) } };
}

export function generatedLine(i: number, targets: readonly Target[]) {
	const target = targets[i % targets.length] as Target;
	const charged = 1_000 + (i % 9_000);
	const ss = Math.floor(charged * 0.6);
	const mutuelle = Math.floor((charged - ss) * 0.8);
	const day = String(1 + (i % 28)).padStart(2, "0");
	return { target, charged, ss, mutuelle, remaining: charged - ss - mutuelle, careDate: `2026-10-${day}` };
}
