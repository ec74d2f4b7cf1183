// « Mes données » (article 8 of the CGU, GDPR art. 15 to 22): one page per account, whatever
// its space, that says what each right does here and opens it.
import type { Space } from "../../../schema/enums.ts";

export interface DonneesPageProps {
	readonly space: Space;
	/** Past the threshold of rows, the archive is built by the worker and e-mailed (ADR 0038). */
	readonly large?: boolean;
}

export function DonneesPage({ space, large = false }: DonneesPageProps) {
	return (
		<>
			<h1>Mes données personnelles</h1>
			<p class="lead">
				Vous pouvez ici obtenir une copie de vos données, les corriger, vous opposer à certains usages et
				demander la suppression de votre compte (articles 15 à 22 du règlement général sur la protection des
				données, article 8 des conditions d'utilisation).
			</p>
			<section aria-labelledby="export-titre">
				<h2 id="export-titre">Télécharger mes données</h2>
				<p>
					Une archive ZIP contient tout ce que l'espace conserve sur vous
					{space === "adherent"
						? " : identité et coordonnées, contrats, bénéficiaires, remboursements, relevés, demandes, consentements, sessions et journal de vos opérations"
						: " : compte, coordonnées, demandes, consentements, sessions et journal de vos opérations"}
					, au format JSON et CSV, avec un fichier LISEZMOI qui décrit chaque fichier.
				</p>
				{large ? (
					<p>
						Votre espace contient beaucoup de données : l'archive est préparée en arrière-plan et vous recevez
						un e-mail quand elle est prête. <a href="/compte/donnees/archives">Préparer mon archive</a>
					</p>
				) : (
					<p class="standalone-link">
						<a class="button" href="/compte/donnees/export" download>
							Télécharger mes données (ZIP)
						</a>{" "}
						<a href="/compte/donnees/archives">ou la recevoir par e-mail</a>
					</p>
				)}
			</section>
			<section aria-labelledby="corriger-titre">
				<h2 id="corriger-titre">Corriger mes données</h2>
				<ul>
					<li>
						<a href="/compte/email">Changer mon adresse e-mail</a> (confirmée par un lien envoyé à la nouvelle
						adresse).
					</li>
					{space === "adherent" ? (
						<li>
							<a href="/compte/donnees/coordonnees">Corriger mon téléphone et mon adresse postale</a>.
						</li>
					) : null}
					{space === "employeur" ? (
						<li>
							<a href="/compte/donnees/coordonnees">
								Corriger le téléphone et l'adresse postale de l'entreprise
							</a>
							.
						</li>
					) : null}
					{space === "professionnel" ? (
						<li>
							<a href="/compte/donnees/coordonnees">Corriger le téléphone et l'adresse du cabinet</a>.
						</li>
					) : null}
					<li>
						<a href="/compte/donnees/demandes/nouvelle?droit=rectification">
							Demander la correction de mon nom, de mon prénom ou de ma date de naissance
						</a>{" "}
						(avec un justificatif).
					</li>
				</ul>
			</section>
			<section aria-labelledby="demandes-titre">
				<h2 id="demandes-titre">Mes demandes au délégué à la protection des données</h2>
				<p>
					Pour tout autre droit (accès complet, effacement, limitation, opposition…) ou toute question,
					écrivez au délégué à la protection des données : nous répondons dans un délai d'un mois.
				</p>
				<ul>
					<li>
						<a href="/compte/donnees/demandes/nouvelle">Faire une demande</a>
					</li>
					<li>
						<a href="/compte/donnees/demandes">Suivre mes demandes</a>
					</li>
				</ul>
			</section>
			<section aria-labelledby="choix-titre">
				<h2 id="choix-titre">Mes choix</h2>
				<p>
					Prospection commerciale et profilage (accord ou opposition, retirable à tout moment), directives
					pour après votre décès et personne chargée de les exécuter :{" "}
					<a href="/compte/donnees/choix">gérer mes choix</a>.
				</p>
			</section>
			<section aria-labelledby="suppression-titre">
				<h2 id="suppression-titre">Supprimer mon compte</h2>
				<p>
					Ce qui est supprimé, ce que la mutuelle doit conserver et pourquoi :{" "}
					<a href="/compte/fermeture">demander la suppression de mon compte</a>.
				</p>
			</section>
		</>
	);
}
