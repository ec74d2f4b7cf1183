// `npm run maintenance -- on|off|announce|incident|resolve|status`: the maintenance mode and the
// incidents of /etat-du-service (article 4 of the CGU), for staff until the back-office calls the
// same functions (core/maintenance.ts). Every instance sees a change within a few seconds.
//   on [--message "…"] [--until 2026-12-01T06:00:00Z]   maintenance now (writes refused, 503)
//   off                                                  end of the maintenance in progress
//   announce --from ISO --until ISO --message "…"        a window announced on the banner
//   incident --message "…" [--from ISO]                  an incident, shown on /etat-du-service
//   resolve <id>                                         the incident is over
//   status                                               what the pages show now
import { parseArgs } from "node:util";
import {
	announceMaintenance,
	endMaintenance,
	readServiceState,
	reportIncident,
	resolveIncident,
	startMaintenance,
} from "../core/maintenance.ts";
import { runCommand, withDatabase } from "./cli.ts";

const USAGE =
	'Usage : npm run maintenance -- on [--message "…"] [--until ISO] | off | announce --from ISO --until ISO --message "…" | incident --message "…" [--from ISO] | resolve <id> | status\n';

function instant(value: string | undefined): Date | null | undefined {
	if (value === undefined) return undefined;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

async function main(): Promise<number> {
	const { positionals, values } = parseArgs({
		allowPositionals: true,
		options: { message: { type: "string" }, from: { type: "string" }, until: { type: "string" } },
	});
	const [verb, id] = positionals;
	const from = instant(values.from);
	const until = instant(values.until);
	if (from === null || until === null) {
		process.stderr.write(
			"Date illisible : écrivez-la au format ISO 8601, par exemple 2026-12-01T06:00:00Z.\n",
		);
		return 2;
	}
	const now = new Date();
	switch (verb) {
		case "on": {
			const eventId = await withDatabase((db) =>
				startMaintenance(db, { message: values.message, endsAt: until }, now),
			);
			process.stdout.write(`Maintenance en cours (n° ${eventId}) : les modifications sont refusées.\n`);
			return 0;
		}
		case "off": {
			const ended = await withDatabase((db) => endMaintenance(db, now));
			process.stdout.write(ended > 0 ? "Maintenance terminée.\n" : "Aucune maintenance en cours.\n");
			return 0;
		}
		case "announce": {
			if (!from || !until || !values.message) break;
			const result = await withDatabase((db) =>
				announceMaintenance(db, { message: values.message ?? "", startsAt: from, endsAt: until }, now),
			);
			if (!result.ok) {
				process.stderr.write(`${result.reason}\n`);
				return 1;
			}
			process.stdout.write(
				`Maintenance annoncée (n° ${result.id}) du ${from.toISOString()} au ${until.toISOString()}.\n`,
			);
			return 0;
		}
		case "incident": {
			if (!values.message || values.message.trim().length < 5) break;
			const eventId = await withDatabase((db) => reportIncident(db, values.message ?? "", from ?? now, now));
			process.stdout.write(`Incident n° ${eventId} enregistré.\n`);
			return 0;
		}
		case "resolve": {
			const number = Number(id);
			if (!Number.isInteger(number) || number <= 0) break;
			const done = await withDatabase((db) => resolveIncident(db, number, now));
			process.stdout.write(
				done ? `Incident n° ${number} résolu.\n` : `Aucun incident en cours n° ${number}.\n`,
			);
			return done ? 0 : 1;
		}
		case "status": {
			const state = await withDatabase((db, config) => readServiceState(db, now, config.maintenance));
			process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
			return 0;
		}
	}
	process.stderr.write(USAGE);
	return 2;
}

runCommand(main);
