// The edge app's Hono environment, in a file of its own (as Hono's examples keep `Bindings` and
// `Variables`): every route and middleware imports it, and it imports no route, so the app's
// root file is no longer part of a cycle with every route.
import type { MemberScope } from "../core/adherent/member.ts";
import type { AppDeps } from "../core/deps.ts";
import type { AdministratorRole } from "../core/employeur/administrators.ts";
import type { EmployerScope } from "../core/employeur/scope.ts";
import type { StaffActor } from "../core/gestion/staff.ts";
import type { ServiceState } from "../core/maintenance.ts";
import type { Account, Session } from "../schema/tables/index.ts";

/** Who is asking: a valid session and its account, and how the session came (cookie or API). */
export interface Auth {
	readonly session: Session;
	readonly account: Account;
	readonly via: "cookie" | "bearer";
}

export interface AppEnv {
	Variables: {
		requestId: string;
		deps: AppDeps;
		auth: Auth | null;
		/** Set by `requireMember` for the routes of the espace adhérent. */
		member?: MemberScope;
		/** Set by `requireEmployer` for the routes of the espace employeur. */
		employer?: EmployerScope;
		/** Set by `requireEmployer`: the main administrator or an invited one's role (ADR 0034). */
		employerRole?: AdministratorRole;
		/** Set by `serviceStatus`: maintenance in progress or announced, for the banner. */
		serviceState?: ServiceState;
		/** Set by `requireStaff` for the back-office (/gestion): the staff member and their role. */
		staff?: StaffActor;
	};
}

/** The environment after `requireAccount`: the signed-in account is present. */
export interface SignedInEnv extends AppEnv {
	Variables: AppEnv["Variables"] & { auth: Auth };
}

/** The environment after `requireMember`: the adhérent's member is present as well. */
export interface MemberEnv extends SignedInEnv {
	Variables: SignedInEnv["Variables"] & { member: MemberScope };
}
