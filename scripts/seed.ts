// `npx tsx scripts/seed.ts --scale N [--database URL] [--seed 42] [--reset] [--pepper P] [--now ISO]`
// (wired as `npm run seed -- --scale N`): fills a migrated, empty database with the deterministic
// demo population and the fixed demo accounts. Refuses to run when ESPACE_ENV=production and
// refuses a database that already holds data unless --reset is given (which drops every table
// and migrates again). Progress goes to stderr when it is a terminal.
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";
import { parseConfig } from "../core/config.ts";
import { createDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { demoBanner } from "../demo/accounts.ts";
import { dropAllTables, isDatabaseEmpty, seedDatabase } from "../demo/seed.ts";

async function main(): Promise<number> {
	if (process.env.ESPACE_ENV === "production") {
		process.stderr.write(
			"Refusé : le jeu de démonstration ne se charge jamais en production (ESPACE_ENV=production).\n",
		);
		return 2;
	}
	const { values } = parseArgs({
		options: {
			scale: { type: "string", default: "1" },
			database: { type: "string" },
			seed: { type: "string", default: "42" },
			pepper: { type: "string" },
			now: { type: "string" },
			reset: { type: "boolean", default: false },
		},
	});
	const scale = Number(values.scale);
	const seed = Number(values.seed);
	if (!(scale > 0) || !Number.isFinite(scale))
		throw new Error(`--scale attend un nombre positif, pas « ${values.scale} ».`);
	if (!Number.isInteger(seed)) throw new Error(`--seed attend un entier, pas « ${values.seed} ».`);
	const now = values.now ? new Date(values.now) : new Date();
	if (Number.isNaN(now.getTime())) throw new Error(`--now attend une date ISO 8601, pas « ${values.now} ».`);
	// The same defaults as the app, so that `npm start` accepts the demo passwords.
	const config = parseConfig({
		DATABASE_URL: values.database ?? process.env.DATABASE_URL,
		DATABASE_AUTH_TOKEN: process.env.DATABASE_AUTH_TOKEN,
		SESSION_PEPPER: values.pepper ?? process.env.SESSION_PEPPER,
	});
	const url = config.database.url;
	if (url.startsWith("file:") && !url.includes(":memory:")) {
		await mkdir(dirname(resolve(url.slice("file:".length))), { recursive: true });
	}

	const { client, db, ready } = createDatabase(config.database);
	try {
		await ready;
		await migrateDatabase(db);
		if (!(await isDatabaseEmpty(db))) {
			if (!values.reset) {
				process.stderr.write(
					"La base contient déjà des données. Relancez avec --reset pour la vider et la recharger.\n",
				);
				return 1;
			}
			await dropAllTables(db);
			await migrateDatabase(db);
		}
		const bar = process.stderr.isTTY
			? new SingleBar(
					{
						stream: process.stderr,
						format: "Seed [{bar}] {percentage}% | {value}/{total} | {eta_formatted}",
					},
					Presets.shades_classic,
				)
			: null;
		let started = false;
		const startedAt = performance.now();
		const report = await seedDatabase(db, {
			scale,
			seed,
			pepper: config.sessionPepper,
			now,
			onProgress: (done, total) => {
				if (!bar) return;
				if (!started) {
					bar.start(total, 0);
					started = true;
				}
				bar.update(done);
			},
		});
		bar?.stop();
		const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
		const rows = Object.entries(report.rows)
			.filter(([, count]) => count > 0)
			.map(([table, count]) => `${table}=${count}`)
			.join(" ");
		process.stdout.write(
			`Seeded scale ${scale} (seed ${seed}) in ${seconds} s: ${report.members} members, ${report.companies} companies, ${report.professionals} professionals.\n${rows}\n` +
				`Peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.\n\n${demoBanner()}\n`,
		);
		return 0;
	} finally {
		client.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(
			`Seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exit(1);
	},
);
