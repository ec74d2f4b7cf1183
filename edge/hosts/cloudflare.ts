// The Cloudflare host: the Worker's `main` (wrangler.toml). Static files are answered by the
// assets binding before this code runs; what reaches `fetch` is a dynamic path (the edge app) or
// an unknown one (the site's 404 page through the assets binding). `queue()` and `scheduled()`
// hand over to the same worker code as the Node host.
import { createApp, isDynamicPath } from "../app.tsx";
import { parseConfig } from "../config.ts";
import { type AppDeps, cryptoRandomBytes, type SiteAssets } from "../deps.ts";
import { createLogger } from "../lib/logger.ts";
import { createWebDatabase } from "../../schema/db-web.ts";
import { createWorker } from "../../worker/index.ts";
import { tasksForCron } from "../../worker/registry.ts";

interface Env {
	readonly ASSETS: { fetch(request: Request | string): Promise<Response> };
	readonly [name: string]: unknown;
}

interface MessageLike {
	readonly id: string;
	readonly body: unknown;
	ack(): void;
	retry(options?: { delaySeconds?: number }): void;
}

let cached: { deps: AppDeps; app: ReturnType<typeof createApp> } | undefined;

function stringVars(env: Env): Record<string, string> {
	return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Built once per isolate: configuration parsing and the database client are not per request. */
function instance(env: Env): { deps: AppDeps; app: ReturnType<typeof createApp> } {
	if (cached) return cached;
	const config = parseConfig(stringVars(env));
	const logger = createLogger(config.logLevel);
	let assets: Promise<SiteAssets> | undefined;
	const deps: AppDeps = {
		config,
		db: createWebDatabase({ url: config.database.url, authToken: config.database.authToken }).db,
		logger,
		clock: () => new Date(),
		randomBytes: cryptoRandomBytes,
		assets: () => {
			assets ??= env.ASSETS.fetch(new URL("/_espace/assets.json", config.publicUrl).href).then(
				(response) => response.json() as Promise<SiteAssets>,
			);
			return assets;
		},
	};
	cached = { deps, app: createApp(deps) };
	return cached;
}

export default {
	async fetch(request: Request, env: Env, ctx: unknown): Promise<Response> {
		if (!isDynamicPath(new URL(request.url).pathname)) return env.ASSETS.fetch(request);
		return instance(env).app.fetch(request, env, ctx as never);
	},

	async queue(batch: { readonly messages: readonly MessageLike[] }, env: Env): Promise<void> {
		const { deps } = instance(env);
		// No message type is defined yet: each message is logged as rejected and acknowledged, so
		// that nothing loops; the typed consumer replaces this when the job queue lands.
		for (const message of batch.messages) {
			deps.logger.warn("queue message without handler", { messageId: message.id });
			message.ack();
		}
	},

	async scheduled(controller: { readonly cron: string; readonly scheduledTime: number }, env: Env): Promise<void> {
		const { deps } = instance(env);
		const worker = createWorker(
			{ db: deps.db, logger: deps.logger, clock: () => new Date(controller.scheduledTime) },
			tasksForCron(controller.cron).map((task) => ({ ...task, isDue: () => true })),
		);
		await worker.tick();
	},
};
