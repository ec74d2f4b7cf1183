// The criteria of a practice's list as the GET form sent them, kept to fill the form again and
// to build the links of the pages and of the CSV export.

/** The criteria as sent (dates also as their typed parts). */
export type ListCriteria = Readonly<Record<string, string | undefined>>;

/** `?du=…&statut=…` with the criteria given (and the page past the first), or "". */
export function criteriaQuery(criteria: ListCriteria, keys: readonly string[], page = 1): string {
	const params = new URLSearchParams();
	for (const key of keys) {
		const value = criteria[key];
		if (value) params.set(key, value);
	}
	if (page > 1) params.set("page", String(page));
	const query = params.toString();
	return query ? `?${query}` : "";
}
