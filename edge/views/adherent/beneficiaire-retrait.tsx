// The form to ask for the end of a beneficiary's cover: the last day covered and the member's
// password, asked again because the operation is sensitive (SECURITY.md).

import type { BeneficiaryView } from "../../../core/adherent/beneficiaries.ts";
import { formatDay } from "../../../core/format.ts";
import { relationshipLabels } from "../../../schema/enums.ts";
import { Alert, DateField, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export interface RemovalPageProps {
	readonly beneficiary: BeneficiaryView;
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
	/** The reference of a removal already asked for this person, if any. */
	readonly pendingReference?: string | undefined;
	/** The account holder: the page explains that they cannot be removed. */
	readonly holder?: boolean;
}

export function RemovalPage({ beneficiary, values, errors, pendingReference, holder }: RemovalPageProps) {
	const name = `${beneficiary.firstName} ${beneficiary.lastName}`;
	return (
		<>
			<h1>Retirer un bénéficiaire</h1>
			<p>
				{name}, {relationshipLabels[beneficiary.relationship].toLowerCase()}, né(e) le{" "}
				{formatDay(beneficiary.birthDate)}.
			</p>
			{holder ? (
				<Alert kind="warning">
					<p>
						Vous êtes le titulaire du contrat : vous ne pouvez pas vous retirer. Pour mettre fin à votre
						contrat, contactez-nous.
					</p>
				</Alert>
			) : pendingReference ? (
				<Alert kind="info">
					<p>
						Le retrait de {name} est déjà demandé (référence <strong>{pendingReference}</strong>).
					</p>
				</Alert>
			) : (
				<>
					<ErrorSummary errors={errors} />
					<form method="post" action={`/adherent/beneficiaires/${beneficiary.id}/retrait`} novalidate>
						<DateField
							name="dernierJour"
							legend="Dernier jour de couverture"
							hint="Aujourd'hui au plus tôt, dans un an au plus tard. La personne reste couverte jusqu'à ce jour inclus. Par exemple, 31 12 2026."
							values={values}
							error={errors.dernierJour}
						/>
						<TextField
							name="motDePasse"
							label="Votre mot de passe"
							type="password"
							hint="Pour votre sécurité, confirmez cette demande avec votre mot de passe."
							autocomplete="current-password"
							error={errors.motDePasse}
						/>
						<p class="actions">
							<button type="submit" class="button-danger">
								Demander le retrait
							</button>
							<a href="/adherent/beneficiaires">Annuler</a>
						</p>
					</form>
				</>
			)}
			<p>
				<a href="/adherent/beneficiaires">Retour aux bénéficiaires</a>
			</p>
		</>
	);
}
