/**
 * Alarm designs the component's settings cannot express yet, built from its specs so the grid can
 * measure them beside the deployed alarms. Each stays within what a CloudWatch math alarm may
 * contain (docs/alarms.md, "What CloudWatch allows in a math alarm"): the same two metrics on one
 * period, `IF`, `FILL`, arithmetic and `^`.
 */
import { AlarmSpec } from "../../components/shared/alarmSpecs";

/** z for a one-sided p of about 0.001. */
export const POISSON_Z = 3.1;

/**
 * The rate alarms' fixed send guard replaced by a confidence bound: fire when the period's events
 * are significantly more than the tier allows, by the variance-stabilised Poisson test
 * `2 (sqrt(events) - sqrt(tier x sends)) >= z`: at large volume the same as the rate reaching the
 * tier, at small volume it asks for enough events to be sure (4 events where 0.09 are allowed,
 * 13 where 4 are; within a factor of three of the exact p = 0.001 from 4 allowed events up).
 * A period without sends has no datapoint.
 */
export function poissonExpression(eventsId: string, tierPercent: number): string {
    const fraction = Number((tierPercent / 100).toPrecision(12));
    return `IF(sends > 0, 2 * ((FILL(${eventsId}, 0)) ^ 0.5 - (${fraction} * sends) ^ 0.5))`;
}

/** The design's event-rate alarms with the bound in place of the guard; reputation alarms unchanged. */
export function withPoissonBound(alarms: AlarmSpec[], z = POISSON_Z): AlarmSpec[] {
    return alarms.map((a) => {
        if (a.source !== "events") return a;
        const returned = a.queries.find((q) => q.returnData)!;
        const eventsId = a.queries.find((q) => q.metric && q.id !== "sends")!.id;
        return {
            ...a,
            queries: a.queries.map((q) => (q === returned ? { ...q, expression: poissonExpression(eventsId, a.thresholdPercent) } : q)),
            threshold: z,
        };
    });
}
