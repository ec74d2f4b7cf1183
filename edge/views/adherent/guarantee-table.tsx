// A guarantee table by care category, as the member's « Mes garanties » and the employer's
// « Contrat » show it: a row group per category, a row per line, its level and its limit.
import type { GuaranteeCategory } from "../../../core/adherent/guarantees.ts";
import type { PdfRow } from "../../pdf/table.ts";
import { guaranteeLevel, guaranteeLimit } from "./garanties-labels.ts";

export function GuaranteeTable({
	id,
	caption,
	categories,
}: {
	/** The caption's id, which names the scrolling region. */
	readonly id: string;
	readonly caption: string;
	readonly categories: readonly GuaranteeCategory[];
}) {
	return (
		<section class="table-wrap" tabindex={0} aria-labelledby={id}>
			<table>
				<caption id={id}>{caption}</caption>
				<thead>
					<tr>
						<th scope="col" class="wide">
							Soins
						</th>
						<th scope="col" class="wide">
							Remboursement
						</th>
						<th scope="col">Limite</th>
					</tr>
				</thead>
				{categories.map((category) => (
					<tbody>
						<tr>
							<th scope="rowgroup" colspan={3}>
								{category.label}
							</th>
						</tr>
						{category.lines.map((line) => (
							<tr>
								<th scope="row">{line.label}</th>
								<td>{guaranteeLevel(line)}</td>
								<td>{guaranteeLimit(line)}</td>
							</tr>
						))}
					</tbody>
				))}
			</table>
		</section>
	);
}

/** The same table's columns and rows for a PDF (edge/pdf/table.ts). */
export const GUARANTEE_PDF_COLUMNS = [
	{ header: "Soins", weight: 3 },
	{ header: "Remboursement", weight: 4 },
	{ header: "Limite", weight: 2 },
] as const;

export function guaranteePdfRows(categories: readonly GuaranteeCategory[]): PdfRow[] {
	return categories.flatMap((category): PdfRow[] => [
		{ kind: "group", title: category.label },
		...category.lines.map((line) => ({ cells: [line.label, guaranteeLevel(line), guaranteeLimit(line)] })),
	]);
}
