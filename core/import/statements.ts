// Statements (relevés de prestations) from the core system, keyed by member number and month: the
// core system says it published a member's statement of a month, with how many lines and what
// the mutuelle paid. The portal publishes the same statement from the lines it holds, exactly as
// the nightly publication does (core/adherent/statement-publication.ts): the member's lines paid
// that month are grouped, the month's transfers attached, and a `statement.published` message
// goes to the outbox in the same transaction, so the member gets the usual e-mail. A statement the
// portal's lines do not add up to is refused with both figures (import the prestations first); a
// statement already published with the same figures is counted « inchangée »; a published
// statement never changes.
import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { prestations, statements } from "../../schema/tables/index.ts";
import { checkStatementMonth, publishMemberStatement } from "../adherent/statement-publication.ts";
import { addMonths } from "../calendar.ts";
import { euros } from "./fields.ts";
import { memberNumber, membersByNumber } from "./members.ts";
import type { ImportKind, Rejection } from "./run.ts";

export const statementLine = z.strictObject({
	numero_adherent: memberNumber,
	mois: z
		.string({ error: "mois : valeur manquante." })
		.trim()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/, "mois : AAAA-MM."),
	nombre_lignes: z
		.string({ error: "nombre_lignes : valeur manquante." })
		.regex(/^\d{1,6}$/, "nombre_lignes : un nombre entier.")
		.transform(Number)
		.refine((lines) => lines >= 1, "nombre_lignes : au moins 1."),
	part_mutuelle: euros("part_mutuelle"),
});

export type StatementLine = z.output<typeof statementLine>;

function frenchEuros(cents: number): string {
	return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")} €`;
}

export const statementsImport: ImportKind<StatementLine> = {
	name: "releves",
	schema: statementLine as unknown as ImportKind<StatementLine>["schema"],
	async writeBatch(tx, lines, now) {
		const rejected: Rejection[] = [];
		const found = await membersByNumber(tx, lines);
		let written = 0;
		let unchanged = 0;
		for (const { line, data } of lines) {
			const memberId = found.get(data.numero_adherent)?.id;
			if (memberId === undefined) {
				rejected.push({ line, reason: `Adhérent ${data.numero_adherent} inconnu.` });
				continue;
			}
			if (checkStatementMonth(data.mois, now) !== null) {
				rejected.push({ line, reason: `mois : ${data.mois} n'est pas encore terminé.` });
				continue;
			}
			const [published] = await tx
				.select({ lines: statements.lineCount, mutuelle: statements.mutuelleCents })
				.from(statements)
				.where(and(eq(statements.memberId, memberId), eq(statements.month, data.mois)));
			const figures = published ?? (await pendingFigures(tx, memberId, data.mois));
			if (figures.lines !== data.nombre_lignes || figures.mutuelle !== data.part_mutuelle) {
				const what = published
					? `Le relevé de ${data.mois} est déjà publié avec ${published.lines} ligne(s) et ${frenchEuros(published.mutuelle)} ; un relevé publié ne change pas.`
					: `Le portail a ${figures.lines} ligne(s) payée(s) en ${data.mois} pour ${frenchEuros(figures.mutuelle)}, le relevé en annonce ${data.nombre_lignes} pour ${frenchEuros(data.part_mutuelle)} : importez d'abord ses prestations.`;
				rejected.push({ line, reason: what });
				continue;
			}
			if (published) {
				unchanged++;
				continue;
			}
			await publishMemberStatement(tx, memberId, { month: data.mois, now, actor: "import" });
			written++;
		}
		return { written, unchanged, rejected };
	},
};

/** The member's lines paid in `month` and on no statement yet: how many, and the mutuelle's share. */
async function pendingFigures(
	tx: Parameters<ImportKind<StatementLine>["writeBatch"]>[0],
	memberId: number,
	month: string,
): Promise<{ lines: number; mutuelle: number }> {
	const [row] = await tx
		.select({
			lines: count(),
			mutuelle: sql<number>`coalesce(sum(${prestations.mutuelleCents}), 0)`.mapWith(Number),
		})
		.from(prestations)
		.where(
			and(
				eq(prestations.memberId, memberId),
				gte(prestations.paymentDate, `${month}-01`),
				lt(prestations.paymentDate, addMonths(`${month}-01`, 1)),
				// As the publication reads it: through the member and payment-date index, not statement_id's.
				sql`+${prestations.statementId} IS NULL`,
			),
		);
	return { lines: row?.lines ?? 0, mutuelle: row?.mutuelle ?? 0 };
}
