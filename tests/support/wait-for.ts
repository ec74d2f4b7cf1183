// Waits for a condition that another process makes true (a worker draining a queue). It polls
// with a deadline; it is never a fixed sleep standing in for a result.
import { setTimeout as delay } from "node:timers/promises";

export async function waitFor(
	condition: () => Promise<boolean> | boolean,
	timeoutMs: number,
	what: string,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await delay(25);
	}
}
