// The Node host (the embedded default): serves the pre-rendered site from memory and every
// dynamic path through the edge app, on one HTTP server. `scripts/start.ts` and the end-to-end
// tests start it; it knows nothing of seeding or of the worker.
import type { AddressInfo } from "node:net";
import { createAdaptorServer, type HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { createApp, isDynamicPath } from "../app.tsx";
import type { AppDeps } from "../deps.ts";
import { withClientIp } from "../lib/client-address.ts";
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
	const dynamic = new Hono();
	dynamic.use(compress({ encoding: "gzip" }));
	dynamic.all("*", (c) =>
		edge.fetch(withClientIp(c.req.raw, (c.env as HttpBindings).incoming.socket.remoteAddress)),
	);
	return async (request, bindings) => {
		const { pathname } = new URL(request.url);
		if (!isDynamicPath(pathname)) {
			const response = site.serve(request);
			if (response) return response;
			// Unknown public path: the site's own 404 page. Other methods go to the edge app.
			if (request.method === "GET" || request.method === "HEAD") return site.notFound(request);
		}
		return dynamic.fetch(request, bindings);
	};
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
