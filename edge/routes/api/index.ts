// The JSON API, version 1.
import { Hono } from "hono";
import type { AppEnv } from "../../app.tsx";

export const apiRoutes = new Hono<AppEnv>();
