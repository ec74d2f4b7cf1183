// Placeholder until written (issue "Espace adhérent").
import { Hono } from "hono";
import type { AppEnv } from "../../app.tsx";

export const carteRoutes = new Hono<AppEnv>();
