/**
 * Every metric alarm of a stack's plan in one shape, whatever part made it (rates and reputation,
 * the sending API poller, missing traffic and send volume, the canary), and whether the evaluator
 * can replay it: read by the backtest's replay (tools/backtest.ts) and the dashboard picture's
 * alarm states (tools/plan/previewTraffic.ts), so both list and replay the same alarms.
 */
import type { SesMonitoringPlan } from "../../components";
import type { AlarmQuerySpec } from "../../components/shared/alarmSpecs";
import { ComparisonOperator, EvaluableAlarm, TreatMissingData } from "./evaluation";

/** A metric alarm of the plan as a replay reads it (an `AlarmSpec` fits as it is). */
export interface PlanMetricAlarm {
    name: string;
    measure: string;
    /** The configuration set, or undefined for an alarm of the whole stack. */
    configurationSet?: string;
    queries: AlarmQuerySpec[];
    comparisonOperator: string;
    /** Undefined for an anomaly detection alarm. */
    threshold?: number;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: string;
}

/** The comparisons the evaluator models: a fixed threshold, either side. */
const EVALUABLE_OPERATORS: readonly string[] = ["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"] satisfies ComparisonOperator[];

/** The plan's metric alarms that are not rate or reputation alarms: the poller's, missing traffic and volume, the canary's. */
export function otherMetricAlarms(plan: Pick<SesMonitoringPlan, "pollerAlarms" | "volumeAlarms" | "canaryAlarms">): PlanMetricAlarm[] {
    return [...plan.pollerAlarms, ...plan.volumeAlarms, ...plan.canaryAlarms].map((a) => ({
        name: a.name,
        measure: a.measure,
        configurationSet: "configurationSet" in a ? a.configurationSet : undefined,
        queries: a.queries as AlarmQuerySpec[],
        comparisonOperator: a.comparisonOperator,
        threshold: a.threshold,
        periodSeconds: a.periodSeconds,
        evaluationPeriods: a.evaluationPeriods,
        datapointsToAlarm: a.datapointsToAlarm,
        treatMissingData: a.treatMissingData,
    }));
}

/**
 * The alarm as the evaluator takes it, or undefined where it compares with an anomaly detection
 * band, which CloudWatch learns from the metric's history and no offline replay can model.
 */
export function asEvaluable<A extends PlanMetricAlarm>(alarm: A): (A & EvaluableAlarm) | undefined {
    if (alarm.threshold === undefined || !EVALUABLE_OPERATORS.includes(alarm.comparisonOperator)) return undefined;
    return { ...alarm, threshold: alarm.threshold, comparisonOperator: alarm.comparisonOperator as ComparisonOperator, treatMissingData: alarm.treatMissingData as TreatMissingData };
}
