// « Fin d'affiliation »: the last day of the employment contract, the reason and, for the
// portabilité, the first day of the last contract and whether a dismissal was for faute lourde.
// The page says beforehand what the law gives (L911-8 CSS) and the employee's detail shows after
// what was computed, with the attestation de portabilité to hand over with the certificat de travail.

import { EMPLOYER_END_REASONS } from "../../../core/employeur/affiliation-end.ts";
import type { EmployeeDetail } from "../../../core/employeur/employees.ts";
import { Checkbox, DateField, ErrorSummary, type FieldErrors, RadioGroup } from "../form.tsx";
import { END_REASON_LABELS } from "./labels.ts";
import { salariePath } from "./salaries-page.tsx";

export function finPath(id: number): string {
	return `${salariePath(id)}/fin`;
}

export function attestationPath(id: number): string {
	return `${salariePath(id)}/attestation-portabilite.pdf`;
}

export interface FinAffiliationPageProps {
	readonly employee: EmployeeDetail;
	readonly values?: Readonly<Record<string, string | undefined>>;
	readonly errors?: FieldErrors;
}

export function FinAffiliationPage({ employee, values = {}, errors = {} }: FinAffiliationPageProps) {
	const name = `${employee.lastName.toUpperCase()} ${employee.firstName}`;
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<a href={salariePath(employee.id)}>{name}</a>
			</nav>
			<h1>Fin d'affiliation de {name}</h1>
			<p class="lead">
				Indiquez le dernier jour du contrat de travail et le motif de son départ. Après un licenciement (hors
				faute lourde), la fin d'un contrat à durée déterminée ou une rupture conventionnelle, votre ancien
				salarié reste couvert gratuitement au titre de la portabilité, aussi longtemps que son dernier contrat
				(en mois entiers arrondis au mois supérieur) et 12 mois au plus (article L911-8 du code de la sécurité
				sociale).
			</p>
			<form method="post" action={finPath(employee.id)} novalidate>
				<ErrorSummary errors={errors} />
				<DateField
					name="dateFin"
					legend="Dernier jour du contrat de travail"
					values={values}
					error={errors.dateFin}
				/>
				<RadioGroup
					name="motif"
					legend="Motif du départ"
					options={EMPLOYER_END_REASONS.map((reason) => ({
						value: reason,
						label: END_REASON_LABELS[reason],
					}))}
					value={values.motif}
					error={errors.motif}
				/>
				<DateField
					name="debutContrat"
					legend="Premier jour du dernier contrat de travail"
					hint="Pour calculer la durée de la portabilité. Laissez vide s'il a commencé le jour de l'affiliation."
					values={values}
					error={errors.debutContrat}
					required={false}
				/>
				<Checkbox
					name="fauteLourde"
					label="Licenciement pour faute lourde (pas de portabilité)"
					checked={values.fauteLourde === "oui"}
					error={errors.fauteLourde}
				/>
				<div class="actions">
					<button type="submit">Enregistrer la fin d'affiliation</button>
					<a href={salariePath(employee.id)}>Annuler</a>
				</div>
			</form>
		</>
	);
}
