// « Afficher la carte » (ADR 0030): the same page of results as the list, beside a MapLibre map.
// The page is complete without JavaScript (the list, the links); the map's code is requested
// here only, never by the list page. Each entry's « Situer sur la carte » button (shown by the
// script) focuses its marker, and choosing a marker brings its entry into view and focus.
import type { DirectoryPage } from "../../../core/reseau/directory.ts";
import { formatDistance } from "../../../core/reseau/geo.ts";
import { SPECIALTY_LABELS, type Specialty } from "../../../core/reseau/specialties.ts";
import { Address, professionLabel } from "./directory-entry.tsx";
import { Pagination, RESEAU_PATH } from "./search-page.tsx";

export const MAP_PATH = `${RESEAU_PATH}/carte`;
/** The search's results as GeoJSON, fetched by the map's script. */
export const MAP_FEATURES_PATH = `${MAP_PATH}/resultats.geojson`;
export const MAP_SCRIPT_PATH = `${MAP_PATH}/carte.js`;
export const MAP_STYLESHEET_PATH = `${MAP_PATH}/carte.css`;
/** Written by the site's build (site/build/map-assets.mjs): MapLibre's CSP build and France. */
export const MAP_ASSETS = "/_espace/carte";

export interface MapPageProps {
	readonly label: string;
	readonly specialty: Specialty | null;
	readonly page: DirectoryPage;
	/** The search's query string, without the page. */
	readonly query: string;
	/** A configured vector-tile style; undefined: France's outline. */
	readonly styleUrl: string | undefined;
}

function withPage(path: string, query: string, page: number): string {
	return `${path}?${query}${page > 1 ? `&page=${page}` : ""}`;
}

export function MapPage({ label, specialty, page, query, styleUrl }: MapPageProps) {
	const heading = `${specialty ? `${SPECIALTY_LABELS[specialty]} : ` : ""}professionnels près de ${label}`;
	return (
		<>
			<link rel="stylesheet" href={`${MAP_ASSETS}/maplibre-gl.css`} />
			<link rel="stylesheet" href={MAP_STYLESHEET_PATH} />
			<p>
				<a href={withPage(RESEAU_PATH, query, page.page)}>Revenir à la liste</a>
			</p>
			<h1>Carte</h1>
			<h2 id="resultats-titre">{heading}</h2>
			{page.results.length === 0 ? (
				<p>Aucun professionnel du réseau à moins de 400 km : la carte n'a rien à montrer.</p>
			) : (
				<>
					<div
						id="carte"
						class="carte"
						data-resultats={withPage(MAP_FEATURES_PATH, query, page.page)}
						data-contour={`${MAP_ASSETS}/france.json`}
						data-worker={`${MAP_ASSETS}/maplibre-gl-csp-worker.js`}
						data-style={styleUrl}
					/>
					<p id="carte-etat" class="carte-etat" role="status">
						La carte demande JavaScript : la liste ci-dessous donne les mêmes résultats.
					</p>
					<p class="carte-credits">
						{styleUrl
							? "Fond de carte : voir les crédits affichés sur la carte."
							: "Contour de la France : Natural Earth (domaine public), par world-atlas."}
					</p>
					<ol id="carte-liste" class="grid carte-liste" start={(page.page - 1) * 20 + 1}>
						{page.results.map((result) => (
							<li class="card" id={`pro-${result.id}`}>
								<h3>
									<a href={`${RESEAU_PATH}/professionnels/${result.id}`}>{result.name}</a>
								</h3>
								<p>
									{professionLabel(result)} · à <strong>{formatDistance(result.distanceKm)}</strong>
								</p>
								<Address entry={result} />
								<p>
									<button type="button" class="button-secondary" data-situer={result.id} hidden>
										Situer sur la carte<span class="sr-only"> : {result.name}</span>
									</button>
								</p>
							</li>
						))}
					</ol>
					<Pagination
						page={page.page}
						hasNext={page.hasNextPage}
						href={(n) => withPage(MAP_PATH, query, n)}
					/>
					<script src={`${MAP_ASSETS}/maplibre-gl-csp.js`} defer />
					<script src={MAP_SCRIPT_PATH} defer />
				</>
			)}
		</>
	);
}
