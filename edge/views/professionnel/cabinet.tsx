// « Mon cabinet »: the practice's identity, its tiers-payant convention and its care networks.
import { formatDay } from "../../../core/format.ts";
import type { PracticeIdentity } from "../../../core/professionnel/cabinet.ts";
import type { CareNetwork, ConventionSector } from "../../../schema/enums.ts";
import { PROFESSION_LABELS } from "../adherent/format.ts";
import { type CompteBancaireProps, CompteBancaireSection } from "./compte-bancaire.tsx";

const SECTOR_LABELS: Readonly<Record<ConventionSector, string>> = {
	secteur_1: "Secteur 1",
	secteur_2_optam: "Secteur 2, adhérent à l'OPTAM",
	secteur_2: "Secteur 2",
	non_conventionne: "Non conventionné",
};

const NETWORK_LABELS: Readonly<Record<CareNetwork, string>> = {
	kalixia_optique: "Kalixia optique",
	kalixia_audio: "Kalixia audio",
	kalixia_dentaire: "Kalixia dentaire",
	kalixia_osteopathie: "Kalixia ostéopathie",
};

/** FINESS as displayed: `NN NNN NNN N` (DOMAIN.md §1). */
function formatFiness(finess: string): string {
	return `${finess.slice(0, 2)} ${finess.slice(2, 5)} ${finess.slice(5, 8)} ${finess.slice(8)}`;
}

export function CabinetPage({
	identity,
	bank,
}: {
	readonly identity: PracticeIdentity;
	readonly bank: CompteBancaireProps;
}) {
	return (
		<>
			<h1>Mon cabinet</h1>
			<p class="lead">
				Les informations de votre cabinet connues de la mutuelle. Pour les corriger, écrivez-nous : la
				modification est faite par nos services. Le compte bancaire, vous le changez vous-même.
			</p>
			<section class="card" aria-labelledby="identite-titre">
				<h2 id="identite-titre">Identité</h2>
				<dl class="facts">
					<dt>Nom</dt>
					<dd>{identity.name}</dd>
					<dt>Profession</dt>
					<dd>
						{PROFESSION_LABELS[identity.profession]}
						{identity.specialty ? `, ${identity.specialty}` : ""}
					</dd>
					{identity.rpps ? (
						<>
							<dt>Numéro RPPS</dt>
							<dd>{identity.rpps}</dd>
						</>
					) : null}
					{identity.finess ? (
						<>
							<dt>Numéro FINESS</dt>
							<dd>{formatFiness(identity.finess)}</dd>
						</>
					) : null}
					{identity.adeli ? (
						<>
							<dt>Numéro ADELI</dt>
							<dd>{identity.adeli}</dd>
						</>
					) : null}
					{identity.sector ? (
						<>
							<dt>Conventionnement</dt>
							<dd>{SECTOR_LABELS[identity.sector]}</dd>
						</>
					) : null}
					<dt>Adresse</dt>
					<dd>{[...identity.addressLines, `${identity.postalCode} ${identity.city}`].join(", ")}</dd>
				</dl>
				{identity.phone || identity.email ? (
					// In a paragraph, not in the grid of facts: a long e-mail address wraps there.
					<p>Contact : {[identity.phone, identity.email].filter(Boolean).join(", ")}</p>
				) : null}
			</section>
			<section class="card" aria-labelledby="convention-titre">
				<h2 id="convention-titre">Convention de tiers payant</h2>
				{identity.convention ? (
					<dl class="facts">
						<dt>Numéro de convention</dt>
						<dd>{identity.convention.number}</dd>
						{identity.convention.signedOn ? (
							<>
								<dt>Signée le</dt>
								<dd>{formatDay(identity.convention.signedOn)}</dd>
							</>
						) : null}
						<dt>Fin</dt>
						<dd>{identity.convention.endedOn ? formatDay(identity.convention.endedOn) : "En cours"}</dd>
					</dl>
				) : (
					<p>Aucune convention de tiers payant n'est enregistrée.</p>
				)}
			</section>
			<section class="card" aria-labelledby="reseaux-titre">
				<h2 id="reseaux-titre">Réseaux de soins</h2>
				{identity.networks.length === 0 ? (
					<p>Votre cabinet ne fait partie d'aucun réseau de soins.</p>
				) : (
					<ul>
						{identity.networks.map((membership) => (
							<li>
								{NETWORK_LABELS[membership.network]} depuis le {formatDay(membership.joinedOn)}
								{membership.leftOn ? `, jusqu'au ${formatDay(membership.leftOn)}` : ""}
							</li>
						))}
					</ul>
				)}
			</section>
			<CompteBancaireSection {...bank} />
		</>
	);
}
