// `/reseau`: the search form (commune or postal code, specialty), then, once a place is known,
// the nearest members of the network as a list, 20 a page, nearest first. No script: the
// suggestions are links, the pages are links, « Autour de moi » is a page of its own.
import type { CommunePlace } from "../../../core/reseau/communes.ts";
import type { DirectoryPage, DirectoryResult } from "../../../core/reseau/directory.ts";
import { formatDistance } from "../../../core/reseau/geo.ts";
import type { MemberOffers } from "../../../core/reseau/member-offers.ts";
import {
	SPECIALTY_LABELS,
	type Specialty,
	specialties,
	specialtyOfNetwork,
} from "../../../core/reseau/specialties.ts";
import { ErrorSummary, type FieldErrors, Select, TextField } from "../form.tsx";
import { Address, Badges, OpeningHours, Phone, professionLabel } from "./directory-entry.tsx";

export const RESEAU_PATH = "/reseau";

export interface SearchPageProps {
	readonly text: string;
	readonly specialty: Specialty | null;
	readonly errors?: FieldErrors;
	/** Communes to choose from, when the text named several. */
	readonly choices?: readonly CommunePlace[];
	/** The place searched around and its results. */
	readonly found?: {
		readonly label: string;
		readonly page: DirectoryPage;
		/** The query string of another page of the same search. */
		readonly pageHref: (page: number) => string;
		/** The same page of results on a map (ADR 0030): a plain link, the map's code loads there. */
		readonly mapHref?: string;
	};
	readonly offers?: MemberOffers | null;
}

export function placeLabel(place: CommunePlace): string {
	return `${place.name} (${place.postalCode})`;
}

function specialtyQuery(specialty: Specialty | null): string {
	return specialty ? `&specialite=${specialty}` : "";
}

function SearchForm({ text, specialty, errors = {} }: SearchPageProps) {
	return (
		<form method="get" action={RESEAU_PATH}>
			<TextField
				name="q"
				label="Commune ou code postal"
				type="search"
				value={text}
				hint="Par exemple : Nantes ou 44000"
				autocomplete="address-level2"
				maxlength={80}
				error={errors.q}
			/>
			<Select
				name="specialite"
				label="Spécialité"
				all="Toutes les spécialités"
				value={specialty ?? ""}
				options={specialties.map((value) => ({ value, label: SPECIALTY_LABELS[value] }))}
				error={errors.specialite}
			/>
			<div class="actions">
				<button type="submit">Rechercher</button>
				<a href={`${RESEAU_PATH}/autour-de-moi${specialty ? `?specialite=${specialty}` : ""}`}>
					Autour de moi
				</a>
			</div>
		</form>
	);
}

function Choices({
	choices,
	specialty,
}: {
	readonly choices: readonly CommunePlace[];
	readonly specialty: Specialty | null;
}) {
	return (
		<section aria-labelledby="choix-titre">
			<h2 id="choix-titre">Plusieurs communes correspondent</h2>
			<p>Choisissez la vôtre :</p>
			<ul class="link-list">
				{choices.map((place) => (
					<li>
						<a href={`${RESEAU_PATH}?commune=${place.insee}${specialtyQuery(specialty)}`}>
							{placeLabel(place)}
						</a>
					</li>
				))}
			</ul>
		</section>
	);
}

function MemberOffersNote({
	offers,
	specialty,
}: {
	readonly offers: MemberOffers;
	readonly specialty: Specialty | null;
}) {
	const shown = offers.networks.filter(
		(offer) => !specialty || specialtyOfNetwork(offer.network) === specialty,
	);
	if (shown.length === 0) return null;
	return (
		<div class="alert alert-success" role="note" aria-labelledby="offres-titre">
			<h2 id="offres-titre">Vos avantages dans le réseau ({offers.offerLabel})</h2>
			<ul>
				{shown.map((offer) => (
					<li>
						<strong>{SPECIALTY_LABELS[specialtyOfNetwork(offer.network)]}</strong> :{" "}
						{offer.hundredPercentSante
							? "le panier 100 % Santé sans reste à charge, et le tiers payant sur présentation de votre carte."
							: "le tiers payant sur présentation de votre carte."}
					</li>
				))}
			</ul>
		</div>
	);
}

function Result({
	result,
	offers,
}: {
	readonly result: DirectoryResult;
	readonly offers?: MemberOffers | null;
}) {
	return (
		<li class="card">
			<h3>
				<a href={`${RESEAU_PATH}/professionnels/${result.id}`}>{result.name}</a>
			</h3>
			<p>
				{professionLabel(result)} · à <strong>{formatDistance(result.distanceKm)}</strong>
			</p>
			<Address entry={result} />
			<Phone entry={result} />
			<Badges entry={result} offers={offers} />
			<details>
				<summary>Horaires d'ouverture</summary>
				<OpeningHours entry={result} />
			</details>
		</li>
	);
}

export function Pagination({
	page,
	hasNext,
	href,
}: {
	readonly page: number;
	readonly hasNext: boolean;
	readonly href: (page: number) => string;
}) {
	if (page === 1 && !hasNext) return null;
	return (
		<nav class="pagination" aria-label="Pages des résultats">
			<ul>
				{page > 1 ? (
					<li>
						<a href={href(page - 1)} rel="prev">
							Précédente<span class="sr-only"> page</span>
						</a>
					</li>
				) : null}
				<li>
					<span aria-current="page">Page {page}</span>
				</li>
				{hasNext ? (
					<li>
						<a href={href(page + 1)} rel="next">
							Suivante<span class="sr-only"> page</span>
						</a>
					</li>
				) : null}
			</ul>
		</nav>
	);
}

export function SearchPage(props: SearchPageProps) {
	const { found, choices, offers, specialty } = props;
	return (
		<>
			<h1>Trouver un professionnel du réseau Kalixia</h1>
			<p class="lead">
				Opticiens, audioprothésistes et dentistes partenaires de votre mutuelle : tarifs négociés et tiers
				payant.
			</p>
			<ErrorSummary errors={props.errors ?? {}} />
			<SearchForm {...props} />
			{choices && choices.length > 0 ? <Choices choices={choices} specialty={specialty} /> : null}
			{found ? (
				<section aria-labelledby="resultats-titre">
					<h2 id="resultats-titre">
						{specialty ? `${SPECIALTY_LABELS[specialty]} : ` : ""}professionnels près de {found.label}
					</h2>
					{offers ? <MemberOffersNote offers={offers} specialty={specialty} /> : null}
					{found.page.results.length === 0 ? (
						<p>
							Aucun professionnel du réseau à moins de 400 km. Essayez une autre spécialité ou une autre
							commune.
						</p>
					) : (
						<>
							<p>Du plus proche au plus éloigné, à vol d'oiseau.</p>
							{found.mapHref ? (
								<p>
									<a href={found.mapHref}>Afficher la carte</a>
								</p>
							) : null}
							<ol class="grid" start={(found.page.page - 1) * 20 + 1}>
								{found.page.results.map((result) => (
									<Result result={result} offers={offers} />
								))}
							</ol>
							<Pagination page={found.page.page} hasNext={found.page.hasNextPage} href={found.pageHref} />
						</>
					)}
				</section>
			) : null}
		</>
	);
}
