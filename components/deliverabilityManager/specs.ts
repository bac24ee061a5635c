/** The account's VDM attributes as the SESv2 API spells them (pure). */
import { DeliverabilityManagerSettings } from "./settings";

export interface VdmAttributesSpec {
    vdmEnabled: "ENABLED" | "DISABLED";
    dashboardAttributes: { engagementMetrics: "ENABLED" | "DISABLED" };
    guardianAttributes: { optimizedSharedDelivery: "ENABLED" | "DISABLED" };
}

const status = (on: boolean): "ENABLED" | "DISABLED" => (on ? "ENABLED" : "DISABLED");

/** Undefined when the stack leaves VDM alone; with VDM off, both options are off too. */
export function vdmAttributesSpec(s: DeliverabilityManagerSettings): VdmAttributesSpec | undefined {
    if (!s.managed) return undefined;
    return {
        vdmEnabled: status(s.enabled),
        dashboardAttributes: { engagementMetrics: status(s.enabled && s.engagementMetrics) },
        guardianAttributes: { optimizedSharedDelivery: status(s.enabled && s.optimizedSharedDelivery) },
    };
}
