// Placeholder until written.
import { Hono } from "hono";
import type { AppEnv } from "../app.tsx";

export const spaceRoutes = new Hono<AppEnv>();
