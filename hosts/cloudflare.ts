// The Cloudflare host: the Worker's `main` (wrangler.toml). Hashed files under /_astro/ are
// answered by the assets binding before this code runs; what reaches `fetch` is a dynamic path
// (the edge app) or a public one (the assets binding, with the maintenance banner on pages and
// the audience count, hosts/static-banner.ts; its 404 page for an unknown path). `queue()` and `scheduled()`
// run the same worker code as the Node host: handlers, tasks, templates.

import { parseConfig } from "../core/config.ts";
import { type AppDeps, cryptoRandomBytes, type SiteAssets } from "../core/deps.ts";
import { createLogger } from "../core/logger.ts";
import { createWebDatabase } from "../db/client-web.ts";
import { createApp, isDynamicPath } from "../edge/app.tsx";
import type { ClientBindings } from "../edge/lib/client-address.ts";
import {
	consumeDeadLetter,
	consumeMessage,
	type QueueMessage,
	type QueueProducer,
	relayOutbox,
} from "../worker/cloudflare-queue.ts";
import type { ConsumerDeps } from "../worker/consumer.ts";
import { guardMailer } from "../worker/mail/guarded-mailer.ts";
import { selectMailer } from "../worker/mail/select-mailer.ts";
import { tasksForCron } from "../worker/registry.ts";
import { runTaskSlot } from "../worker/schedules.ts";
import { createR2DocumentStorage } from "./r2-storage.ts";
import { servePublicAsset } from "./static-banner.ts";

interface Env {
	readonly ASSETS: { fetch(request: Request | string): Promise<Response> };
	readonly JOBS: QueueProducer;
	readonly DOCUMENTS: Parameters<typeof createR2DocumentStorage>[0];
	readonly [name: string]: unknown;
}

interface ExecutionContextLike {
	waitUntil(promise: Promise<unknown>): void;
}

interface Instance {
	readonly deps: AppDeps;
	readonly consumer: ConsumerDeps;
	readonly app: ReturnType<typeof createApp>;
}

const DEAD_LETTER_QUEUE = "espace-jobs-dead";
let cached: Instance | undefined;

function stringVars(env: Env): Record<string, string> {
	return Object.fromEntries(
		Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
	);
}

/** Built once per isolate: configuration parsing and the database client are not per request. */
function instance(env: Env): Instance {
	if (cached) return cached;
	const config = parseConfig(stringVars(env));
	const logger = createLogger(config.logLevel);
	const db = createWebDatabase({ url: config.database.url, authToken: config.database.authToken }).db;
	const clock = () => new Date();
	let assets: Promise<SiteAssets> | undefined;
	const deps: AppDeps = {
		config,
		db,
		logger,
		clock,
		randomBytes: cryptoRandomBytes,
		storage: createR2DocumentStorage(env.DOCUMENTS),
		assets: () => {
			assets ??= Promise.all([
				env.ASSETS.fetch(new URL("/_espace/assets.json", config.publicUrl).href).then((r) => r.json()),
				env.ASSETS.fetch(new URL("/cgu/versions.json", config.publicUrl).href).then((r) => r.json()),
			]).then(([manifest, cguVersions]) => ({
				stylesheets: (manifest as { stylesheets: string[] }).stylesheets,
				cguVersions: cguVersions as SiteAssets["cguVersions"],
			}));
			return assets;
		},
	};
	const consumer: ConsumerDeps = {
		db,
		logger,
		clock,
		random: Math.random,
		// Paced and guarded per isolate; wrangler.toml runs one consumer at a time so the rate holds.
		mailer: guardMailer(selectMailer(config.mail, config.env), { ...config.mail, db, logger, clock }),
		config,
		storage: deps.storage,
	};
	cached = { deps, consumer, app: createApp(deps) };
	return cached;
}

/** Sends the due outbox rows to the queue; a failure is logged, and a later relay retries them. */
function relayLeftovers(deps: AppDeps, env: Env): Promise<unknown> {
	return relayOutbox(deps.db, env.JOBS, deps.clock()).catch((error: unknown) =>
		deps.logger.warn("outbox relay failed", { error: error instanceof Error ? error.name : "unknown" }),
	);
}

export default {
	async fetch(request: Request, env: Env, ctx: ExecutionContextLike): Promise<Response> {
		if (!isDynamicPath(new URL(request.url).pathname)) {
			// Public pages: the maintenance banner and the cookieless audience (ADR 0038).
			return servePublicAsset(
				instance(env).deps,
				request,
				(asset) => env.ASSETS.fetch(asset),
				(promise) => ctx.waitUntil(promise),
			);
		}
		const { app, deps } = instance(env);
		const bindings: Env & ClientBindings = {
			...env,
			client: { ip: request.headers.get("cf-connecting-ip") ?? undefined },
		};
		const response = await app.fetch(request, bindings, ctx as never);
		// A state change may have written outbox rows: hand them to the queue right after commit.
		if (request.method !== "GET" && request.method !== "HEAD") {
			ctx.waitUntil(relayLeftovers(deps, env));
		}
		return response;
	},

	async queue(
		batch: { readonly queue: string; readonly messages: readonly QueueMessage[] },
		env: Env,
	): Promise<void> {
		const { consumer } = instance(env);
		for (const message of batch.messages) {
			if (batch.queue === DEAD_LETTER_QUEUE) await consumeDeadLetter(consumer, message);
			else await consumeMessage(consumer, message);
		}
	},

	async scheduled(
		controller: { readonly cron: string; readonly scheduledTime: number },
		env: Env,
	): Promise<void> {
		const { deps } = instance(env);
		const slot = new Date(controller.scheduledTime);
		for (const task of tasksForCron(controller.cron)) {
			await runTaskSlot(
				{
					db: deps.db,
					logger: deps.logger,
					config: deps.config,
					clock: deps.clock,
					relay: (now) => relayOutbox(deps.db, env.JOBS, now),
					cguVersions: async () => (await deps.assets()).cguVersions,
					storage: deps.storage,
				},
				task,
				slot,
				slot,
			);
		}
		// Whatever the cron: the mails its tasks just wrote (or rows another process left, such as
		// a staff script) go to the queue now rather than at the next five-minute slot.
		await relayLeftovers(deps, env);
	},
};
