// « Enregistrer une dispense »: the legal case (D911-2 CSS), the date of the employee's written
// request, the first day of the dispense, its end when the case has one, and the signed request
// itself (PDF, JPEG or PNG), sent as multipart so the form works without JavaScript.
import type { EmployeeDetail } from "../../../core/employeur/employees.ts";
import { dispenseReasons } from "../../../schema/enums.ts";
import { DateField, ErrorSummary, type FieldErrors, RadioGroup } from "../form.tsx";
import { DISPENSE_REASON_LABELS } from "./labels.ts";
import { salariePath } from "./salaries-page.tsx";

export function dispenseFormPath(id: number): string {
	return `${salariePath(id)}/dispense`;
}

/** The signed request of a dispense, downloaded (the dispense row's id). */
export function dispenseDocumentPath(id: number): string {
	return `/employeur/dispenses/${id}/demande`;
}

export interface DispenseFormPageProps {
	readonly employee: EmployeeDetail;
	readonly values?: Readonly<Record<string, string | undefined>>;
	readonly errors?: FieldErrors;
}

export function DispenseFormPage({ employee, values = {}, errors = {} }: DispenseFormPageProps) {
	const name = `${employee.lastName.toUpperCase()} ${employee.firstName}`;
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<a href={salariePath(employee.id)}>{name}</a>
			</nav>
			<h1>Dispense d'adhésion de {name}</h1>
			<p class="lead">
				Un salarié peut être dispensé d'adhérer au contrat collectif, à sa demande écrite, dans l'un des cas
				prévus par l'article D911-2 du code de la sécurité sociale. Joignez sa demande signée : vous devez
				pouvoir la produire en cas de contrôle.
			</p>
			<form method="post" action={dispenseFormPath(employee.id)} enctype="multipart/form-data" novalidate>
				<ErrorSummary errors={errors} />
				<RadioGroup
					name="motif"
					legend="Cas de dispense"
					options={dispenseReasons.map((reason) => ({
						value: reason,
						label: DISPENSE_REASON_LABELS[reason],
					}))}
					value={values.motif}
					error={errors.motif}
				/>
				<DateField
					name="dateDemande"
					legend="Date de la demande écrite du salarié"
					values={values}
					error={errors.dateDemande}
				/>
				<DateField
					name="dateDebut"
					legend="Premier jour de la dispense"
					hint="Le jour de l'affiliation pour une dispense demandée à l'embauche."
					values={values}
					error={errors.dateDebut}
				/>
				<DateField
					name="dateFin"
					legend="Fin de la dispense"
					hint="Obligatoire pour un contrat à durée déterminée (sa fin) ou un contrat individuel (son échéance)."
					values={values}
					error={errors.dateFin}
					required={false}
				/>
				<div class="field">
					<label for="champ-demande">Demande signée du salarié</label>
					<span class="hint" id="champ-demande-aide">
						Un document PDF, JPEG ou PNG de 5 Mo au plus.
					</span>
					{errors.demande ? (
						<span class="field-error" id="champ-demande-erreur">
							{errors.demande}
						</span>
					) : null}
					<input
						id="champ-demande"
						type="file"
						name="demande"
						accept="application/pdf,image/jpeg,image/png"
						aria-describedby={
							errors.demande ? "champ-demande-aide champ-demande-erreur" : "champ-demande-aide"
						}
						aria-invalid={errors.demande ? "true" : undefined}
					/>
				</div>
				<div class="actions">
					<button type="submit">Enregistrer la dispense</button>
					<a href={salariePath(employee.id)}>Annuler</a>
				</div>
			</form>
		</>
	);
}
