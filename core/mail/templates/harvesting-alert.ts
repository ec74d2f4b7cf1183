// To the insurer's staff: a practice's rights checks look like harvesting (article 3 of the CGU
// forbids it; the 2024 tiers-payant breaches began that way). One mail per recorded alert, which
// is raised at most once per practice, pattern and hour. It names the practice and the pattern,
// never a member (SECURITY.md: no personal data in e-mails).
import { z } from "zod";
import { displayName, instant } from "./fields.ts";
import { formatInstant } from "./format.ts";
import { facts, type MailContext, paragraph, type RenderedMail } from "./mail-content.ts";
import { renderContent } from "./render-content.ts";

export const harvestingAlertSchema = z.strictObject({
	displayName,
	alertId: z.number().int().positive(),
	professionalId: z.number().int().positive(),
	practiceName: z.string().trim().min(1).max(200),
	pattern: z.enum(["sequential_numbers", "many_members"]),
	raisedAt: instant,
	/** Counts only: distinct member numbers, the run's length, the window in minutes. */
	details: z.record(z.string(), z.number()),
});
export type HarvestingAlertData = z.output<typeof harvestingAlertSchema>;

const PATTERNS = {
	sequential_numbers: "numéros d'adhérent consécutifs vérifiés à la suite",
	many_members: "nombreux adhérents différents vérifiés en peu de temps",
} as const;

function measure(data: HarvestingAlertData): string {
	const { distinct, run, windowMinutes } = data.details;
	if (data.pattern === "many_members")
		return `${distinct ?? "?"} adhérents différents en ${windowMinutes ?? "?"} minutes`;
	return `${run ?? "?"} numéros consécutifs`;
}

export function renderHarvestingAlert(data: HarvestingAlertData, context: MailContext): RenderedMail {
	return renderContent(
		{
			subject: `Alerte : vérifications de droits suspectes (cabinet n° ${data.professionalId})`,
			displayName: data.displayName,
			blocks: [
				paragraph(
					`Les vérifications de droits d'un cabinet ressemblent à une collecte de données, que l'article 3 des conditions générales d'utilisation interdit.`,
				),
				facts(
					{ label: "Cabinet", value: `${data.practiceName} (n° ${data.professionalId})` },
					{ label: "Motif", value: PATTERNS[data.pattern] },
					{ label: "Mesure", value: measure(data) },
					{ label: "Levée le", value: `${formatInstant(data.raisedAt)} (heure de Paris)` },
					{ label: "Alerte", value: `n° ${data.alertId}` },
				),
				paragraph(
					"Vérifiez l'activité du cabinet dans le journal d'audit (vérifications de droits) et, si besoin, suspendez son compte ou ses clés d'API. Une seule alerte est envoyée par cabinet et par motif dans l'heure.",
				),
			],
		},
		context,
	);
}
