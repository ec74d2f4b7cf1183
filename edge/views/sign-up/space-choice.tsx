// `/inscription` without a space: the visitor says who they are before seeing the right form.
import type { SignUpSpace } from "../../../core/account-identifier.ts";
import { Alert } from "../form.tsx";

export const SPACE_CHOICES: readonly {
	readonly space: SignUpSpace;
	readonly title: string;
	readonly text: string;
}[] = [
	{
		space: "adherent",
		title: "Adhérent",
		text: "Vous êtes couvert par un contrat santé de la mutuelle, à titre individuel ou par votre employeur.",
	},
	{
		space: "employeur",
		title: "Employeur",
		text: "Votre entreprise a souscrit un contrat collectif santé pour ses salariés.",
	},
	{
		space: "professionnel",
		title: "Professionnel de santé",
		text: "Vous avez signé une convention de tiers payant avec la mutuelle.",
	},
];

export function SpaceChoicePage({ invalid = false }: { readonly invalid?: boolean }) {
	return (
		<>
			<h1>Créer mon compte</h1>
			{invalid ? (
				<Alert kind="error">
					L'espace demandé n'existe pas. Choisissez l'un des trois espaces ci-dessous.
				</Alert>
			) : null}
			<p>
				Choisissez l'espace qui vous correspond. Vous aurez besoin des informations qui figurent sur vos
				documents de la mutuelle.
			</p>
			<ul class="grid">
				{SPACE_CHOICES.map((choice) => (
					<li class="card">
						<h2>{choice.title}</h2>
						<p>{choice.text}</p>
						<p class="actions">
							<a class="button" href={`/inscription?espace=${choice.space}`}>
								Créer mon compte {choice.title.toLowerCase()}
							</a>
						</p>
					</li>
				))}
			</ul>
			<p>
				Vous avez déjà un compte ? <a href="/connexion">Se connecter</a>
			</p>
		</>
	);
}
