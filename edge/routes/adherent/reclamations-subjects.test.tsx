// Each complaint shows its real subject and text (issue 11), whichever way it was recorded: the
// form, the « Je ne reconnais pas ce remboursement » report, or the insurer's own records (the
// demo complaint, whose topic is the request's sub-kind and whose text is its subject).
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { prestations, requests } from "../../../schema/tables/index.ts";
import { demoAccount, demoMemberId } from "../../../tests/support/demo.ts";
import {
	createSeededTestApp,
	formPost,
	signInDemoMember,
	withCookie,
} from "../../../tests/support/route-testing.ts";
import type { App } from "../../app.tsx";

const PEPPER = "test-pepper-long-enough-for-the-config-check";
const now = new Date("2026-11-26T09:00:00Z");
let handle: DatabaseHandle;
let app: App;
let cookie: string;

beforeAll(async () => {
	({ handle, app } = await createSeededTestApp({ scale: 0.2, now, pepper: PEPPER }));
	cookie = await signInDemoMember(app, handle.db, "adherent1");
}, 60_000);
afterAll(() => handle.client.close());

const page = async (path: string) => {
	const response = await app.request(path, withCookie(cookie));
	expect(response.status, path).toBe(200);
	return response.text();
};

describe("complaints", () => {
	it("show the demo complaint's real subject and text", async () => {
		const { id: accountId } = await demoAccount(handle.db, "adherent1");
		const [demo] = await handle.db
			.select({ id: requests.id })
			.from(requests)
			.where(and(eq(requests.accountId, accountId), eq(requests.kind, "complaint")));
		const list = await page("/adherent/reclamations");
		expect(list).not.toContain("Autre sujet");
		expect(list).toContain("Un remboursement");
		const detail = await page(`/adherent/reclamations/${demo?.id}`);
		expect(detail).toContain("Remboursement de lunettes incomplet");
		expect(detail).not.toMatch(/<p class="mail-text"><\/p>/);
	});

	it("show an unrecognised reimbursement report as such, with the member's comment", async () => {
		const memberId = await demoMemberId(handle.db, "adherent1");
		const [line] = await handle.db
			.select({ id: prestations.id })
			.from(prestations)
			.where(eq(prestations.memberId, memberId))
			.limit(1);
		const reported = await app.request(
			`/adherent/remboursements/${line?.id}/signalement`,
			withCookie(cookie, formPost({ commentaire: "Je n'ai jamais consulté ce praticien." })),
		);
		expect(reported.status).toBe(303);
		const list = await page("/adherent/reclamations");
		expect(list).not.toContain("Autre sujet");
		expect(list).toContain("Remboursement non reconnu");
		const [report] = await handle.db
			.select({ id: requests.id })
			.from(requests)
			.where(eq(requests.subKind, "unrecognised_reimbursement"));
		const detail = await page(`/adherent/reclamations/${report?.id}`);
		expect(detail).toContain("Je ne reconnais pas ce remboursement.");
		expect(detail).toContain("Je n&#39;ai jamais consulté ce praticien.");
		expect(detail).toContain(`href="/adherent/remboursements/${line?.id}"`);
	});
});
