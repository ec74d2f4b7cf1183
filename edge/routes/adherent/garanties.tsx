// Placeholder until written (issue "Espace adhérent").
import { Hono } from "hono";
import type { AppEnv } from "../../app.tsx";

export const garantiesRoutes = new Hono<AppEnv>();
