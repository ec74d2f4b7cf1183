// The form to ask for a new beneficiary: a multipart form (the supporting document), which works
// without any script. The values typed are kept after an error; a valid justificatif already
// received is kept too (stored, and named by a hidden field), and the page says so.

import { ATTACHED_NIR_MAX_AGE } from "../../../core/adherent/beneficiary-form.ts";
import { MAX_DOCUMENT_BYTES } from "../../../core/file-type.ts";
import { Alert, DateField, ErrorSummary, type FieldErrors, RadioGroup, TextField } from "../form.tsx";
import { KEPT_FIELD, KeptDocumentNotice } from "./kept-document.tsx";

export interface AdditionPageProps {
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
}

const MAX_MO = MAX_DOCUMENT_BYTES / (1024 * 1024);

function FileField({ error, required }: { readonly error: string | undefined; readonly required: boolean }) {
	const id = "champ-justificatif";
	return (
		<div class="field">
			<label for={id}>Justificatif</label>
			<span class="hint" id={`${id}-aide`}>
				Acte de naissance, livret de famille, certificat de PACS ou attestation de vie commune. Fichier PDF,
				JPEG ou PNG de {MAX_MO} Mo au plus.
			</span>
			{error ? (
				<span class="field-error" id={`${id}-erreur`}>
					{error}
				</span>
			) : null}
			<input
				id={id}
				name="justificatif"
				type="file"
				accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
				required={required}
				aria-invalid={error ? "true" : undefined}
				aria-describedby={error ? `${id}-aide ${id}-erreur` : `${id}-aide`}
			/>
		</div>
	);
}

export function AdditionPage({ values, errors }: AdditionPageProps) {
	const hasErrors = Object.values(errors).some(Boolean);
	return (
		<>
			<h1>Ajouter un bénéficiaire</h1>
			<p>
				Votre conjoint, partenaire ou enfant peut être couvert par votre contrat. Nos services examinent votre
				demande et le justificatif ; vous suivez son état sur la page des bénéficiaires.
			</p>
			<ErrorSummary errors={errors} />
			{hasErrors && !errors.justificatif && !values[KEPT_FIELD] ? (
				<Alert kind="info">Par sécurité, le justificatif n'est pas conservé : choisissez-le à nouveau.</Alert>
			) : null}
			<form method="post" action="/adherent/beneficiaires/ajout" enctype="multipart/form-data" novalidate>
				<RadioGroup
					name="lien"
					legend="Lien avec vous"
					value={values.lien}
					error={errors.lien}
					options={[
						{ value: "conjoint", label: "Conjoint, partenaire de PACS ou concubin" },
						{ value: "enfant", label: "Enfant" },
					]}
				/>
				<TextField
					name="nom"
					label="Nom"
					value={values.nom}
					error={errors.nom}
					autocomplete="off"
					maxlength={60}
				/>
				<TextField
					name="prenom"
					label="Prénom"
					value={values.prenom}
					error={errors.prenom}
					autocomplete="off"
					maxlength={60}
				/>
				<DateField
					name="dateNaissance"
					legend="Date de naissance"
					values={values}
					error={errors.dateNaissance}
				/>
				<RadioGroup
					name="sexe"
					legend="Sexe"
					value={values.sexe}
					error={errors.sexe}
					options={[
						{ value: "F", label: "Féminin" },
						{ value: "M", label: "Masculin" },
					]}
				/>
				<TextField
					name="nir"
					label="Numéro de sécurité sociale du bénéficiaire"
					requirement={`sauf pour un enfant de moins de ${ATTACHED_NIR_MAX_AGE} ans qui n'a pas encore le sien`}
					hint="15 caractères, clé comprise."
					value={values.nir}
					error={errors.nir}
					autocomplete="off"
					maxlength={21}
					required={false}
				/>
				<TextField
					name="nirParent"
					label="Numéro de sécurité sociale du parent auquel l'enfant est rattaché"
					requirement={`obligatoire pour un enfant de moins de ${ATTACHED_NIR_MAX_AGE} ans sans numéro propre`}
					hint="À laisser vide si le bénéficiaire a son propre numéro."
					value={values.nirParent}
					error={errors.nirParent}
					autocomplete="off"
					maxlength={21}
					required={false}
				/>
				<KeptDocumentNotice
					values={values}
					message={(name) =>
						`Votre justificatif « ${name} » est bien reçu : inutile de l'envoyer à nouveau. Pour le remplacer, choisissez un autre fichier ci-dessous.`
					}
				/>
				<FileField error={errors.justificatif} required={!values[KEPT_FIELD]} />
				<p class="actions">
					<button type="submit">Envoyer la demande</button>
					<a href="/adherent/beneficiaires">Annuler</a>
				</p>
			</form>
		</>
	);
}
