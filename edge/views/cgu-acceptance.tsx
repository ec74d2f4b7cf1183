// The page that asks to accept the CGU in force: its version, date and summary, a link to read
// it in full and to what changed, the box and the capacity statement (article 2).
import type { CguVersion } from "../../core/deps.ts";
import { formatLongDay } from "../../core/format.ts";
import { Checkbox, ErrorSummary, type FieldErrors, RadioGroup } from "./form.tsx";

export const CAPACITY_OPTIONS = [
	{ value: "own_capacity", label: "J'ai la capacité juridique de donner mon consentement." },
	{
		value: "parental_authority",
		label: "J'ai l'autorisation d'une personne titulaire de l'autorité parentale.",
	},
	{ value: "tutor", label: "J'ai l'autorisation de mon tuteur." },
	{ value: "curator", label: "J'ai l'autorisation de mon curateur." },
	{ value: "legal_representative", label: "J'agis comme représentant légal de la personne morale." },
] as const;

export interface CguAcceptancePageProps {
	readonly current: CguVersion;
	readonly previous: CguVersion | undefined;
	readonly next: string;
	readonly errors: FieldErrors;
}

export function CguAcceptancePage({ current, previous, next, errors }: CguAcceptancePageProps) {
	return (
		<>
			<h1>Nouvelles conditions d'utilisation</h1>
			<ErrorSummary errors={errors} />
			<p>
				La version {current.version} des conditions générales d'utilisation est en vigueur depuis le{" "}
				{formatLongDay(current.effectiveDate)}. Pour continuer à utiliser vos services en ligne, lisez-la et
				acceptez-la.
			</p>
			<p>
				<strong>Ce qui change :</strong> {current.summary}
			</p>
			<ul>
				<li>
					<a href={current.url}>Lire les conditions générales d'utilisation, version {current.version}</a>
				</li>
				{previous ? (
					<li>
						<a href={`${current.url}/changements`}>
							Voir les changements par rapport à la version {previous.version}
						</a>
					</li>
				) : null}
			</ul>
			<form method="post" action="/compte/cgu" novalidate>
				<input type="hidden" name="version" value={current.version} />
				<input type="hidden" name="next" value={next} />
				<RadioGroup
					name="capacite"
					legend="À quel titre acceptez-vous ces conditions ?"
					options={CAPACITY_OPTIONS}
					error={errors.capacite}
				/>
				<Checkbox name="accepte" label="J'accepte les présentes CGU" error={errors.accepte} required />
				<div class="actions">
					<button type="submit">Accepter et continuer</button>
				</div>
			</form>
			<p>
				Sans cette acceptation, vous pouvez seulement lire les conditions, vous déconnecter ou demander la
				fermeture de votre compte.
			</p>
			<form method="post" action="/deconnexion" class="inline-form">
				<button type="submit" class="button-secondary">
					Se déconnecter
				</button>
			</form>
		</>
	);
}
