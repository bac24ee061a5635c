/**
 * The composite "sending at risk" alarm as plain data: in ALARM when any critical alarm of the stack
 * is, so a pager can follow one alarm. Computed from the alarm specs; the component turns each spec
 * into an `aws.cloudwatch.CompositeAlarm`, the dashboard lists them.
 */
import { SendingAtRiskSettings } from "./settings";
import { AlarmSpec, alarmName } from "../shared/alarmSpecs";

/**
 * What one composite rule may hold (PutCompositeAlarm API reference, AlarmRule): at most 100
 * underlying alarms, 10,240 characters and 500 elements.
 */
export const COMPOSITE_LIMITS = {
    alarmsPerRule: 100,
    ruleLength: 10_240,
    elementsPerRule: 500,
    descriptionLength: 1024,
    nameLength: 255,
} as const;

export interface CompositeAlarmSpec {
    /** Logical-name suffix and the name without the prefix. */
    key: string;
    /** CloudWatch alarm name. */
    name: string;
    /** `ALARM("a") OR ALARM("b") ...` over `children`. */
    rule: string;
    /** Names of the alarms the rule reads: critical metric alarms, or composites of the level below. */
    children: string[];
    /** 1 for composites over metric alarms, 2 over those, and so on; the root has the highest. */
    level: number;
    /** The one composite that notifies; every other is part of its tree. */
    root: boolean;
    description: string;
}

const ROOT_KEY = "sending-at-risk";

function term(name: string): string {
    return `ALARM("${name}")`;
}

export function compositeRule(children: string[]): string {
    return children.map(term).join(" OR ");
}

/** Elements of an OR rule: each ALARM() term and each OR between them. */
export function ruleElements(children: string[]): number {
    return children.length * 2 - 1;
}

/**
 * Splits names into consecutive groups that each fit one rule: at most 100 alarms and 10,240
 * characters. Greedy in the given order, so adding a set only changes the groups from it on.
 */
export function packIntoRules(names: string[]): string[][] {
    const groups: string[][] = [];
    let current: string[] = [];
    let length = 0;
    for (const name of names) {
        const added = (current.length === 0 ? 0 : " OR ".length) + term(name).length;
        if (current.length > 0 && (current.length === COMPOSITE_LIMITS.alarmsPerRule || length + added > COMPOSITE_LIMITS.ruleLength)) {
            groups.push(current);
            current = [];
            length = 0;
        }
        current.push(name);
        length += current.length === 1 ? term(name).length : added;
    }
    if (current.length > 0) groups.push(current);
    return groups;
}

/**
 * The composite tree over every critical alarm: one composite when they fit one rule; otherwise
 * composites over groups of them, then composites over those, until one root remains. Leaves first,
 * root last (the order they must be created in). Empty when disabled or nothing is critical.
 */
export function sendingAtRiskSpecs(settings: { namePrefix: string; sendingAtRisk: SendingAtRiskSettings }, alarms: Pick<AlarmSpec, "name" | "severity">[]): CompositeAlarmSpec[] {
    if (!settings.sendingAtRisk.enabled) return [];
    const critical = alarms.filter((a) => a.severity === "critical").map((a) => a.name);
    if (critical.length === 0) return [];

    const prefix = settings.namePrefix;
    const rootName = alarmName(prefix, ROOT_KEY);
    const specs: CompositeAlarmSpec[] = [];
    let level = 1;
    let names = critical;
    for (;;) {
        const groups = packIntoRules(names);
        if (groups.length === 1) {
            specs.push({
                key: ROOT_KEY,
                name: rootName,
                rule: compositeRule(groups[0]),
                children: groups[0],
                level,
                root: true,
                description: [
                    `CRITICAL: SES sending of ${prefix} is at risk: at least one of its ${critical.length} critical alarms`,
                    "(a configuration set's bounce, complaint or reject rate, AWS's reputation rates, or the sending API's quota and enforcement status) is in ALARM.",
                    "AWS reviews an account at a 5 % bounce or 0.1 % complaint rate and may pause its sending.",
                    "First: open the stack's SES dashboard, find the alarm in ALARM and follow its description.",
                ].join(" "),
            });
            break;
        }
        // Numbered without padding: part 1 keeps its name when a tenth part appears.
        names = groups.map((group, i) => {
            const key = `${ROOT_KEY}-l${level}-${i + 1}`;
            specs.push({
                key,
                name: alarmName(prefix, key),
                rule: compositeRule(group),
                children: group,
                level,
                root: false,
                description: `Part ${i + 1} of ${groups.length} (level ${level}) of ${rootName}: in ALARM when any of its ${group.length} alarms is. It does not notify; ${rootName} does.`,
            });
            return alarmName(prefix, key);
        });
        level++;
    }
    checkCompositeSpecs(specs, alarms);
    return specs;
}

/**
 * Throws when a composite breaks a CloudWatch limit or takes a metric alarm's name: our bug, as
 * the packing keeps every rule within the limits and names stay short enough (the name limit is
 * checked with the metric alarms' names, in terms of the name prefix).
 */
export function checkCompositeSpecs(specs: CompositeAlarmSpec[], alarms: Pick<AlarmSpec, "name" | "severity">[]): void {
    const metricNames = new Set(alarms.map((a) => a.name));
    for (const spec of specs) {
        const broken = spec.children.length > COMPOSITE_LIMITS.alarmsPerRule
            || spec.rule.length > COMPOSITE_LIMITS.ruleLength
            || ruleElements(spec.children) > COMPOSITE_LIMITS.elementsPerRule
            || spec.description.length > COMPOSITE_LIMITS.descriptionLength
            || spec.name.length > COMPOSITE_LIMITS.nameLength
            || metricNames.has(spec.name);
        if (broken) throw new Error(`internal: composite alarm ${spec.name} breaks a CloudWatch limit or reuses a metric alarm's name`);
    }
}
