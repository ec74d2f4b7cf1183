// The Node host (the embedded default): serves the pre-rendered site from memory and every
// dynamic path through the edge app, on one HTTP server. `scripts/start.ts` and the end-to-end
// tests start it; it knows nothing of seeding or of the worker.
import type { AddressInfo } from "node:net";
import { createAdaptorServer, type HttpBindings } from "@hono/node-server";
import { audienceCounter } from "../core/audience.ts";
import type { AppDeps } from "../core/deps.ts";
import { createApp, isDynamicPath } from "../edge/app.tsx";
import type { ClientBindings } from "../edge/lib/client-address.ts";
import { staticBanner } from "./static-banner.ts";
import type { StaticSite } from "./static-site.ts";

export interface NodeHostOptions {
	readonly deps: AppDeps;
	readonly site: StaticSite;
	readonly host: string;
	readonly port: number;
}

export interface RunningHost {
	readonly url: string;
	/** Stops accepting connections and resolves once the requests in flight are answered. */
	close(): Promise<void>;
}

/** One fetch handler for the whole portal: static files first, then the edge app. */
export function createNodeFetch(
	deps: AppDeps,
	site: StaticSite,
): (request: Request, bindings?: HttpBindings) => Promise<Response> {
	const edge = createApp(deps);
	const trusted = new Set(deps.config.trustedProxies);
	return async (request, bindings) => {
		const { pathname } = new URL(request.url);
		if (!isDynamicPath(pathname)) {
			// During a maintenance, or before an announced one, pages carry the banner (ADR 0038).
			const banner = await staticBanner(deps);
			const response = site.serve(request, banner);
			if (response) {
				const counted = countPublicPage(deps, request, pathname, response);
				return banner ? compressForClient(request, counted) : counted;
			}
			// Unknown public path: the site's own 404 page. Other methods go to the edge app.
			if (request.method === "GET" || request.method === "HEAD") return site.notFound(request, banner);
		}
		// The request goes on as it came (no copy): the client's address travels in the env.
		const env: ClientBindings = {
			client: { ip: clientIp(bindings?.incoming.socket.remoteAddress, request.headers, trusted) },
		};
		return compressForClient(request, await edge.fetch(request, env));
	};
}

/** A public page shown counts in the cookieless audience (core/audience.ts); files do not. */
function countPublicPage(deps: AppDeps, request: Request, pathname: string, response: Response): Response {
	if (request.method !== "GET" || response.status !== 200) return response;
	if (!(response.headers.get("Content-Type") ?? "").startsWith("text/html")) return response;
	const now = deps.clock();
	const counter = audienceCounter(deps.db);
	counter.record("public", pathname, now);
	void counter.flush(now).catch(() => 0);
	return response;
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) as `192.0.2.1`. */
function plainAddress(address: string): string {
	return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/**
 * The client's address: the socket's, unless the socket is a trusted reverse proxy (TRUSTED_PROXIES);
 * then the last address of `X-Forwarded-For` that is not itself a trusted proxy. Entries further
 * left were written by the client and are never believed.
 */
export function clientIp(
	socketAddress: string | undefined,
	headers: Headers,
	trusted: ReadonlySet<string>,
): string | undefined {
	if (socketAddress === undefined) return undefined;
	const peer = plainAddress(socketAddress);
	if (!trusted.has(peer)) return peer;
	const forwarded = (headers.get("X-Forwarded-For") ?? "")
		.split(",")
		.map((entry) => plainAddress(entry.trim()))
		.filter(Boolean);
	for (let i = forwarded.length - 1; i >= 0; i--) {
		const hop = forwarded[i] as string;
		if (!trusted.has(hop)) return hop;
	}
	return peer;
}

const COMPRESSIBLE =
	/^\s*(?:text\/|application\/(?:json|javascript|xml|[^;\s]+\+(?:json|xml))|image\/svg\+xml)/i;
/** Below this, gzip's header and the work cost more than they save. */
const COMPRESSION_THRESHOLD = 1024;

/** Whether an `Accept-Encoding` value accepts gzip (a `q=0` refuses it). */
export function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	for (const part of header.split(",")) {
		const [coding = "", ...parameters] = part.split(";").map((piece) => piece.trim().toLowerCase());
		if (coding !== "gzip" && coding !== "*") continue;
		const q = parameters.find((parameter) => parameter.startsWith("q="));
		return q === undefined || Number(q.slice(2)) > 0;
	}
	return false;
}

/**
 * Dynamic pages compressed with gzip for the clients that accept it (static files are
 * precompressed at build time). Only headers are read until compression is decided, so that
 * the Node adapter's light response objects stay light.
 */
export function compressForClient(request: Request, response: Response): Response {
	const headers = response.headers;
	const vary = headers.get("Vary");
	if (!vary) headers.set("Vary", "Accept-Encoding");
	else if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary))
		headers.set("Vary", `${vary}, Accept-Encoding`);
	const length = headers.get("Content-Length");
	if (
		request.method === "HEAD" ||
		response.status === 204 ||
		response.status === 206 ||
		response.status === 304 ||
		headers.has("Content-Encoding") ||
		(length !== null && Number(length) < COMPRESSION_THRESHOLD) ||
		!COMPRESSIBLE.test(headers.get("Content-Type") ?? "") ||
		/\bno-transform\b/i.test(headers.get("Cache-Control") ?? "") ||
		!acceptsGzip(request.headers.get("Accept-Encoding"))
	)
		return response;
	const body = response.body;
	if (!body) return response;
	const compressed = new Response(body.pipeThrough(new CompressionStream("gzip")), {
		status: response.status,
		statusText: response.statusText,
		headers,
	});
	compressed.headers.delete("Content-Length");
	compressed.headers.set("Content-Encoding", "gzip");
	return compressed;
}

export function startNodeHost(options: NodeHostOptions): Promise<RunningHost> {
	const fetch = createNodeFetch(options.deps, options.site);
	const server = createAdaptorServer({
		fetch: (request, bindings) => fetch(request, bindings as HttpBindings),
	});
	return new Promise((resolve, reject) => {
		server.once("error", reject);
		server.listen(options.port, options.host, () => {
			const address = server.address() as AddressInfo;
			const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
			resolve({
				url: `http://${host}:${address.port}`,
				close: () =>
					new Promise<void>((done, fail) => {
						server.close((error) => (error ? fail(error) : done()));
						// Idle keep-alive connections would hold close() open; busy ones finish first.
						if ("closeIdleConnections" in server) server.closeIdleConnections();
					}),
			});
		});
	});
}
