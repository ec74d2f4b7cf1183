// Input that a parser would silently resolve is refused before any route reads it (issue 11):
// a query parameter given twice (`?annee=2025&annee=2026`: which one did the user mean?) and a
// JSON body with a key given twice (`JSON.parse` keeps the last one, another parser the first).
// Both answer 400 with a French message and change nothing.
import { createMiddleware } from "hono/factory";
import { visit } from "jsonc-parser";
import type { AppEnv } from "../env.ts";
import { httpError } from "../lib/http-errors.ts";

/** The first key of `search` given more than once, or null. */
export function repeatedQueryKey(search: URLSearchParams): string | null {
	const seen = new Set<string>();
	for (const key of search.keys()) {
		if (seen.has(key)) return key;
		seen.add(key);
	}
	return null;
}

/**
 * The first key given twice in one object of a JSON text, or null. Keys are compared decoded
 * (`"b"` and `"\u0062"` are the same key). A text that is not JSON has no duplicate here: the
 * route's own parser refuses it.
 */
export function duplicateJsonKey(text: string): string | null {
	const objects: Set<string>[] = [];
	let duplicate: string | null = null;
	visit(
		text,
		{
			onObjectBegin: () => {
				objects.push(new Set());
			},
			onObjectEnd: () => {
				objects.pop();
			},
			onObjectProperty: (key) => {
				const keys = objects.at(-1);
				if (!keys || duplicate !== null) return;
				if (keys.has(key)) duplicate = key;
				keys.add(key);
			},
		},
		{ disallowComments: true, allowTrailingComma: false },
	);
	return duplicate;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

export const strictInput = createMiddleware<AppEnv>(async (c, next) => {
	const search = new URL(c.req.url).searchParams;
	if (repeatedQueryKey(search) !== null) {
		throw httpError(400, "Un même paramètre figure plusieurs fois dans l'adresse demandée.");
	}
	if (
		c.req.method !== "GET" &&
		c.req.method !== "HEAD" &&
		JSON_TYPE.test(c.req.header("Content-Type") ?? "")
	) {
		// Read once here; the route's validator reads the same cached text.
		const key = duplicateJsonKey(await c.req.text());
		if (key !== null) {
			throw httpError(
				400,
				`La donnée « ${key.slice(0, 40)} » figure plusieurs fois dans les données envoyées.`,
			);
		}
	}
	await next();
});
