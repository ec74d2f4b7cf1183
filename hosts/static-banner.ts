// The maintenance banner on the pre-rendered public pages (article 4 of the CGU, ADR 0038). The
// pages stay static files, built once and served from memory (Node) or by the assets binding
// (Cloudflare); while a maintenance is on or announced, the host puts the banner's HTML at the
// top of <main> as it serves an HTML page: no script, no request of the browser's own, and
// nothing changes for the pages when there is nothing to say. The state is the one the dynamic
// pages read (cached a few seconds per process); when it cannot be read the page is served as
// built: the public site must not depend on the database.
import { audienceCounter } from "../core/audience.ts";
import type { AppDeps } from "../core/deps.ts";
import { cachedServiceState } from "../core/maintenance.ts";
import { applySecurityHeaders } from "../edge/lib/security-headers.ts";
import { serviceBannerHtml } from "../edge/views/service-status.tsx";

const MAIN_OPEN = /<main\b[^>]*>/i;

/** The page with the banner at the top of its <main>; the page unchanged when it has none. */
export function injectBanner(html: string, banner: string): string {
	const match = MAIN_OPEN.exec(html);
	if (!match) return html;
	const at = match.index + match[0].length;
	return html.slice(0, at) + banner + html.slice(at);
}

/** The banner to show on static pages now, or null (no maintenance, or the state unreadable). */
export async function staticBanner(
	deps: Pick<AppDeps, "db" | "clock" | "config" | "logger">,
): Promise<string | null> {
	try {
		const state = await cachedServiceState(deps.db, deps.clock(), deps.config.maintenance);
		return await serviceBannerHtml(state);
	} catch (error) {
		deps.logger.error("service state unreadable for a static page", {
			error: error instanceof Error ? error.name : "unknown",
		});
		return null;
	}
}

/** A short tag of the banner for the page's ETag, so a browser never keeps the page of another state. */
export function bannerTag(banner: string): string {
	// FNV-1a: a change of text is all it must tell apart, on Node and Workers alike.
	let hash = 0x811c9dc5;
	for (let i = 0; i < banner.length; i++) {
		hash ^= banner.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

/**
 * The Cloudflare Worker's side of the public pages (ADR 0038): wrangler.toml runs the Worker
 * first for every path but the hashed `/_astro/` files, so the pre-rendered pages pass here. An
 * HTML page gets the banner while there is one (fetched from the assets without the browser's
 * validators: its copy has no banner) and counts in the cookieless audience (the path only,
 * as the Node host does: no cookie, no address, no identifier). Anything else goes as it came.
 */
export async function servePublicAsset(
	deps: Pick<AppDeps, "db" | "clock" | "config" | "logger">,
	request: Request,
	fetchAsset: (request: Request) => Promise<Response>,
	waitUntil: (promise: Promise<unknown>) => void,
): Promise<Response> {
	if (request.method !== "GET" && request.method !== "HEAD") return secured(await fetchAsset(request));
	const banner = await staticBanner(deps);
	let asset: Response;
	if (banner) {
		const headers = new Headers(request.headers);
		headers.delete("If-None-Match");
		headers.delete("If-Modified-Since");
		asset = await fetchAsset(new Request(request.url, { method: request.method, headers }));
	} else {
		asset = await fetchAsset(request);
	}
	if (!(asset.headers.get("Content-Type") ?? "").startsWith("text/html")) return secured(asset);
	if (request.method === "GET" && asset.status === 200) {
		const counter = audienceCounter(deps.db);
		const now = deps.clock();
		counter.record("public", new URL(request.url).pathname, now);
		if (counter.due(now)) waitUntil(counter.flush(now).catch(() => 0));
	}
	if (!banner || (asset.status !== 200 && asset.status !== 404)) return secured(asset);
	const headers = new Headers(asset.headers);
	applySecurityHeaders(headers);
	headers.delete("Content-Length");
	headers.delete("Content-Encoding");
	const etag = headers.get("ETag");
	if (etag) headers.set("ETag", etag.replace(/"$/, `-m${bannerTag(banner)}"`));
	const body = request.method === "HEAD" ? null : injectBanner(await asset.text(), banner);
	return new Response(body, { status: asset.status, headers });
}

/**
 * The security headers on what the assets binding answers: a file fetched by the Worker through
 * the binding does not get the `_headers` rules, so they are set here as the Node host does.
 */
function secured(response: Response): Response {
	const copy = new Response(response.body, response);
	applySecurityHeaders(copy.headers);
	return copy;
}
