// One employee as their employer sees them: identity (no NIR beyond its last 4 digits), the
// affiliation's dates, category and option, the number of people covered with them (a count,
// never who they are), the end and its reason, the portabilité's end.
import type { EmployeeDetail } from "../../../core/employeur/employees.ts";
import { formatDay } from "../../../core/format.ts";
import { Alert } from "../form.tsx";
import { dispenseFormPath } from "./dispense-form-page.tsx";
import { attestationPath, finPath } from "./fin-affiliation-page.tsx";
import {
	DISPENSE_REASON_LABELS,
	EMPLOYEE_STATUS_LABELS,
	END_REASON_LABELS,
	OPTION_LABELS,
} from "./labels.ts";
import { SALARIES_PATH } from "./salaries-page.tsx";

function beneficiaries(count: number | null): string {
	if (count === null) return "Non communiqué (le salarié n'a pas encore d'espace adhérent)";
	if (count === 0) return "Aucun (le salarié seul)";
	return count === 1 ? "1 personne en plus du salarié" : `${count} personnes en plus du salarié`;
}

export function SalariePage({
	employee,
	ended = false,
	affiliated = false,
	mayManage = false,
}: {
	readonly employee: EmployeeDetail;
	/** Just recorded: say so, and what follows. */
	readonly ended?: boolean;
	/** Just affiliated: the invitation is on its way. */
	readonly affiliated?: boolean;
	/** The administrator's role lets them end the affiliation or record a dispense (the server's 403 stays the real guard). */
	readonly mayManage?: boolean;
}) {
	const facts: [string, string][] = [
		["Statut", EMPLOYEE_STATUS_LABELS[employee.status]],
		["Matricule", employee.employeeNumber ?? "–"],
		["NIR", employee.nirLast4 ? `se terminant par ${employee.nirLast4}` : "non renseigné"],
		["Date de naissance", formatDay(employee.birthDate)],
		["Contrat", `n° ${employee.contractNumber}`],
		["Catégorie", employee.categoryLabel],
		[employee.dispenseReason ? "Dispensé depuis le" : "Affilié depuis le", formatDay(employee.startDate)],
	];
	if (employee.dispenseReason) {
		facts.push(["Motif de la dispense", DISPENSE_REASON_LABELS[employee.dispenseReason]]);
		if (employee.dispenseRequestedOn)
			facts.push(["Demande écrite du salarié", `du ${formatDay(employee.dispenseRequestedOn)}`]);
	} else {
		facts.push(["Option", employee.option ? OPTION_LABELS[employee.option] : "–"]);
		facts.push(["Bénéficiaires", beneficiaries(employee.beneficiaryCount)]);
	}
	if (employee.endDate) facts.push(["Fin d'affiliation", formatDay(employee.endDate)]);
	if (employee.endReason) facts.push(["Motif de la fin", END_REASON_LABELS[employee.endReason]]);
	if (employee.portabilityEndDate)
		facts.push(["Portabilité des garanties", `jusqu'au ${formatDay(employee.portabilityEndDate)}`]);
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<a href={SALARIES_PATH}>Salariés</a>
			</nav>
			<h1>
				{employee.lastName.toUpperCase()} {employee.firstName}
			</h1>
			{affiliated ? (
				<Alert kind="success">
					Le salarié est affilié. Il reçoit par e-mail son identifiant et un lien pour créer son espace
					adhérent.
				</Alert>
			) : null}
			{ended ? (
				<Alert kind="success">
					La fin d'affiliation est enregistrée.
					{employee.portabilityEndDate
						? " Votre ancien salarié reste couvert au titre de la portabilité : remettez-lui l'attestation avec son certificat de travail."
						: " Aucune portabilité ne s'applique à ce départ."}
				</Alert>
			) : null}
			<dl class="facts">
				{facts.map(([term, value]) => (
					<>
						<dt>{term}</dt>
						<dd>{value}</dd>
					</>
				))}
			</dl>
			{mayManage && employee.endDate === null ? (
				<p>
					<a class="button" href={finPath(employee.id)}>
						Déclarer la fin d'affiliation
					</a>
				</p>
			) : null}
			{mayManage && employee.endDate === null && employee.dispenseReason === null ? (
				<p>
					<a class="button" href={dispenseFormPath(employee.id)}>
						Enregistrer une dispense d'adhésion
					</a>
				</p>
			) : null}
			{employee.portabilityEndDate ? (
				<p>
					<a class="button" href={attestationPath(employee.id)} download>
						Télécharger l'attestation de portabilité (PDF)
					</a>
				</p>
			) : null}
		</>
	);
}
