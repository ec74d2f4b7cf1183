// Placeholder until written.
import { Hono } from "hono";
import type { AppEnv } from "../app.tsx";

export const cguAcceptanceRoutes = new Hono<AppEnv>();
