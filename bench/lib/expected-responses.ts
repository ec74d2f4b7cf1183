// The guard every benchmark puts between its measures and its report: a figure computed on
// errors is worse than no figure (issue 9: the dashboard benchmark measured 303 redirects to the
// terms page for weeks and printed "budget met", because its check followed the redirect).
// - `fetchExpected` checks one response before a load starts, never following a redirect;
// - `bodyMatches` is autocannon's `verifyBody`: every measured body must carry the markers;
// - `assertCleanLoad` refuses a load in which any response had another status, a connection
//   failed or timed out, or a body lacked its markers;
// - `refuseUnless` is the same refusal for benchmarks that check something else than HTTP.
// A refusal is a `BenchmarkRefusal`: the runner prints its message and exits non-zero, and no
// figure of that benchmark is printed or written.

/** What every measured response must be. */
export interface ExpectedResponse {
	/** The one acceptable status (a redirect is never followed, so a 3xx is never a 200). */
	readonly status: number;
	/** The start of the Content-Type, e.g. "text/html" (checked on the response read before the load). */
	readonly contentType?: string;
	/**
	 * Texts that only the real page carries (the member's name, the page's heading): every one
	 * must be in every body. ASCII only: the load tool decodes each network chunk on its own, so
	 * a character split across two chunks would not compare equal.
	 */
	readonly markers: readonly string[];
}

export class BenchmarkRefusal extends Error {
	override readonly name = "BenchmarkRefusal";
}

export function refuseUnless(condition: boolean, message: string): asserts condition {
	if (!condition) throw new BenchmarkRefusal(message);
}

function checkMarkers(expected: ExpectedResponse): void {
	if (expected.markers.length === 0) throw new Error("an expected response needs at least one marker");
	for (const marker of expected.markers) {
		if (!marker || /[^\x20-\x7e]/.test(marker))
			throw new Error(`marker ${JSON.stringify(marker)}: use non-empty printable ASCII text`);
	}
}

function missingMarkers(body: string, expected: ExpectedResponse): string[] {
	return expected.markers.filter((marker) => !body.includes(marker));
}

/**
 * One request without following redirects; refuses unless it has the expected status, content
 * type and markers. Returns the response's body and headers for the benchmark's own use.
 */
export async function fetchExpected(
	label: string,
	url: string,
	init: RequestInit,
	expected: ExpectedResponse,
): Promise<{ readonly body: string; readonly headers: Headers }> {
	checkMarkers(expected);
	const response = await fetch(url, { ...init, redirect: "manual" });
	const body = await response.text();
	const location = response.headers.get("Location");
	refuseUnless(
		response.status === expected.status,
		`${label}: ${url} answered ${response.status}${location ? ` (redirect to ${location})` : ""}, expected ${expected.status}`,
	);
	const type = response.headers.get("Content-Type") ?? "";
	refuseUnless(
		!expected.contentType || type.startsWith(expected.contentType),
		`${label}: ${url} answered Content-Type "${type}", expected ${expected.contentType}`,
	);
	const missing = missingMarkers(body, expected);
	refuseUnless(
		missing.length === 0,
		`${label}: ${url} answered a page without ${missing.map((m) => JSON.stringify(m)).join(", ")}`,
	);
	return { body, headers: response.headers };
}

/** autocannon's `verifyBody`: false (a "mismatch") for a body that lacks a marker. */
export function bodyMatches(expected: ExpectedResponse): (body: string | Buffer | undefined) => boolean {
	checkMarkers(expected);
	const { markers } = expected;
	return (body) => {
		const text = typeof body === "string" ? body : (body?.toString("utf8") ?? "");
		for (const marker of markers) if (!text.includes(marker)) return false;
		return true;
	};
}

/** The part of autocannon's result the check reads. */
export interface LoadResult {
	readonly errors: number;
	readonly timeouts: number;
	readonly mismatches: number;
	readonly statusCodeStats?: Partial<Record<string, { readonly count?: number }>>;
}

/** The responses of a load by status, e.g. `{ "200": 10510, "303": 3 }`. */
export function responsesByStatus(result: LoadResult): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const [status, stat] of Object.entries(result.statusCodeStats ?? {}))
		counts[status] = Number(stat?.count ?? 0);
	return counts;
}

/**
 * Refuses a load unless every response had the expected status and markers and no connection
 * failed: any 1xx, 3xx, 4xx or 5xx, error, timeout or mismatch is reported with its count.
 * Returns the number of responses checked.
 */
export function assertCleanLoad(label: string, result: LoadResult, expected: ExpectedResponse): number {
	const counts = responsesByStatus(result);
	const expectedCount = counts[String(expected.status)] ?? 0;
	const problems: string[] = [];
	for (const [status, count] of Object.entries(counts))
		if (status !== String(expected.status) && count > 0) problems.push(`${count} responses ${status}`);
	if (result.errors > 0) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
	if (result.mismatches > 0)
		problems.push(
			`${result.mismatches} bodies without ${expected.markers.map((m) => JSON.stringify(m)).join(" and ")}`,
		);
	if (expectedCount === 0) problems.push(`no response ${expected.status} at all`);
	refuseUnless(
		problems.length === 0,
		`${label}: ${problems.join(", ")} (out of ${Object.values(counts).reduce((a, b) => a + b, 0)} responses); nothing is reported from a load with unexpected responses`,
	);
	return expectedCount;
}
