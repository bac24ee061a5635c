/** Defaults and checks of the "sending at risk" composite alarm (pure). */
import { Checker } from "../shared/checker";

export interface SendingAtRiskSettings {
    enabled: boolean;
    notify: boolean;
}

/** `sendingAtRisk`: on, and notifying the critical topic, by default. */
export function resolveSendingAtRisk(check: Checker, path: string, value: unknown): SendingAtRiskSettings {
    const raw = check.object(path, value, ["enabled", "notify"]) ?? {};
    return {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, true),
        notify: check.boolean(`${path}.notify`, raw.notify, true),
    };
}
