// The smoke check of a deployed portal (`npm run smoke -- <url>`, README "Deploying to
// Cloudflare"): the probes, a public page from the static files and a dynamic page, each with the
// exact status and content expected. Redirects are never followed: a 303 to an error page or a
// login wall is a failure, not a success.
export interface SmokeResult {
	readonly path: string;
	readonly ok: boolean;
	/** What was seen: "200 in 35 ms", or what was wrong. */
	readonly detail: string;
}

interface Probe {
	readonly path: string;
	readonly type: "application/json" | "text/html";
	/** A piece of the body that only the right page contains. */
	readonly contains: string;
}

const PROBES: readonly Probe[] = [
	{ path: "/healthz", type: "application/json", contains: '"status":"ok"' },
	{ path: "/readyz", type: "application/json", contains: '"database":"ok"' },
	{ path: "/cgu", type: "text/html", contains: "Conditions générales d'utilisation" },
	{ path: "/connexion", type: "text/html", contains: 'name="identifiant"' },
];

const TIMEOUT_MS = 10_000;

async function probe(base: URL, { path, type, contains }: Probe): Promise<SmokeResult> {
	const started = performance.now();
	let response: Response;
	try {
		response = await fetch(new URL(path, base), {
			redirect: "manual",
			signal: AbortSignal.timeout(TIMEOUT_MS),
		});
	} catch (error) {
		return {
			path,
			ok: false,
			detail: `no answer (${error instanceof Error ? error.message : String(error)})`,
		};
	}
	const ms = Math.round(performance.now() - started);
	const body = await response.text();
	const contentType = response.headers.get("content-type") ?? "";
	if (response.status !== 200) {
		const location = response.headers.get("location");
		return {
			path,
			ok: false,
			detail: `status ${response.status}${location ? ` to ${location}` : ""}, expected 200`,
		};
	}
	if (!contentType.startsWith(type))
		return { path, ok: false, detail: `content type ${contentType}, expected ${type}` };
	if (!body.includes(contains)) return { path, ok: false, detail: `200 but the body lacks ${contains}` };
	if (type === "text/html" && !response.headers.get("content-security-policy"))
		return { path, ok: false, detail: "200 but without its Content-Security-Policy" };
	return { path, ok: true, detail: `200 in ${ms} ms` };
}

/** Probes the portal at `baseUrl`, one request after another. */
export async function smokeCheck(baseUrl: string): Promise<SmokeResult[]> {
	const base = new URL(baseUrl);
	const results: SmokeResult[] = [];
	for (const entry of PROBES) results.push(await probe(base, entry));
	return results;
}
