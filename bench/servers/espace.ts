// The portal's Node host for the dashboard benchmark: the real edge app on a given database,
// the worker off, logs silent. Prints "listening <port> <pid>" once ready.
import { join, resolve } from "node:path";
import { parseConfig } from "../../core/config.ts";
import { cryptoRandomBytes } from "../../core/deps.ts";
import { createLogger } from "../../core/logger.ts";
import { createDatabase } from "../../db/client.ts";
import { startNodeHost } from "../../hosts/node.ts";
import { loadSiteAssets } from "../../hosts/site-assets.ts";
import { StaticSite } from "../../hosts/static-site.ts";
import { SITE_OUT_DIR } from "../../scripts/site-build.ts";

const [databaseUrl = "", pepper = "", ...settings] = process.argv.slice(2);
const root = resolve(import.meta.dirname, "../..");
const config = parseConfig({
	ESPACE_ENV: "test",
	PORT: "0",
	DATABASE_URL: databaseUrl,
	SESSION_PEPPER: pepper,
	LOG_LEVEL: "silent",
	// More configuration as NAME=value arguments (the rights benchmark raises the practice's limits).
	...Object.fromEntries(settings.map((setting) => setting.split("=", 2))),
});
const { db, ready } = createDatabase({ ...config.database, backgroundCheckpoints: true });
await ready;
const siteDir = join(root, SITE_OUT_DIR);
const assets = await loadSiteAssets(siteDir);
const host = await startNodeHost({
	deps: {
		config,
		db,
		logger: createLogger("silent"),
		clock: () => new Date(),
		randomBytes: cryptoRandomBytes,
		assets: async () => assets,
	},
	site: await StaticSite.load(siteDir),
	host: "127.0.0.1",
	port: 0,
});
process.stdout.write(`listening ${new URL(host.url).port} ${process.pid}\n`);
process.once("SIGTERM", () => process.exit(0));
process.once("SIGINT", () => process.exit(0));
