// The pages of a long list (remboursements, salariés): previous and next, the first and the
// last page, and two on each side of the current one; plain links, so it works without script.

/** The pages to offer: the first, the last, and two on each side of the current one. */
export function pageWindow(page: number, pageCount: number): (number | "gap")[] {
	const pages: (number | "gap")[] = [];
	for (let n = 1; n <= pageCount; n++) {
		if (n === 1 || n === pageCount || Math.abs(n - page) <= 2) pages.push(n);
		else if (pages[pages.length - 1] !== "gap") pages.push("gap");
	}
	return pages;
}

export function PageLinks({
	label,
	page,
	pageCount,
	href,
}: {
	/** The navigation's accessible name, e.g. « Pages des remboursements ». */
	readonly label: string;
	readonly page: number;
	readonly pageCount: number;
	readonly href: (page: number) => string;
}) {
	if (pageCount <= 1) return null;
	return (
		<nav class="pagination" aria-label={label}>
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
