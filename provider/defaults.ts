/**
 * The defaults the args' documentation states, computed from the component itself: the settings
 * `resolveSettings` gives when a field is left out. Each optional property of the args states its
 * default in a JSDoc `@default` tag; for the properties below the tag's text is generated from
 * these values (`UPDATE_SNAPSHOTS=1` with tests/defaults.test.ts rewrites the tags, and a test fails
 * when a tag and the code differ), and the provider adds every tag to the schema's description.
 * Changing a default in code and regenerating is all it takes to keep README-facing docs true.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { MonitoringSettings, resolveSettings } from "../components";

/** Args that turn on every part with defaults, so every default is resolved. */
const PROBE = {
    configurationSets: { a: { autoPause: {}, snsDestination: {}, eventBridgeDestination: {} } },
    eventArchive: {}, canary: { from: "canary@example.com" }, volume: {}, identities: { "example.com": {} }, deliverabilityManager: {},
};

const RATES = ["bounceRate", "complaintRate", "rejectRate"] as const;
const REPUTATION = ["bounceRate", "complaintRate"] as const;

/** `3 (bounceRate), 0.08 (complaintRate), 1 (rejectRate)`, or the one value when all agree. */
function perMeasure<K extends string>(keys: readonly K[], value: (k: K) => unknown): string {
    const values = keys.map((k) => JSON.stringify(value(k)));
    if (values.every((v) => v === values[0])) return values[0]!;
    return keys.map((k, i) => `${values[i]} (${k})`).join(", ");
}

const list = (values: readonly string[]) => `[${values.join(", ")}]`;

/** `Interface.property` -> the default as stated in its `@default` tag. */
export function computedDefaults(): Map<string, string> {
    const s: MonitoringSettings = resolveSettings(PROBE, { project: "p", stack: "s" });
    const set = s.configurationSets[0]!;
    const rate = (field: keyof MonitoringSettings["alarms"]["bounceRate"]) => perMeasure(RATES, (m) => s.alarms[m][field]);
    const fast = (field: keyof MonitoringSettings["alarms"]["bounceRate"]["fastWindow"]) => perMeasure(RATES, (m) => s.alarms[m].fastWindow[field]);
    const reputation = (field: "periodSeconds" | "evaluationPeriods" | "datapointsToAlarm" | "enabled") => perMeasure(REPUTATION, (m) => s.accountReputation[m][field]);
    const summary = (m: (typeof RATES)[number]) => {
        const a = s.alarms[m];
        const f = a.fastWindow;
        const guard = a.confidenceBound ? "a confidence bound in place of the send guard" : `at least ${a.minimumSends} sends`;
        return `warning ${a.warningPercent} %, critical ${a.criticalPercent} %, ${guard}, ${a.periodSeconds} s periods, ${a.datapointsToAlarm} of ${a.evaluationPeriods}; fast window ${f.enabled ? `${f.periodSeconds} s, ${a.confidenceBound ? "the confidence bound" : `${f.minimumSends} sends`}, ${f.datapointsToAlarm} of ${f.evaluationPeriods}` : "off"}`;
    };
    const feedback = s.identities[0]!;
    const d: Record<string, string> = {
        "AlarmSettings.bounceRate": summary("bounceRate"),
        "AlarmSettings.complaintRate": summary("complaintRate"),
        "AlarmSettings.rejectRate": summary("rejectRate"),
        "IdentityFeedbackArgs.bounce": JSON.stringify(feedback.types.includes("Bounce")),
        "IdentityFeedbackArgs.complaint": JSON.stringify(feedback.types.includes("Complaint")),
        "IdentityFeedbackArgs.delivery": JSON.stringify(feedback.types.includes("Delivery")),
        "RateAlarmSettings.enabled": rate("enabled"),
        "RateAlarmSettings.warningPercent": rate("warningPercent"),
        "RateAlarmSettings.criticalPercent": rate("criticalPercent"),
        "RateAlarmSettings.minimumSends": rate("minimumSends"),
        "RateAlarmSettings.confidenceBound": rate("confidenceBound"),
        "RateAlarmSettings.periodSeconds": rate("periodSeconds"),
        "RateAlarmSettings.evaluationPeriods": rate("evaluationPeriods"),
        "RateAlarmSettings.datapointsToAlarm": rate("datapointsToAlarm"),
        "RateAlarmSettings.fastWindow": RATES.map((m) => `${s.alarms[m].fastWindow.enabled ? "on" : "off"} (${m})`).join(", "),
        "FastWindowSettings.enabled": fast("enabled"),
        "FastWindowSettings.periodSeconds": fast("periodSeconds"),
        "FastWindowSettings.minimumSends": fast("minimumSends"),
        "FastWindowSettings.evaluationPeriods": fast("evaluationPeriods"),
        "FastWindowSettings.datapointsToAlarm": fast("datapointsToAlarm"),
        "AccountReputationArgs.enabled": JSON.stringify(s.accountReputation.enabled),
        "ReputationAlarmSettings.enabled": reputation("enabled"),
        "ReputationAlarmSettings.periodSeconds": reputation("periodSeconds"),
        "ReputationAlarmSettings.evaluationPeriods": reputation("evaluationPeriods"),
        "ReputationAlarmSettings.datapointsToAlarm": reputation("datapointsToAlarm"),
        "DashboardArgs.enabled": JSON.stringify(s.dashboard.enabled),
        "SendingAtRiskArgs.enabled": JSON.stringify(s.sendingAtRisk.enabled),
        "SendingAtRiskArgs.notify": JSON.stringify(s.sendingAtRisk.notify),
        "SendingQuotaArgs.enabled": JSON.stringify(s.sendingQuota.enabled),
        "SendingQuotaArgs.scheduleMinutes": JSON.stringify(s.sendingQuota.scheduleMinutes),
        "SendingQuotaArgs.quotaWarningPercent": JSON.stringify(s.sendingQuota.quotaWarningPercent),
        "SendingQuotaArgs.quotaCriticalPercent": JSON.stringify(s.sendingQuota.quotaCriticalPercent),
        "SendingQuotaArgs.logRetentionDays": JSON.stringify(s.sendingQuota.logRetentionDays),
        "EventArchiveArgs.enabled": JSON.stringify(s.eventArchive.enabled),
        "EventArchiveArgs.eventTypes": list(s.eventArchive.eventTypes),
        "EventArchiveArgs.retentionDays": JSON.stringify(s.eventArchive.retentionDays),
        "EventArchiveArgs.transitionDays": JSON.stringify(s.eventArchive.transitionDays),
        "EventArchiveArgs.transitionStorageClass": JSON.stringify(s.eventArchive.transitionStorageClass),
        "EventArchiveArgs.retainOnDelete": JSON.stringify(s.eventArchive.retainOnDelete),
        "EventArchiveArgs.bufferSeconds": JSON.stringify(s.eventArchive.bufferSeconds),
        "EventArchiveArgs.bufferMegabytes": JSON.stringify(s.eventArchive.bufferMegabytes),
        "EventArchiveArgs.campaignTag": JSON.stringify(s.eventArchive.campaignTag),
        "VolumeArgs.enabled": JSON.stringify(s.volume.enabled),
        "VolumeArgs.periodMinutes": JSON.stringify(s.volume.periodSeconds / 60),
        "VolumeArgs.evaluationPeriods": JSON.stringify(s.volume.evaluationPeriods),
        "VolumeArgs.bandWidth": JSON.stringify(s.volume.bandWidth),
        "VolumeArgs.drops": JSON.stringify(s.volume.drops),
        "VolumeArgs.perSet": JSON.stringify(s.volume.perSet),
        "DeliverabilityManagerArgs.enabled": JSON.stringify(s.deliverabilityManager.enabled),
        "DeliverabilityManagerArgs.engagementMetrics": JSON.stringify(s.deliverabilityManager.engagementMetrics),
        "DeliverabilityManagerArgs.optimizedSharedDelivery": JSON.stringify(s.deliverabilityManager.optimizedSharedDelivery),
        "CanaryArgs.enabled": JSON.stringify(s.canary.enabled),
        "CanaryArgs.scheduleMinutes": JSON.stringify(s.canary.scheduleMinutes),
        "CanaryArgs.missedRuns": JSON.stringify(s.canary.missedRuns),
        "CanaryArgs.logRetentionDays": JSON.stringify(s.canary.logRetentionDays),
        "AutoPauseArgs.enabled": JSON.stringify(set.autoPause.enabled),
        "AutoPauseArgs.triggers": list(set.autoPause.triggers),
        "AutoPauseArgs.dryRun": JSON.stringify(set.autoPause.dryRun),
        "AutoPauseArgs.logRetentionDays": JSON.stringify(set.autoPause.logRetentionDays),
        "ConfigurationSetArgs.manage": JSON.stringify(set.manage),
        "ConfigurationSetArgs.retainOnDelete": JSON.stringify(set.retainOnDelete),
        "ConfigurationSetArgs.eventTypes": list(set.eventTypes),
        "ConfigurationSetArgs.tlsRequired": JSON.stringify(set.tlsRequired),
        "ConfigurationSetArgs.suppressBouncesAndComplaints": JSON.stringify(set.suppressBouncesAndComplaints),
        "SnsDestinationArgs.enabled": JSON.stringify(set.snsDestination.enabled),
        "SnsDestinationArgs.eventTypes": list(set.snsDestination.eventTypes),
        "SnsDestinationArgs.kmsEncryption": JSON.stringify(set.snsDestination.kmsEncryption),
        "EventBridgeDestinationArgs.enabled": JSON.stringify(set.eventBridgeDestination.enabled),
        "EventBridgeDestinationArgs.eventTypes": list(set.eventBridgeDestination.eventTypes),
        "IdentityFeedbackArgs.includeOriginalHeaders": JSON.stringify(s.identities[0]!.includeOriginalHeaders),
        "IdentityFeedbackArgs.disableEmailForwarding": JSON.stringify(s.identities[0]!.disableEmailForwarding),
    };
    return new Map(Object.entries(d));
}

/** One optional property of a public args interface and its `@default` tag. */
export interface DocumentedProperty {
    key: string;
    file: string;
    /** The tag's text, undefined when the property has none. */
    stated?: string;
    /** Where the JSDoc comment sits in the file (start and end offsets), when there is one. */
    comment?: { start: number; end: number; text: string };
}

/** The args files: `components/args.ts` and each part's `args.ts`. */
export function argsFiles(root: string): string[] {
    const components = path.join(root, "components");
    const parts = fs.readdirSync(components).map((d) => path.join(components, d, "args.ts")).filter((f) => fs.existsSync(f));
    return [path.join(components, "args.ts"), ...parts.sort()];
}

/** Every optional property of every exported interface of the args files, with its `@default` tag. */
export function documentedProperties(root: string): DocumentedProperty[] {
    const found: DocumentedProperty[] = [];
    for (const file of argsFiles(root)) {
        const text = fs.readFileSync(file, "utf8");
        const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
        source.forEachChild((node) => {
            if (!ts.isInterfaceDeclaration(node)) return;
            for (const member of node.members) {
                if (!ts.isPropertySignature(member) || member.questionToken === undefined) continue;
                const key = `${node.name.text}.${(member.name as ts.Identifier).text}`;
                const docs = (member as unknown as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
                const doc = docs[docs.length - 1];
                const tag = doc?.tags?.find((t) => t.tagName.text === "default");
                const stated = tag === undefined ? undefined : ts.getTextOfJSDocComment(tag.comment)?.replace(/\s+/g, " ").trim();
                found.push({
                    key, file: path.relative(root, file), stated,
                    comment: doc ? { start: doc.getStart(source), end: doc.getEnd(), text: text.slice(doc.getStart(source), doc.getEnd()) } : undefined,
                });
            }
        });
    }
    return found;
}

/** A JSDoc comment with its `@default` tag set to `value` (added before the end when it has none). */
export function withDefaultTag(comment: string, indent: string, value: string): string {
    if (/@default\b/.test(comment)) return comment.replace(/@default\b[^\n]*?(?=\s*(\n|\*\/))/, `@default ${value}`);
    const single = /^\/\*\*\s*([\s\S]*?)\s*\*\/$/.exec(comment);
    if (single && !comment.includes("\n")) return `/**\n${indent} * ${single[1]}\n${indent} * @default ${value}\n${indent} */`;
    return comment.replace(/\n(\s*)\*\/$/, `\n$1* @default ${value}\n$1*/`);
}

/** Rewrites the `@default` tags of the properties whose default is computed; returns the files changed. */
export function writeDefaultTags(root: string): string[] {
    const computed = computedDefaults();
    const byFile = new Map<string, DocumentedProperty[]>();
    for (const p of documentedProperties(root)) if (computed.has(p.key) && p.comment) (byFile.get(p.file) ?? byFile.set(p.file, []).get(p.file)!).push(p);
    const changed: string[] = [];
    for (const [file, props] of byFile) {
        const full = path.join(root, file);
        let text = fs.readFileSync(full, "utf8");
        // From the end, so earlier offsets stay right.
        for (const p of [...props].sort((a, b) => b.comment!.start - a.comment!.start)) {
            const lineStart = text.lastIndexOf("\n", p.comment!.start) + 1;
            const indent = text.slice(lineStart, p.comment!.start);
            text = text.slice(0, p.comment!.start) + withDefaultTag(p.comment!.text, indent, computed.get(p.key)!) + text.slice(p.comment!.end);
        }
        if (text !== fs.readFileSync(full, "utf8")) {
            fs.writeFileSync(full, text);
            changed.push(file);
        }
    }
    return changed;
}
