/** Defaults and checks of the dashboard (pure). */
import { Checker } from "../shared/checker";

export interface DashboardSettings {
    enabled: boolean;
    /** Undefined: `<namePrefix>-<region>-ses`, known only once the region is. */
    name?: string;
}

/** PutDashboard: DashboardName is 1-255 of [A-Za-z0-9_-] (CloudWatch API reference). */
export const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** `dashboard`: on by default; the name is checked here, its default needs the region. */
export function resolveDashboard(check: Checker, path: string, value: unknown): DashboardSettings {
    const raw = check.object(path, value, ["enabled", "name"]) ?? {};
    return {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, true),
        name: check.string(`${path}.name`, raw.name, DASHBOARD_NAME, "is not a dashboard name (1-255 of [A-Za-z0-9_-])"),
    };
}
