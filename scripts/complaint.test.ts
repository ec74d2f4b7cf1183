// `npm run complaint` e-mails the member a link to the answer: the link is built from PUBLIC_URL,
// the address members use, and never from a default of the staff member's shell
// (`http://localhost:4321`), which would reach nobody (issue 11).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileComplaint } from "../core/adherent/complaints.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { outgoingMails } from "../schema/tables/index.ts";
import { createSeededTestDatabase, demoAccount } from "../tests/support/demo.ts";
import { runScript } from "../tests/support/run-script.ts";

const now = new Date("2026-11-26T09:00:00.000Z");
let dir: string;
let url: string;
let handle: DatabaseHandle;
let reference = "";
let email = "";

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-complaint-cli-"));
	url = `file:${join(dir, "espace.db")}`;
	handle = await createSeededTestDatabase({ url, scale: 0.2, seed: 42, pepper: "p".repeat(40), now });
	const account = await demoAccount(handle.db, "adherent1");
	email = account.email;
	const complaint = await fileComplaint(handle.db, {
		memberAccountId: account.id,
		sessionId: "s",
		category: "remboursement",
		text: "Le remboursement de mes lunettes est incomplet.",
		now,
		publicUrl: new URL("https://espace.mutuelle.example"),
		correlationId: "test",
	});
	reference = complaint.reference;
}, 60_000);
afterAll(async () => {
	handle.client.close();
	await rm(dir, { recursive: true, force: true });
});

async function answerMails() {
	return handle.db
		.select({ text: outgoingMails.textBody })
		.from(outgoingMails)
		.where(and(eq(outgoingMails.toAddress, email), eq(outgoingMails.template, "complaint-answered")));
}

describe("npm run complaint", () => {
	it("refuses to e-mail without PUBLIC_URL, and links to PUBLIC_URL with it", async () => {
		const answer = ["repondre", reference, "--texte", "Le complément a été versé."];
		const without = await runScript("scripts/complaint.ts", url, answer, { PUBLIC_URL: undefined });
		expect(without.code).toBe(2);
		expect(without.stderr).toContain("PUBLIC_URL");
		expect(await answerMails()).toHaveLength(0);

		const withUrl = await runScript("scripts/complaint.ts", url, answer, {
			PUBLIC_URL: "https://espace.mutuelle.example",
		});
		expect(withUrl.code).toBe(0);
		const [mail] = await answerMails();
		expect(mail?.text).toContain("https://espace.mutuelle.example/adherent/reclamations/");
		expect(mail?.text).not.toContain("localhost");
	}, 60_000);
});
