/**
 * The offline plan as data (what `plan.json` holds) and as text (what `npm run plan` prints).
 */
import { AUTO_PAUSE_ENV, AUTO_PAUSE_REARM_NOTE } from "../../components";
import type { RegisteredResource } from "../pulumiMocks";
import type { PlannedResource } from "./compare";
import type { CostEstimate } from "./cost";
import { Coverage, renderCoverage } from "./coverage";

export interface ResourceNode {
    type: string;
    name: string;
    urn: string;
    children: ResourceNode[];
}

export interface AlarmRow {
    name: string;
    severity: string;
    reads: string;
    expression: string;
    threshold: number | string;
    periodSeconds: number | string;
    datapoints: string;
    actions: string;
}

export interface PolicyVerdictRow {
    policyName: string;
    enforcementLevel: string;
    message: string;
    urn?: string;
}

export interface Plan {
    stack: string;
    project: string;
    /** `list`: each resource's URN, type and replace-triggering inputs, what `--compare` reads. */
    resources: { total: number; countsByType: Record<string, number>; tree: ResourceNode[]; list: PlannedResource[] };
    alarms: AlarmRow[];
    cost: CostEstimate;
    /** What each alarm can see of the stack's traffic profile (tools/plan/coverage.ts). */
    coverage?: Coverage;
    policy: { mandatoryViolations: number; advisoryViolations: number; violations: PolicyVerdictRow[]; policies: string[] };
    /** What the plan's resources do beyond themselves: account-wide state, and behaviour to know before relying on it. */
    notes: string[];
    outputs?: Record<string, unknown>;
}

/**
 * Resources whose deletion changes state of the whole account and region, not only the resource:
 * what deleting one does. Each is either retained on delete (the note says what is left) or its
 * note says what a removal would change.
 */
export const ACCOUNT_WIDE: Record<string, { what: string; onDelete: string; retained: string }> = {
    "aws:sesv2/accountVdmAttributes:AccountVdmAttributes": {
        what: "SES Virtual Deliverability Manager (the account's VDM attributes, account-wide in this region)",
        onDelete: "deleting it sets VDM to DISABLED for the whole account and region",
        retained: "retained on delete: removing deliverabilityManager, or destroying the stack, leaves VDM as this stack last set it, for every stack and team of the account; set enabled: false first to turn it off",
    },
};

/** The plan's notes: account-wide resources (retained or not) and auto-pause's re-arming, from what the program registered. */
export function planNotes(resources: RegisteredResource[]): string[] {
    const notes: string[] = [];
    for (const r of resources) {
        const wide = ACCOUNT_WIDE[r.type];
        if (wide) notes.push(`${wide.what}: ${r.retainOnDelete ? wide.retained : `${wide.onDelete} (not retained)`}.`);
    }
    const paused = resources
        .filter((r) => r.type === "aws:lambda/function:Function" && typeof r.inputs.environment?.variables?.[AUTO_PAUSE_ENV.configurationSet] === "string")
        .map((r) => r.inputs.environment.variables[AUTO_PAUSE_ENV.configurationSet] as string);
    if (paused.length > 0) notes.push(`Auto-pause (${paused.sort().join(", ")}): ${AUTO_PAUSE_REARM_NOTE}`);
    return notes;
}

export function resourceTree(resources: RegisteredResource[]): ResourceNode[] {
    const nodes = new Map<string, ResourceNode>();
    for (const r of resources) nodes.set(r.urn, { type: r.type, name: r.name, urn: r.urn, children: [] });
    const roots: ResourceNode[] = [];
    for (const r of resources) {
        const node = nodes.get(r.urn)!;
        const parent = r.parent ? nodes.get(r.parent) : undefined;
        (parent ? parent.children : roots).push(node);
    }
    const sort = (list: ResourceNode[]) => {
        list.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type.localeCompare(b.type)));
        list.forEach((n) => sort(n.children));
    };
    sort(roots);
    return roots;
}

export function countsByType(resources: RegisteredResource[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of [...resources].sort((a, b) => a.type.localeCompare(b.type))) counts[r.type] = (counts[r.type] ?? 0) + 1;
    return counts;
}

/** The last part of an ARN-like name, for compact table cells. */
const shortArn = (arn: unknown) => (typeof arn === "string" ? arn.split(":").pop()! : "(unknown)");

function describeMetric(metric: any): string {
    const dims = Object.values(metric?.dimensions ?? {});
    return `${metric?.metricName}${dims.length ? `[${dims.join(",")}]` : ""}`;
}

/** One row per metric alarm, from the inputs `pulumi up` would send. */
export function alarmRows(resources: RegisteredResource[]): AlarmRow[] {
    return resources
        .filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
        .map((r) => {
            const i = r.inputs;
            const queries: any[] = Array.isArray(i.metricQueries) ? i.metricQueries : [];
            const metricQueries = queries.filter((q) => q.metric);
            const returned = queries.find((q) => q.returnData);
            const period = metricQueries[0]?.metric?.period ?? i.period ?? "";
            const name: string = i.name ?? r.name;
            // A fast-window alarm is critical too: `<...>-critical-fast`.
            const severity = /-(warning|critical)(?:-fast)?$/.exec(name)?.[1] ?? "-";
            return {
                name,
                severity,
                reads: queries.length ? metricQueries.map((q) => describeMetric(q.metric)).join(" ") : describeMetric(i),
                expression: returned?.expression ?? (returned?.metric ? `${returned.metric.stat}(${returned.metric.metricName})` : `${i.statistic ?? ""}(${i.metricName ?? ""})`),
                threshold: i.threshold ?? "",
                periodSeconds: period,
                datapoints: `${i.datapointsToAlarm ?? i.evaluationPeriods ?? "?"}/${i.evaluationPeriods ?? "?"}`,
                actions: (Array.isArray(i.alarmActions) ? i.alarmActions : []).map(shortArn).join(",") || "(none)",
            };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
}

function table(headers: string[], rows: string[][]): string {
    const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd();
    return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export const ALARM_COLUMNS = ["name", "severity", "reads", "expression", "threshold", "period", "M/N", "actions"];

export function alarmTableRows(alarms: AlarmRow[]): string[][] {
    return alarms.map((a) => [a.name, a.severity, a.reads, a.expression, String(a.threshold), String(a.periodSeconds), a.datapoints, a.actions]);
}

function renderTree(nodes: ResourceNode[], indent = ""): string[] {
    return nodes.flatMap((node, i) => {
        const last = i === nodes.length - 1;
        const branch = indent === "" && nodes.length === 1 ? "" : last ? "└─ " : "├─ ";
        const childIndent = indent + (branch === "" ? "" : last ? "   " : "│  ");
        return [`${indent}${branch}${node.type}  ${node.name}`, ...renderTree(node.children, childIndent)];
    });
}

const usd = (n: number) => `$${n.toFixed(2)}`;
/** A unit price below a cent (an SES message, a Lambda request) in full: $0.0001, $0.0000002. */
const unitUsd = (n: number) => (n === 0 || n >= 0.01 ? usd(n) : `$${n.toFixed(10).replace(/0+$/, "")}`);

export function renderPlan(plan: Plan): string {
    const out: string[] = [];
    out.push(`Plan for stack ${plan.stack} of ${plan.project} (offline: Pulumi mocks, no cloud account)`, "");
    out.push(`Resources (${plan.resources.total})`, ...renderTree(plan.resources.tree), "");
    out.push(table(["type", "count"], Object.entries(plan.resources.countsByType).map(([t, n]) => [t, String(n)])), "");
    out.push(`Alarms (${plan.alarms.length})`, table(ALARM_COLUMNS, alarmTableRows(plan.alarms)), "");
    if (plan.coverage) out.push(...renderCoverage(plan.coverage, table), "");
    out.push("Estimated monthly cost (USD): CloudWatch, and SES, Lambda or VDM where a feature uses them");
    out.push(table(["item", "quantity", "unit", "monthly"], plan.cost.items.map((i) => [i.item, String(i.quantity), unitUsd(i.unitUsd), usd(i.monthlyUsd)])));
    out.push(`total ${usd(plan.cost.totalUsd)} per month`);
    const f = plan.cost.freeTier;
    out.push(`free tier, if the account does not already use it: -${usd(f.savingUsd)} (${f.alarmMetrics} alarm metrics, ${f.customMetrics} custom metrics, ${f.dashboards} dashboards) -> ${usd(f.totalAfterFreeTierUsd)}`);
    if (plan.cost.usagePriced.length) out.push(`usage-priced, not included: ${plan.cost.usagePriced.join("; ")}`);
    out.push(`prices: ${plan.cost.prices}`, "");
    const p = plan.policy;
    out.push(`Policies (${p.policies.length}): ${p.mandatoryViolations} mandatory and ${p.advisoryViolations} advisory violations`);
    for (const v of p.violations) out.push(`  [${v.enforcementLevel}] ${v.policyName}: ${v.message}${v.urn ? ` (${v.urn.split("::").pop()})` : ""}`);
    if (plan.notes.length > 0) out.push("", "Notes", ...plan.notes.map((n) => `  - ${n}`));
    return out.join("\n");
}
