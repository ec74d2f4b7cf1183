// The audit trail's verifier as staff run it, on a file database tampered with through a raw
// connection (the triggers refuse UPDATE and DELETE through SQL; a tamperer must drop them).
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordAuditEvent } from "../core/audit.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";

const root = resolve(import.meta.dirname, "..");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
let dir: string;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-audit-"));
});
afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

function verify(url: string) {
	return spawnSync(process.execPath, [tsxCli, "scripts/audit-verify.ts"], {
		cwd: root,
		encoding: "utf8",
		env: { ...process.env, DATABASE_URL: url, ESPACE_ENV: "test", LOG_LEVEL: "error" },
	});
}

describe("npm run audit:verify", () => {
	it("says the chain is intact, refuses UPDATE and DELETE, and names every broken link after tampering", async () => {
		const url = `file:${join(dir, "espace.db")}`;
		const handle = await createTestDatabase(url);
		for (let i = 0; i < 4; i++) {
			await recordAuditEvent(handle.db, {
				occurredAt: new Date(`2026-11-26T09:0${i}:00Z`),
				accountId: 7,
				actorKind: "account",
				action: "view:/adherent",
				outcome: "success",
			});
		}
		const intact = verify(url);
		expect(intact.status).toBe(0);
		expect(intact.stdout).toContain("4 entrée(s) vérifiée(s)");

		await expect(handle.client.execute("UPDATE audit_events SET action = 'x' WHERE seq = 2")).rejects.toThrow(
			/append-only/,
		);
		await expect(handle.client.execute("DELETE FROM audit_events WHERE seq = 2")).rejects.toThrow(
			/append-only/,
		);

		await handle.client.executeMultiple(`
			DROP TRIGGER audit_events_no_update;
			UPDATE audit_events SET account_id = 8 WHERE seq = 2;
			UPDATE audit_events SET account_id = 9 WHERE seq = 4;
		`);
		handle.client.close();
		const broken = verify(url);
		expect(broken.status).toBe(1);
		// Every broken link, not only the first: later tampering is not hidden behind it.
		expect(broken.stdout).toContain("2 lien(s) rompu(s)");
		expect(broken.stdout).toContain("entrée 2 : contenu modifié");
		expect(broken.stdout).toContain("entrée 4 : contenu modifié");
	}, 60_000);
});
