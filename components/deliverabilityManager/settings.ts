/** Defaults and validation of `deliverabilityManager` (pure). */
import type { Checker } from "../shared/checker";

export interface DeliverabilityManagerSettings {
    /** Whether the stack manages the account's VDM attributes at all. */
    managed: boolean;
    enabled: boolean;
    engagementMetrics: boolean;
    optimizedSharedDelivery: boolean;
}

export const DELIVERABILITY_MANAGER_FIELDS = ["enabled", "engagementMetrics", "optimizedSharedDelivery"];

export const UNMANAGED_DELIVERABILITY_MANAGER: DeliverabilityManagerSettings = { managed: false, enabled: false, engagementMetrics: false, optimizedSharedDelivery: false };

export function resolveDeliverabilityManager(check: Checker, path: string, value: unknown): DeliverabilityManagerSettings {
    if (value === undefined || value === null) return UNMANAGED_DELIVERABILITY_MANAGER;
    const raw = check.object(path, value, DELIVERABILITY_MANAGER_FIELDS);
    if (!raw) return UNMANAGED_DELIVERABILITY_MANAGER;
    const enabled = check.boolean(`${path}.enabled`, raw.enabled, true);
    const engagementMetrics = check.boolean(`${path}.engagementMetrics`, raw.engagementMetrics, true);
    const optimizedSharedDelivery = check.boolean(`${path}.optimizedSharedDelivery`, raw.optimizedSharedDelivery, true);
    check.unusedWhileDisabled(path, raw, enabled, DELIVERABILITY_MANAGER_FIELDS);
    return { managed: true, enabled, engagementMetrics, optimizedSharedDelivery };
}
