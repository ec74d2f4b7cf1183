// Every 5 minutes: on Cloudflare, outbox rows that were not handed to the queue right after
// their commit (a failed send, an isolate that stopped) are relayed now. On the Node host the
// outbox table is itself the queue, so there is nothing to relay.
import type { ScheduledTask } from "./task.ts";

export const outboxRelay: ScheduledTask = {
	name: "outbox-relay",
	cron: "*/5 * * * *",
	description: "Transmet à la file Cloudflare les travaux restés dans la boîte d'envoi.",
	async run({ relay, now }) {
		if (!relay) return { relayed: 0 };
		return { relayed: await relay(now) };
	},
};
