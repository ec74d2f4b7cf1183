// The member's dashboard. Until the full dashboard lands, the generic space home.
import { spaceHome } from "../spaces.tsx";

export const dashboardRoutes = spaceHome("adherent");
