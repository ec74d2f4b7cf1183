// The lines of an imported file that were refused, each with its reason in French: the
// employer's affiliation import and the back-office's core-system import show the same table
// (stacked on narrow screens by the page's table labelling).

export interface LineReason {
	readonly line: number;
	readonly reason: string;
}

export function LineReasonsTable({
	id,
	caption,
	rows,
}: {
	/** The caption's id, which names the scrollable region. */
	readonly id: string;
	readonly caption: string;
	readonly rows: readonly LineReason[];
}) {
	if (rows.length === 0) return null;
	return (
		<section class="table-wrap" tabindex={0} aria-labelledby={id}>
			<table>
				<caption id={id}>{caption}</caption>
				<thead>
					<tr>
						<th scope="col">Ligne</th>
						<th scope="col">Motif</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr>
							<th scope="row">{row.line}</th>
							<td>{row.reason}</td>
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}
