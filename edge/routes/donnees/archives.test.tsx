// CGU art. 8: a large « Mes données » export through the real forms (ADR 0038). With the
// threshold at 10 rows, demo member 1000000001 is « large »: the page asks for the archive, the
// worker's part builds it, and its link opens only under the owner's session; another account
// gets a 404, and after 7 days the owner gets a 410 with a French message.
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQueuedExport } from "../../../core/donnees/large-export.ts";
import { createMemoryDocumentStorage, setDocumentStorage } from "../../../core/storage.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { auditEvents, dataExports } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase } from "../../../tests/support/demo.ts";
import {
	createTestApp,
	formPost,
	signInDemoMember,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const DAY_MS = 86_400_000;
const storage = createMemoryDocumentStorage();
let handle: DatabaseHandle;
let large: App;
let small: App;
let now = new Date("2026-11-26T09:00:00Z");
let owner: string;
let other: string;
let link: string;

beforeAll(async () => {
	setDocumentStorage(storage);
	handle = await createSeededTestDatabase({
		scale: 0.01,
		seed: 42,
		pepper: PEPPER,
		now: new Date("2026-11-20T08:00:00Z"),
	});
	large = createTestApp({
		db: handle.db,
		clock: () => now,
		pepper: PEPPER,
		env: { EXPORT_ASYNC_ROWS: "10" },
	});
	small = createTestApp({ db: handle.db, clock: () => now, pepper: PEPPER });
	owner = await signInDemoMember(large, handle.db, "adherent1");
	other = await signInDemoMember(large, handle.db, "adherent2");
}, 120_000);
afterAll(() => {
	setDocumentStorage(null);
	handle.client.close();
});

describe("a large export", () => {
	it("is offered as an archive sent by e-mail instead of an immediate download", async () => {
		const page = await large.request("/compte/donnees", withCookie(owner));
		const html = await page.text();
		expect(html).toContain("préparée en arrière-plan");
		expect(html).toContain('href="/compte/donnees/archives"');
		expect(html).not.toContain('href="/compte/donnees/export"');
		const direct = await large.request("/compte/donnees/export", withCookie(owner));
		expect(direct.status).toBe(303);
		expect(direct.headers.get("Location")).toBe("/compte/donnees/archives");
		// Under the default threshold the same account downloads at once.
		const immediate = await small.request("/compte/donnees/export", withCookie(owner));
		expect(immediate.status).toBe(200);
		expect(immediate.headers.get("Content-Type")).toBe("application/zip");
	});

	it("is asked for with one form, then shown as being prepared", async () => {
		const asked = await large.request("/compte/donnees/archives", withCookie(owner, formPost({})));
		expect(asked.status).toBe(303);
		expect(asked.headers.get("Location")).toBe("/compte/donnees/archives?demande=1");
		const page = await large.request("/compte/donnees/archives?demande=1", withCookie(owner));
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain("Votre demande est enregistrée");
		expect(html).toContain("en préparation");
		expect(html).not.toContain("Préparer mon archive</button>");
		const [row] = await handle.db.select().from(dataExports);
		expect(row?.status).toBe("pending");
		link = `/compte/donnees/archives/${row?.publicId}`;
		// Before the worker has built it, its link leads back to the list.
		const early = await large.request(link, withCookie(owner));
		expect(early.status).toBe(303);
	});

	it("opens for its owner once the worker has built it, and the download is audited", async () => {
		const [row] = await handle.db.select().from(dataExports);
		now = new Date(now.getTime() + 60_000);
		await buildQueuedExport(handle.db, storage, row?.id as number, {
			now,
			publicUrl: new URL("http://localhost:4321"),
		});
		const list = await (await large.request("/compte/donnees/archives", withCookie(owner))).text();
		expect(list).toContain(`href="${link}"`);
		expect(list).toContain("au 03/12/2026 à 10:01");
		const response = await large.request(link, withCookie(owner));
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Disposition")).toBe(
			'attachment; filename="mes-donnees-1000000001-2026-11-26.zip"',
		);
		const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
		expect(JSON.parse(strFromU8(files["donnees.json"] as Uint8Array)).compte[0].identifiant).toBe(
			"1000000001",
		);
		const downloads = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "donnees.export.download"));
		expect(downloads).toHaveLength(1);
	});

	it("is a 404 for another account, signed out it asks to sign in", async () => {
		const stranger = await large.request(link, withCookie(other));
		expect(stranger.status).toBe(404);
		expect(await stranger.text()).not.toContain("PK");
		const anonymous = await large.request(link);
		expect([302, 303]).toContain(anonymous.status);
		expect(anonymous.headers.get("Location")).toContain("/connexion");
		const malformed = await large.request("/compte/donnees/archives/..%2F..%2Fetc", withCookie(owner));
		expect(malformed.status).toBe(404);
	});

	it("answers 410 with a French message after its 7 days", async () => {
		now = new Date(now.getTime() + 7 * DAY_MS + 1000);
		const again = await signInDemoMember(large, handle.db, "adherent1");
		// A week later a new version of the terms may be in force: accept it as the member would.
		const terms = await large.request("/compte/cgu", withCookie(again));
		const version = /name="version" value="([^"]+)"/.exec(await terms.text())?.[1];
		if (version) {
			const fields = { version, accepte: "oui", capacite: "own_capacity", next: "/compte/donnees" };
			expect((await large.request("/compte/cgu", withCookie(again, formPost(fields)))).status).toBe(303);
		}
		const response = await large.request(link, withCookie(again));
		expect(response.headers.get("Location")).toBeNull();
		expect(response.status).toBe(410);
		const html = await response.text();
		expect(html).toContain("Cette archive n&#39;est plus disponible");
		expect(html).toContain("demander une nouvelle archive");
		const list = await (await large.request("/compte/donnees/archives", withCookie(again))).text();
		expect(list).toContain("expirée et supprimée");
		expect(list).toContain("Préparer mon archive");
	});
});
