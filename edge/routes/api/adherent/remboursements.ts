// Placeholder until written (issue "Espace adhérent").
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../../app.tsx";

export const apiRemboursementsRoutes = new OpenAPIHono<AppEnv>();
