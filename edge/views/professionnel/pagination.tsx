// Pages of a practice's list (factures, paiements), as the espace adhérent pages its lists.
import { pageWindow } from "../adherent/remboursements-page.tsx";

export function Pagination(props: {
	readonly page: number;
	readonly pageCount: number;
	readonly label: string;
	readonly href: (page: number) => string;
}) {
	const { page, pageCount, href } = props;
	if (pageCount <= 1) return null;
	return (
		<nav class="pagination" aria-label={props.label}>
			<ul>
				{page > 1 ? (
					<li>
						<a href={href(page - 1)} rel="prev">
							Précédente<span class="sr-only"> page</span>
						</a>
					</li>
				) : null}
				{pageWindow(page, pageCount).map((n) =>
					n === "gap" ? (
						<li aria-hidden="true">…</li>
					) : (
						<li>
							<a href={href(n)} aria-current={n === page ? "page" : undefined}>
								<span class="sr-only">Page </span>
								{n}
							</a>
						</li>
					),
				)}
				{page < pageCount ? (
					<li>
						<a href={href(page + 1)} rel="next">
							Suivante<span class="sr-only"> page</span>
						</a>
					</li>
				) : null}
			</ul>
		</nav>
	);
}
