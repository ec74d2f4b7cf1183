// `/adherent/carte` and `/adherent/carte.pdf`: the member's attestation de tiers payant in force
// today (DOMAIN.md §2), as a page and as a PDF to print. The QR code's token is signed with the
// session pepper for now (card-token.ts) and lives at most 90 days, never past the card.
import { Hono } from "hono";
import { datamatrixContent, getCurrentCard, professionalAccess } from "../../../core/adherent/card.ts";
import { datamatrixSvg } from "../../../core/adherent/datamatrix.ts";
import { parisDayOf } from "../../../core/format.ts";
import type { AppEnv } from "../../env.ts";
import { httpError } from "../../lib/http-errors.ts";
import { memberScope } from "../../middleware/member.ts";
import { pdfResponse } from "../../pdf/response.ts";
import { renderCardPdf } from "../../views/adherent/card-pdf.ts";
import { CardPage, NoCardPage } from "../../views/adherent/carte.tsx";
import { renderPage } from "../../views/page.tsx";

const TITLE = "Carte de tiers payant";

export const carteRoutes = new Hono<AppEnv>()
	.get("/carte", async (c) => {
		const { memberId } = memberScope(c);
		const { db, clock, config } = c.get("deps");
		const now = clock();
		const card = await getCurrentCard(db, memberId, parisDayOf(now));
		if (!card) return renderPage(c, { title: TITLE }, <NoCardPage />);
		const access = professionalAccess(card, config.sessionPepper, config.publicUrl, now);
		const matrixSvg = await datamatrixSvg(datamatrixContent(card));
		return renderPage(c, { title: TITLE }, <CardPage card={card} access={access} matrixSvg={matrixSvg} />);
	})
	.get("/carte.pdf", async (c) => {
		const { memberId } = memberScope(c);
		const { db, clock, config } = c.get("deps");
		const now = clock();
		const card = await getCurrentCard(db, memberId, parisDayOf(now));
		if (!card) throw httpError(404, "Vous n'avez pas d'attestation de tiers payant en cours de validité.");
		const access = professionalAccess(card, config.sessionPepper, config.publicUrl, now);
		const bytes = await renderCardPdf({ card, access, now });
		return pdfResponse(c, bytes, `attestation-tiers-payant-${card.validFrom.slice(0, 4)}.pdf`);
	});
