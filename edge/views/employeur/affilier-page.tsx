// « Affilier un salarié »: the employee's identity (NIR with its key, name, birth date), the
// address and e-mail the espace adhérent needs, the start date, the category and the option.
// The employee then receives an e-mail to create their espace adhérent.
import type { CategoryChoice } from "../../../core/employeur/employees.ts";
import { DateField, ErrorSummary, type FieldErrors, RadioGroup, Select, TextField } from "../form.tsx";
import { OPTION_LABELS } from "./labels.ts";
import { SALARIES_PATH } from "./salaries-page.tsx";

export const AFFILIER_PATH = `${SALARIES_PATH}/affilier`;

export interface AffilierPageProps {
	readonly categories: readonly CategoryChoice[];
	readonly values?: Readonly<Record<string, string | undefined>>;
	readonly errors?: FieldErrors;
}

export function AffilierPage({ categories, values = {}, errors = {} }: AffilierPageProps) {
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<a href={SALARIES_PATH}>Salariés</a>
			</nav>
			<h1>Affilier un salarié</h1>
			<p class="lead">
				Le salarié est affilié au contrat collectif à la date indiquée. Il reçoit par e-mail son identifiant
				et un lien pour créer le mot de passe de son espace adhérent.
			</p>
			<p>
				Plusieurs salariés à affilier ? <a href={`${AFFILIER_PATH}/import`}>Envoyez un fichier CSV</a>.
			</p>
			<form method="post" action={AFFILIER_PATH} novalidate>
				<ErrorSummary errors={errors} />
				<TextField
					name="nir"
					label="Numéro de sécurité sociale"
					hint="15 caractères, clé comprise, par exemple 2 95 10 99 126 111 93."
					value={values.nir}
					error={errors.nir}
					maxlength={21}
					autocomplete="off"
				/>
				<TextField name="nom" label="Nom" value={values.nom} error={errors.nom} maxlength={80} />
				<TextField name="prenom" label="Prénom" value={values.prenom} error={errors.prenom} maxlength={80} />
				<DateField
					name="dateNaissance"
					legend="Date de naissance"
					values={values}
					error={errors.dateNaissance}
				/>
				<TextField
					name="email"
					label="Adresse e-mail du salarié"
					type="email"
					value={values.email}
					error={errors.email}
					autocomplete="off"
					maxlength={254}
				/>
				<TextField
					name="adresse"
					label="Adresse"
					value={values.adresse}
					error={errors.adresse}
					maxlength={120}
				/>
				<TextField
					name="codePostal"
					label="Code postal"
					inputmode="numeric"
					value={values.codePostal}
					error={errors.codePostal}
					maxlength={5}
				/>
				<TextField name="ville" label="Ville" value={values.ville} error={errors.ville} maxlength={80} />
				<TextField
					name="matricule"
					label="Matricule"
					value={values.matricule}
					error={errors.matricule}
					required={false}
					maxlength={20}
				/>
				<DateField name="dateDebut" legend="Date d'affiliation" values={values} error={errors.dateDebut} />
				<Select
					name="categorie"
					label="Catégorie"
					value={values.categorie}
					all="Choisissez une catégorie"
					options={categories.map((category) => ({ value: String(category.id), label: category.label }))}
					error={errors.categorie}
				/>
				<RadioGroup
					name="option"
					legend="Option"
					options={Object.entries(OPTION_LABELS).map(([value, label]) => ({ value, label }))}
					value={values.option}
					error={errors.option}
				/>
				<div class="actions">
					<button type="submit">Affilier le salarié</button>
					<a href={SALARIES_PATH}>Annuler</a>
				</div>
			</form>
		</>
	);
}
