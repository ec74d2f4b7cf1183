// The attestation de portabilité: what the employer hands the former employee with the
// certificat de travail (L911-8 CSS requires the portabilité to be mentioned there): who, which
// contract, the end of employment and its reason, the period covered and its conditions.

import { addDays } from "../../../core/calendar.ts";
import type { CompanyIdentity } from "../../../core/employeur/dashboard.ts";
import type { EmployeeDetail } from "../../../core/employeur/employees.ts";
import { wholeMonthsRoundedUp } from "../../../core/employeur/portability.ts";
import { formatDay } from "../../../core/format.ts";
import { organisation } from "../../../core/organisation.ts";
import { PdfWriter } from "../../pdf/document.ts";
import { END_REASON_LABELS } from "./labels.ts";

export const PORTABILITY_CONDITIONS = [
	"La portabilité est gratuite : son coût est mutualisé entre les salariés en activité et l'entreprise.",
	"Elle maintient les garanties du contrat collectif en vigueur dans l'entreprise, y compris pour les ayants droit couverts à la date de fin du contrat de travail.",
	"Elle prend fin plus tôt si l'ancien salarié cesse d'être indemnisé par l'assurance chômage : il doit alors nous en informer.",
	"L'ancien salarié justifie, à l'ouverture et au cours de la période, de sa prise en charge par l'assurance chômage.",
];

export function attestationFileName(employee: EmployeeDetail): string {
	return `attestation-portabilite-${employee.lastName}-${employee.firstName}.pdf`;
}

/** Null when the employee has no portabilité to attest. */
export async function renderAttestationPdf(
	company: CompanyIdentity,
	employee: EmployeeDetail,
	now: Date,
): Promise<Uint8Array | null> {
	if (!employee.endDate || !employee.portabilityEndDate || !employee.endReason) return null;
	const from = addDays(employee.endDate, 1);
	const months = wholeMonthsRoundedUp(from, employee.portabilityEndDate);
	const title = "Attestation de portabilité des garanties";
	const writer = await PdfWriter.create({
		title,
		subject: `Portabilité (article L911-8 du code de la sécurité sociale) – ${employee.lastName} ${employee.firstName}`,
		keywords: ["portabilité", "L911-8", "certificat de travail"],
		now,
	});
	writer.heading(title, 1);
	writer.text(
		`${organisation.name} atteste que l'ancien salarié désigné ci-dessous bénéficie du maintien des garanties frais de santé du contrat collectif de son employeur au titre de la portabilité (article L911-8 du code de la sécurité sociale).`,
	);
	writer.heading("Employeur");
	writer.facts([
		["Entreprise", company.name],
		["SIRET", company.siret],
		[
			"Adresse",
			[company.addressLine1, company.addressLine2, `${company.postalCode} ${company.city}`]
				.filter(Boolean)
				.join(", "),
		],
		["Contrat collectif", `n° ${employee.contractNumber}, catégorie ${employee.categoryLabel}`],
	]);
	writer.heading("Ancien salarié");
	writer.facts([
		["Nom et prénom", `${employee.lastName.toUpperCase()} ${employee.firstName}`],
		["Date de naissance", formatDay(employee.birthDate)],
		...(employee.employeeNumber ? [["Matricule", employee.employeeNumber] as const] : []),
		["Fin du contrat de travail", formatDay(employee.endDate)],
		["Motif", END_REASON_LABELS[employee.endReason]],
	]);
	writer.heading("Portabilité");
	writer.facts([
		["Durée", months === 1 ? "1 mois" : `${months} mois`],
		["Du", formatDay(from)],
		["Au", `${formatDay(employee.portabilityEndDate)} inclus, au plus tard`],
	]);
	for (const condition of PORTABILITY_CONDITIONS) writer.text(condition, { size: 9, after: 3 });
	writer.text("À remettre au salarié avec son certificat de travail.", { size: 9, muted: true });
	return writer.finish();
}
