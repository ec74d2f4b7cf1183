// Placeholder.
import { Hono } from "hono";
import type { AppEnv } from "../app.tsx";

export const signInRoutes = new Hono<AppEnv>();
