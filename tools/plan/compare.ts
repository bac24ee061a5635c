/**
 * `npm run plan -- --compare OLD/plan.json`: what a change of config would replace or delete, from
 * two plans of the same stack. A resource whose URN is gone is deleted (or, when retained, dropped
 * from the state and left live); one whose URN stays but whose replace-triggering input changed is
 * replaced (a new physical resource, the old one deleted). Pure.
 */
import type { RegisteredResource } from "../pulumiMocks";

/**
 * Inputs whose change makes the AWS provider replace the resource rather than update it: the
 * physical name and what else the provider marks ForceNew / RequiresReplace (the Terraform AWS
 * provider's schema, which @pulumi/aws bridges: `internal/service/sns/topic_policy.go` marks `arn`
 * ForceNew, say). The table lists the inputs that name a resource or tie it to another, ids
 * included: `role: role.id`, `bucket: bucket.id` carry the other resource's name, so a renamed role
 * or bucket replaces what hangs on it. Every type the component registers has a row (a test holds
 * it to that); it was not read from a provider binary (there is none here), so it says what a
 * change will replace at least: `pulumi preview` stays the authority. A subscription's endpoint is in its URN (a hash),
 * so a changed endpoint shows as a delete and a create, and the endpoint itself (a webhook URL may
 * hold a token) is never written to plan.json.
 */
export const REPLACE_INPUTS: Record<string, string[]> = {
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["name"],
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": ["alarmName"],
    "aws:cloudwatch/dashboard:Dashboard": ["dashboardName"],
    "aws:cloudwatch/eventRule:EventRule": ["name"],
    "aws:cloudwatch/eventTarget:EventTarget": ["rule", "targetId"],
    "aws:cloudwatch/logGroup:LogGroup": ["name"],
    "aws:sns/topic:Topic": ["name", "fifoTopic"],
    "aws:sns/topicSubscription:TopicSubscription": ["topic", "protocol"],
    "aws:sesv2/configurationSet:ConfigurationSet": ["configurationSetName"],
    "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination": ["configurationSetName", "eventDestinationName"],
    "aws:ses/identityNotificationTopic:IdentityNotificationTopic": ["identity", "notificationType"],
    "aws:s3/bucket:Bucket": ["bucket"],
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": ["name", "destination"],
    "aws:iam/role:Role": ["name"],
    "aws:iam/rolePolicy:RolePolicy": ["name", "role"],
    "aws:glue/catalogDatabase:CatalogDatabase": ["name"],
    "aws:glue/catalogTable:CatalogTable": ["name", "databaseName"],
    "aws:athena/workgroup:Workgroup": ["name"],
    "aws:athena/namedQuery:NamedQuery": ["name", "database", "workgroup", "query"],
    "aws:lambda/function:Function": ["name"],
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": ["functionName", "qualifier"],
    "aws:lambda/permission:Permission": ["function", "statementId", "principal", "sourceArn", "sourceAccount", "action"],
    "aws:sns/topicPolicy:TopicPolicy": ["arn"],
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": ["bucket"],
    "aws:s3/bucketPolicy:BucketPolicy": ["bucket"],
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": ["bucket"],
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": ["bucket"],
    "aws:s3/bucketVersioning:BucketVersioning": ["bucket"],
    "aws:sesv2/accountVdmAttributes:AccountVdmAttributes": [],
    "aws:kms/key:Key": [],
    "aws:kms/alias:Alias": ["name"],
    // The component itself: a URN, no physical resource.
    "ses-monitoring:index:SesMonitoring": [],
};

/** What plan.json keeps of each resource: enough to tell what a later plan replaces or deletes. */
export interface PlannedResource {
    urn: string;
    type: string;
    /** The inputs of `REPLACE_INPUTS` for its type (strings as they are, others as JSON). */
    identity: Record<string, string>;
    retainOnDelete?: boolean;
}

export function plannedResources(resources: RegisteredResource[]): PlannedResource[] {
    return resources.map((r) => {
        const identity: Record<string, string> = {};
        for (const key of REPLACE_INPUTS[r.type] ?? []) {
            const value = r.inputs[key];
            if (value !== undefined) identity[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
        return { urn: r.urn, type: r.type, identity, ...(r.retainOnDelete !== undefined ? { retainOnDelete: r.retainOnDelete } : {}) };
    });
}

/**
 * The resource list of an earlier plan.json, checked entry by entry: a file this tool did not
 * write, or wrote for another project or stack, would otherwise be compared as if it were this
 * stack's (every URN "deleted") or fail half-way. Throws one line naming the file and the entry.
 */
export function comparedResources(json: unknown, file: string, expected: { project: string; stack: string }): PlannedResource[] {
    const fail = (what: string): never => { throw new Error(`--compare ${file}: ${what}`); };
    const plan = json as { project?: unknown; stack?: unknown; resources?: { list?: unknown } } | null;
    if (plan === null || typeof plan !== "object" || Array.isArray(plan)) fail("is not a plan.json of npm run plan (an object with stack, project and resources.list)");
    const list = plan!.resources?.list;
    if (!Array.isArray(list)) fail("has no resources.list (written by an older npm run plan: plan the old config again)");
    if (plan!.project !== expected.project) fail(`is a plan of project ${JSON.stringify(plan!.project)}, not ${expected.project} (URNs carry the project name)`);
    if (plan!.stack !== expected.stack) fail(`is a plan of stack ${JSON.stringify(plan!.stack)}, not ${expected.stack} (URNs carry the stack name)`);
    const seen = new Set<string>();
    (list as unknown[]).forEach((entry, i) => {
        const at = `resources.list[${i}]`;
        const r = entry as Partial<PlannedResource> | null;
        if (r === null || typeof r !== "object" || Array.isArray(r)) fail(`${at} is ${JSON.stringify(entry)}, not a resource ({ urn, type, identity })`);
        if (typeof r!.urn !== "string" || !r!.urn.startsWith(`urn:pulumi:${expected.stack}::${expected.project}::`)) fail(`${at} has no URN of this stack (urn ${JSON.stringify(r!.urn)})`);
        if (seen.has(r!.urn!)) fail(`${at} repeats URN ${r!.urn}`);
        seen.add(r!.urn!);
        if (typeof r!.type !== "string" || r!.type === "") fail(`${at} (${r!.urn}) has no type`);
        const identity = r!.identity as unknown;
        if (identity === null || typeof identity !== "object" || Array.isArray(identity)) fail(`${at} (${r!.urn}) has no identity (an object of the inputs that replace it)`);
        for (const [key, value] of Object.entries(identity as object)) {
            if (typeof value !== "string") fail(`${at} (${r!.urn}) has identity.${key} ${JSON.stringify(value)}, not a string as npm run plan writes it`);
        }
        if (r!.retainOnDelete !== undefined && typeof r!.retainOnDelete !== "boolean") fail(`${at} (${r!.urn}) has retainOnDelete ${JSON.stringify(r!.retainOnDelete)}, not a boolean`);
    });
    return list as PlannedResource[];
}

export interface Change {
    action: "replace" | "delete" | "retain" | "create";
    urn: string;
    type: string;
    /** Replace: each changed input, old and new. Delete, retain and create: the identifying inputs. */
    detail: string;
}

const shortType = (type: string) => type.split(":").slice(-1)[0];
const logicalName = (urn: string) => urn.split("::").slice(-1)[0];
const describe = (identity: Record<string, string>) => Object.entries(identity).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");

/** The changes from `before` to `after`: replacements, deletions (retained ones apart), creations. */
export function compareResources(before: PlannedResource[], after: PlannedResource[]): Change[] {
    const next = new Map(after.map((r) => [r.urn, r]));
    const previous = new Map(before.map((r) => [r.urn, r]));
    const changes: Change[] = [];
    for (const old of before) {
        const now = next.get(old.urn);
        if (now === undefined) {
            changes.push({ action: old.retainOnDelete ? "retain" : "delete", urn: old.urn, type: old.type, detail: describe(old.identity) });
            continue;
        }
        const changed = Object.keys({ ...old.identity, ...now.identity }).filter((k) => old.identity[k] !== now.identity[k]);
        if (changed.length > 0) {
            const detail = changed.map((k) => `${k}: ${JSON.stringify(old.identity[k])} -> ${JSON.stringify(now.identity[k])}`).join(", ");
            // A retained resource is not deleted when replaced either: a new one is created beside it.
            changes.push(old.retainOnDelete
                ? { action: "retain", urn: old.urn, type: old.type, detail: `${detail} (a new one is created; the old one is left live)` }
                : { action: "replace", urn: old.urn, type: old.type, detail });
        }
    }
    for (const now of after) {
        if (!previous.has(now.urn)) changes.push({ action: "create", urn: now.urn, type: now.type, detail: describe(now.identity) });
    }
    return changes;
}

const HEADINGS: Record<Change["action"], string> = {
    replace: "REPLACED (a new resource, the old one deleted: a new physical name; subscribers of a new topic confirm again)",
    delete: "DELETED",
    retain: "LEFT LIVE, dropped from the stack's state (retainOnDelete; where it is replaced, a new one is created beside it)",
    create: "created",
};

/** The comparison as text: the destructive groups first, each resource by type, logical name and URN. */
export function renderComparison(changes: Change[], oldFile: string): string {
    const count = (a: Change["action"]) => changes.filter((c) => c.action === a).length;
    const lines = [`compared with ${oldFile}: ${count("replace")} replaced, ${count("delete")} deleted, ${count("retain")} left live, ${count("create")} created`];
    for (const action of ["replace", "delete", "retain", "create"] as const) {
        const group = changes.filter((c) => c.action === action);
        if (group.length === 0) continue;
        lines.push("", `${HEADINGS[action]}:`);
        for (const c of group) lines.push(`  ${shortType(c.type)} ${logicalName(c.urn)}: ${c.detail}`, `    ${c.urn}`);
    }
    return lines.join("\n");
}
