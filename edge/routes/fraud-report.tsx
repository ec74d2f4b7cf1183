// Placeholder until written: see the issue "Accounts and security".
import { Hono } from "hono";
import type { AppEnv } from "../app.tsx";

export const fraudReportRoutes = new Hono<AppEnv>();
