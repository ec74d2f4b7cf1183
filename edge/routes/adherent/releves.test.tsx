// `/adherent/releves` on a seeded database, through the real sign-in forms.
import { gzipSync } from "node:zlib";
import { and, asc, desc, eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCents } from "../../../core/format.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS } from "../../../demo/accounts.ts";
import { auditEvents, members, prestations, statements } from "../../../schema/tables/index.ts";
import { createSeededTestDatabase, demoMemberId } from "../../../tests/support/demo.ts";
import { ensurePdftotext, pdfText } from "../../../tests/support/pdf.ts";
import {
	createTestApp,
	formPost,
	latestSignInCode,
	signInThroughForms,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const NOW = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let cookie: string;
let memberId: number;

/** Amounts as the page and the PDF text show them, spaces made plain. */
const money = (cents: number) => formatCents(cents).replace(/\s/g, " ");
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

beforeAll(async () => {
	ensurePdftotext();
	handle = await createSeededTestDatabase({ scale: 1, seed: 42, pepper: PEPPER, now: NOW });
	app = createTestApp({ db: handle.db, clock: () => NOW, pepper: PEPPER });
	const { identifier, password, email } = DEMO_ACCOUNTS.adherent1;
	cookie = await signInThroughForms(app, identifier, password, () => latestSignInCode(handle.db, email));
	memberId = await demoMemberId(handle.db, "adherent1");
}, 300_000);
afterAll(() => handle.client.close());

async function statementsOf(id: number) {
	return handle.db
		.select()
		.from(statements)
		.where(eq(statements.memberId, id))
		.orderBy(desc(statements.month));
}

const get = (path: string, as = cookie) => app.request(path, withCookie(as));

describe("the list of statements", () => {
	it("shows the latest year, newest first, with every year as a link", async () => {
		const response = await get("/adherent/releves");
		expect(response.status).toBe(200);
		expect(response.headers.get("Cache-Control")).toBe("no-store");
		const html = plain(await response.text());
		const [latest, previous] = await statementsOf(memberId);
		expect(latest?.month).toBe("2026-10");
		expect(html).toContain("<h1>Mes relevés de prestations</h1>");
		expect(html).toContain('<caption id="releves-titre">Relevés de prestations de 2026');
		expect(html.indexOf("octobre 2026")).toBeLessThan(html.indexOf("septembre 2026"));
		expect(html).toContain(`href="/adherent/releves/${latest?.id}"`);
		expect(html).toContain(`href="/adherent/releves/${latest?.id}.pdf"`);
		expect(html).toContain(money(latest?.chargedCents ?? 0));
		expect(html).toContain(`href="/adherent/releves/${previous?.id}"`);
		expect(html).toContain('<a href="/adherent/releves?annee=2026" aria-current="page">2026</a>');
		expect(html).toContain('href="/adherent/releves?annee=2016"');
		expect(html).toContain('scope="col"');
		expect(html).toContain("en ligne uniquement");
		expect(gzipSync(html).byteLength).toBeLessThan(30 * 1024);
	});

	it("shows another year when asked, and refuses what is not a year", async () => {
		const html = await (await get("/adherent/releves?annee=2019")).text();
		expect(html).toContain("décembre 2019");
		expect(html).not.toContain("octobre 2026");
		expect((await get("/adherent/releves?annee=deux-mille")).status).toBe(400);
		expect((await get("/adherent/releves?tri=montant")).status).toBe(400);
	});
});

describe("one statement", () => {
	it("shows its lines grouped by beneficiary, with their totals", async () => {
		// The statement of the member with the most lines.
		const [statement] = await handle.db
			.select()
			.from(statements)
			.where(eq(statements.memberId, memberId))
			.orderBy(desc(statements.lineCount), desc(statements.month))
			.limit(1);
		if (!statement) throw new Error("no statement");
		const lines = await handle.db
			.select()
			.from(prestations)
			.where(eq(prestations.statementId, statement.id))
			.orderBy(asc(prestations.id));
		const response = await get(`/adherent/releves/${statement.id}`);
		expect(response.status).toBe(200);
		const html = plain(await response.text());
		expect(html).toContain("Relevé de prestations – ");
		expect(html).toContain("Julien Mercier, n° 400000001");
		const sum = (pick: (line: (typeof lines)[number]) => number) => lines.reduce((t, l) => t + pick(l), 0);
		expect(sum((l) => l.chargedCents)).toBe(statement.chargedCents);
		for (const amount of [
			statement.chargedCents,
			statement.ssPaidCents,
			statement.mutuelleCents,
			statement.remainingCents,
		])
			expect(html).toContain(money(amount));
		expect(html).toMatch(/<h2 id="beneficiaire-0">[^<]+ Mercier \(/);
		expect(html).toMatch(/<th scope="row" data-label="[^"]+">Total<\/th>/);
		expect(html).toContain('<th scope="col">Date des soins</th>');
		expect(gzipSync(html).byteLength).toBeLessThan(30 * 1024);
	});

	it("downloads as a PDF with the member, the month, the totals and page numbers", async () => {
		const [latest] = await statementsOf(memberId);
		if (!latest) throw new Error("no statement");
		const response = await get(`/adherent/releves/${latest.id}.pdf`);
		expect(response.status).toBe(200);
		expect(response.headers.get("Content-Type")).toBe("application/pdf");
		expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="releve-2026-10.pdf"');
		expect(response.headers.get("Cache-Control")).toBe("no-store");
		const bytes = new Uint8Array(await response.arrayBuffer());
		const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
		expect(pdf.getTitle()).toBe("Relevé de prestations – octobre 2026");
		const text = await pdfText(bytes);
		expect(text).toContain("Harmonie Mutuelle");
		expect(text).toContain("Relevé de prestations – octobre 2026");
		expect(text).toContain("Julien Mercier");
		expect(text).toContain("400000001");
		expect(text).toContain(`Total du relevé ${money(latest.chargedCents)} ${money(latest.ssPaidCents)}`);
		expect(text).toContain(`${money(latest.mutuelleCents)} ${money(latest.remainingCents)}`);
		expect(text).toContain(`Part mutuelle du relevé : ${money(latest.mutuelleCents)}`);
		expect(text).toContain(`Page 1 sur ${pdf.getPageCount()}`);
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, "adherent.statement.downloaded"),
					eq(auditEvents.objectId, String(latest.id)),
				),
			);
		expect(audit?.outcome).toBe("success");
	});

	it("answers 404 for another member's statement, as for one that does not exist", async () => {
		const [theirs] = await statementsOf(await demoMemberId(handle.db, "adherent2"));
		if (!theirs) throw new Error("no statement for the second member");
		const missing = await get(`/adherent/releves/${theirs.id}`);
		expect(missing.status).toBe(404);
		const missingText = await missing.text();
		expect(missingText).not.toContain("Durand");
		expect((await get(`/adherent/releves/${theirs.id}.pdf`)).status).toBe(404);
		expect((await get("/adherent/releves/987654321")).status).toBe(404);
		expect((await get("/adherent/releves/99999999999999999999.pdf")).status).toBe(404);
		expect((await get("/adherent/releves/abc")).status).toBe(404);
	});
});

describe("the choice of paper statements", () => {
	it("is recorded on the member, audited, and shown as the one in effect", async () => {
		const chosen = await app.request(
			"/adherent/releves/courrier",
			withCookie(cookie, formPost({ courrier: "oui" })),
		);
		expect(chosen.status).toBe(303);
		expect(chosen.headers.get("Location")).toBe("/adherent/releves?message=courrier-oui");
		const [member] = await handle.db.select().from(members).where(eq(members.id, memberId));
		expect(member?.paperStatements).toBe(true);
		const [audit] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, "adherent.statements.paper_preference"))
			.orderBy(desc(auditEvents.seq))
			.limit(1);
		expect(audit).toMatchObject({ objectType: "member", objectId: String(memberId), outcome: "success" });
		expect(audit?.details).toMatchObject({ paperStatements: true, changed: true });
		const page = await (await get("/adherent/releves?message=courrier-oui")).text();
		expect(page).toContain("vous recevrez vos relevés en ligne et par courrier");
		expect(page).toContain("<strong>en ligne et par courrier</strong>");
		expect(page).toMatch(/value="oui" checked/);

		const back = await app.request(
			"/adherent/releves/courrier",
			withCookie(cookie, formPost({ courrier: "non" })),
		);
		expect(back.headers.get("Location")).toBe("/adherent/releves?message=courrier-non");
		const [after] = await handle.db.select().from(members).where(eq(members.id, memberId));
		expect(after?.paperStatements).toBe(false);
	});

	it("refuses an answer that is not one of the choices, and changes nothing", async () => {
		const wrong = await app.request(
			"/adherent/releves/courrier",
			withCookie(cookie, formPost({ courrier: "parfois" })),
		);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain("Choisissez comment recevoir vos relevés de prestations.");
		const extra = await app.request(
			"/adherent/releves/courrier",
			withCookie(cookie, formPost({ courrier: "oui", memberId: "2" })),
		);
		expect(extra.status).toBe(400);
		const [member] = await handle.db.select().from(members).where(eq(members.id, memberId));
		expect(member?.paperStatements).toBe(false);
	});
});

describe("who may open the statements and guarantees", () => {
	it("sends a visitor to the sign-in page and refuses an employer", async () => {
		const visitor = await app.request("/adherent/releves");
		expect(visitor.status).toBe(303);
		expect(visitor.headers.get("Location")).toBe("/connexion?next=%2Fadherent%2Freleves");
		const totp = new OTPAuth.TOTP({
			secret: DEMO_TOTP_SECRETS.employeur,
			digits: 6,
			period: 30,
			algorithm: "SHA1",
		});
		const { identifier, password } = DEMO_ACCOUNTS.employeur1;
		const employer = await signInThroughForms(app, identifier, password, async () =>
			totp.generate({ timestamp: NOW.getTime() }),
		);
		const [statement] = await statementsOf(memberId);
		for (const path of [
			"/adherent/releves",
			`/adherent/releves/${statement?.id}`,
			`/adherent/releves/${statement?.id}.pdf`,
			"/adherent/garanties",
			"/adherent/garanties.pdf",
		]) {
			expect((await get(path, employer)).status, path).toBe(403);
		}
		const post = await app.request(
			"/adherent/releves/courrier",
			withCookie(employer, formPost({ courrier: "oui" })),
		);
		expect(post.status).toBe(403);
	});
});
