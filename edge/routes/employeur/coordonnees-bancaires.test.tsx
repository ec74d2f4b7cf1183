// « Coordonnées bancaires » on a seeded database with the clock in the test's hand: the demo
// company's pending change cancelled from the space, a change asked with the password again and
// checked IBAN/BIC, its SEPA mandate as a PDF, the e-mailed cancel link used without signing in,
// at most 3 requests a day, and the worker applying a change once its 48 hours are over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDueBankChanges, CANCEL_PATH } from "../../../core/employeur/bank-details.ts";
import type { DatabaseHandle } from "../../../db/client.ts";
import { DEMO_ACCOUNTS } from "../../../demo/accounts.ts";
import { formatIban, frenchIban } from "../../../schema/identifiers.ts";
import { demoAccount } from "../../../tests/support/demo.ts";
import { signInDemoEmployer } from "../../../tests/support/employer-testing.ts";
import { pdfText } from "../../../tests/support/pdf.ts";
import {
	createSeededTestApp,
	createTestApp,
	formPost,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const START = new Date("2026-11-26T09:00:00Z");
let now = START;
let handle: DatabaseHandle;
let app: App;
let employer: string;
let otherEmployer: string;
let companyId: number;
const NEW_IBAN = frenchIban("30004", "00828", "00012345678");
const PATH = "/employeur/coordonnees-bancaires";

async function rows(sql: string, args: Record<string, string | number> = {}) {
	return (await handle.client.execute({ sql, args })).rows;
}

function change(fields: Record<string, string> = {}, cookie = employer) {
	return withCookie(
		cookie,
		formPost({
			iban: formatIban(NEW_IBAN),
			bic: "bnpafrpp",
			titulaire: "LES ATELIERS DU RHONE SAS",
			motDePasse: DEMO_ACCOUNTS.employeur1.password,
			...fields,
		}),
	);
}

async function html(path: string, cookie = employer) {
	const response = await app.request(path, withCookie(cookie));
	return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
	const seeded = await createSeededTestApp({ scale: 1, now: START });
	handle = seeded.handle;
	// The same database, with a clock the tests move.
	app = createTestApp({
		db: handle.db,
		clock: () => now,
		pepper: "test-pepper-long-enough-for-the-config-check",
	});
	employer = await signInDemoEmployer(app, "employeur1", now);
	otherEmployer = await signInDemoEmployer(app, "employeur2", now);
	companyId = (await demoAccount(handle.db, "employeur1")).companyId ?? 0;
}, 120_000);
afterAll(() => handle?.client.close());

describe("the bank details of the company", () => {
	it("shows the mandate in force by its last 4 characters, and the demo's change waiting", async () => {
		const [mandate] = await rows(
			"SELECT iban, iban_last4, rum FROM bank_mandates WHERE company_id = :c AND status = 'active'",
			{
				c: companyId,
			},
		);
		const page = await html(PATH);
		expect(page.status).toBe(200);
		expect(page.text).toContain(`se terminant par ${mandate?.iban_last4}`);
		expect(page.text).toContain(String(mandate?.rum));
		expect(page.text).not.toContain(String(mandate?.iban));
		expect(page.text).toContain("Changement en attente");
		// The other company sees its own account only.
		expect((await html(PATH, otherEmployer)).text).not.toContain(String(mandate?.rum));
	});

	it("cancels the waiting change from the space, and another company cannot", async () => {
		const [pending] = await rows(
			"SELECT id FROM bank_detail_changes WHERE company_id = :c AND status = 'pending'",
			{
				c: companyId,
			},
		);
		const foreign = await app.request(`${PATH}/annulation`, withCookie(otherEmployer, formPost({})));
		expect(foreign.status).toBe(303);
		expect(
			(await rows("SELECT status FROM bank_detail_changes WHERE id = :id", { id: Number(pending?.id) }))[0]
				?.status,
		).toBe("pending");
		const response = await app.request(`${PATH}/annulation`, withCookie(employer, formPost({})));
		expect(response.headers.get("Location")).toBe(`${PATH}?annulation=1`);
		expect(
			(await rows("SELECT status FROM bank_detail_changes WHERE id = :id", { id: Number(pending?.id) }))[0]
				?.status,
		).toBe("cancelled");
		expect((await html(`${PATH}?annulation=1`)).text).toContain("est annulé");
	});

	it("refuses a wrong password, IBAN or BIC with a French message, and records nothing", async () => {
		const [before] = await rows("SELECT count(*) AS n FROM bank_detail_changes");
		const cases: [Record<string, string>, string][] = [
			[{ motDePasse: "pas-le-bon-mot-de-passe" }, "Le mot de passe n&#39;est pas le bon."],
			[{ iban: "FR76 3000 4008 2800 0123 4567 800" }, "L&#39;IBAN n&#39;est pas valide."],
			[{ bic: "BNPA" }, "Le BIC n&#39;est pas valide."],
			[{ titulaire: " " }, "Le titulaire du compte est obligatoire."],
		];
		for (const [fields, message] of cases) {
			const response = await app.request(PATH, change(fields));
			expect(response.status, message).toBe(400);
			expect(await response.text(), message).toContain(message);
		}
		expect((await rows("SELECT count(*) AS n FROM bank_detail_changes"))[0]?.n).toBe(before?.n);
		const [failure] = await rows(
			"SELECT outcome FROM audit_events WHERE action = 'employeur.bank_details.change_requested' ORDER BY seq DESC LIMIT 1",
		);
		expect(failure?.outcome).toBe("failure");
	});

	it("records a change for 48 hours, mails a cancel link and hands out the SEPA mandate", async () => {
		const response = await app.request(PATH, change());
		expect(response.status).toBe(303);
		expect(response.headers.get("Location")).toBe(`${PATH}?demande=1`);
		const page = await html(`${PATH}?demande=1`);
		expect(page.text).toContain("Votre demande est enregistrée");
		expect(page.text).toContain(`IBAN se terminant par ${NEW_IBAN.slice(-4)}`);
		expect(page.text).toContain("28/11/2026");
		expect(page.text).not.toContain(NEW_IBAN);
		const mails = await rows(
			"SELECT to_address, text_body FROM outgoing_mails WHERE template = 'bank-details-change-pending' ORDER BY id DESC LIMIT 2",
		);
		// The company's contact address is the administrator's in the demo: one mail, not two.
		expect(mails[0]?.to_address).toBe(DEMO_ACCOUNTS.employeur1.email);
		expect(String(mails[0]?.text_body)).not.toContain(NEW_IBAN);
		const pdf = await app.request(`${PATH}/mandat.pdf`, withCookie(employer));
		expect(pdf.status).toBe(200);
		const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
		for (const expected of [
			"Mandat de prélèvement SEPA",
			formatIban(NEW_IBAN),
			"BNPAFRPP",
			"Récurrent",
			`HM-E${String(companyId).padStart(9, "0")}-C`,
		])
			expect(text, expected).toContain(expected);
		const again = await app.request(PATH, change());
		expect(again.status).toBe(409);
	});

	it("cancels through the e-mailed link without signing in, once, and refuses a forged link", async () => {
		const [mail] = await rows(
			"SELECT text_body FROM outgoing_mails WHERE template = 'bank-details-change-pending' ORDER BY id DESC LIMIT 1",
		);
		const link = new RegExp(`${CANCEL_PATH}\\?jeton=([\\w.-]+)`).exec(String(mail?.text_body));
		const token = link?.[1] ?? "";
		expect((await app.request(`${CANCEL_PATH}?jeton=${token}`)).status).toBe(200);
		const forged = `${token.split(".")[0]}.${"A".repeat(43)}`;
		expect((await app.request(`${CANCEL_PATH}?jeton=${forged}`)).status).toBe(400);
		const post = (jeton: string) => app.request(CANCEL_PATH, formPost({ jeton }));
		expect((await post(forged)).status).toBe(400);
		const cancelled = await post(token);
		expect(cancelled.status).toBe(200);
		expect(await cancelled.text()).toContain("est annulé");
		expect((await post(token)).status).toBe(400);
		const [entry] = await rows(
			"SELECT actor_kind, outcome FROM audit_events WHERE action = 'employeur.bank_details.change_cancelled' ORDER BY seq DESC LIMIT 1",
		);
		expect(entry).toMatchObject({ actor_kind: "anonymous", outcome: "failure" });
		expect((await html(PATH)).text).not.toContain("Changement en attente");
	});

	it("takes at most 3 requests a day", async () => {
		const [today] = await rows(
			"SELECT count(*) AS n FROM bank_detail_changes WHERE company_id = :c AND requested_at > :since",
			{ c: companyId, since: now.getTime() - 86_400_000 },
		);
		let accepted = Number(today?.n);
		while (accepted < 3) {
			expect((await app.request(PATH, change())).status).toBe(303);
			accepted++;
			if (accepted < 3) await app.request(`${PATH}/annulation`, withCookie(employer, formPost({})));
		}
		await app.request(`${PATH}/annulation`, withCookie(employer, formPost({})));
		const refused = await app.request(PATH, change());
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain("Trois changements ont déjà été demandés aujourd&#39;hui.");
	});

	it("applies a change once its 48 hours are over, as the worker does, and only once", async () => {
		// A day later, signed in again (a session lives 12 hours at most).
		now = new Date(START.getTime() + 25 * 3_600_000);
		employer = await signInDemoEmployer(app, "employeur1", now);
		expect((await app.request(PATH, change())).status).toBe(303);
		const [old] = await rows("SELECT id FROM bank_mandates WHERE company_id = :c AND status = 'active'", {
			c: companyId,
		});
		const publicUrl = new URL("http://localhost");
		expect(
			await applyDueBankChanges(handle.db, { now: new Date(now.getTime() + 47 * 3_600_000), publicUrl }),
		).toEqual({
			applied: 0,
		});
		now = new Date(now.getTime() + 48 * 3_600_000);
		expect(await applyDueBankChanges(handle.db, { now, publicUrl })).toEqual({ applied: 1 });
		expect(await applyDueBankChanges(handle.db, { now, publicUrl })).toEqual({ applied: 0 });
		const mandates = await rows(
			"SELECT id, status, iban_last4, sequence_type FROM bank_mandates WHERE company_id = :c ORDER BY id",
			{
				c: companyId,
			},
		);
		expect(mandates.find((m) => Number(m.id) === Number(old?.id))?.status).toBe("revoked");
		expect(mandates.filter((m) => m.status === "active")).toEqual([
			expect.objectContaining({ iban_last4: NEW_IBAN.slice(-4), sequence_type: "FRST" }),
		]);
		const [confirmed] = await rows(
			"SELECT to_address FROM outgoing_mails WHERE template = 'bank-details-change-confirmed' ORDER BY id DESC LIMIT 1",
		);
		expect(confirmed?.to_address).toBe(DEMO_ACCOUNTS.employeur1.email);
		employer = await signInDemoEmployer(app, "employeur1", now);
		expect((await html(PATH)).text).toContain(`se terminant par ${NEW_IBAN.slice(-4)}`);
	});
});
