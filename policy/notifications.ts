/**
 * SNS topic policies for the topics SES and CloudWatch alarms publish to: encrypted with a key
 * those services can use, and a topic policy that lets exactly the sending service publish, only
 * on behalf of this account (confused-deputy protection).
 */
import * as aws from "@pulumi/aws";
import { PolicyResource, StackValidationPolicy, PolicyConfigSchema } from "@pulumi/policy";
import { dependsOn, eventDestinations, Relation } from "./inventory";
import { configOf, exemptions } from "./policyConfig";
import { at, isUnknown, listAt, plainProps, Unknown, UNKNOWN } from "./unknowns";
import { SES_MONITORING_TYPE } from "./shared";
import { asList, describeStatement, limitsSourceAccount, limitsSourceArn, statements } from "./statements";

const SERVICES = {
    cloudwatch: { principal: "cloudwatch.amazonaws.com", traffic: "CloudWatch alarm notifications" },
    ses: { principal: "ses.amazonaws.com", traffic: "SES notifications" },
};
type Service = keyof typeof SERVICES;

/** The AWS managed SNS key: neither CloudWatch nor SES can be granted use of it (SNS Developer Guide, key management). */
const AWS_MANAGED_SNS_KEY = "alias/aws/sns";

interface Sender {
    resource: PolicyResource;
    service: Service;
    /** Topic ARNs it publishes to. */
    targets: (string | Unknown)[];
}

export interface Topic {
    resource: PolicyResource;
    props: any;
    /** Physical name; unknown when auto-named. */
    name: string | Unknown;
    arn: string | Unknown;
}

const ACTION_KEYS = ["alarmActions", "okActions", "insufficientDataActions"];

function senders(resources: PolicyResource[]): Sender[] {
    const out: Sender[] = [];
    const actions = (props: any) => ACTION_KEYS.flatMap((key) => {
        const list = listAt(props, key);
        return isUnknown(list) ? [UNKNOWN] : list;
    });
    for (const r of resources) {
        if (r.isType(aws.cloudwatch.MetricAlarm) || r.isType(aws.cloudwatch.CompositeAlarm)) {
            out.push({ resource: r, service: "cloudwatch", targets: actions(plainProps(r.props, ...ACTION_KEYS)) });
        } else if (r.isType(aws.ses.IdentityNotificationTopic)) {
            const arn = at(plainProps(r.props, "topicArn"), "topicArn");
            if (arn !== undefined) out.push({ resource: r, service: "ses", targets: [arn] });
        }
    }
    for (const d of eventDestinations(resources)) {
        if (d.topicArns.length > 0) out.push({ resource: d.resource, service: "ses", targets: d.topicArns });
    }
    return out;
}

export function topics(resources: PolicyResource[]): Topic[] {
    return resources.filter((r) => r.isType(aws.sns.Topic)).map((r) => {
        const props = plainProps(r.props);
        return { resource: r, props, name: at(props, "name") ?? UNKNOWN, arn: at(props, "arn") ?? UNKNOWN };
    });
}

/** `arn:aws:sns:region:account:name` names the topic `name`. */
function arnNames(arn: string, topic: Topic): boolean {
    if (typeof topic.arn === "string") return arn === topic.arn;
    return typeof topic.name === "string" && arn.startsWith("arn:") && arn.split(":")[2] === "sns" && arn.split(":")[5] === topic.name;
}

/**
 * Does a resource that names topic ARNs point at this topic? Known ARNs decide when the topic's
 * name or ARN is known; otherwise a dependency on the topic (its ARN flowing into the input) does.
 */
export function pointsAt(resource: PolicyResource, targets: (string | Unknown)[], topic: Topic): Relation {
    if (targets.some((t) => typeof t === "string" && arnNames(t, topic))) return "yes";
    if (!dependsOn(resource, topic.resource)) return "no";
    const topicKnown = typeof topic.arn === "string" || typeof topic.name === "string";
    return targets.some(isUnknown) || !topicKnown ? "yes" : "no";
}

interface Receiving {
    topic: Topic;
    /** The services that publish to it, in the order their first sender appears. */
    services: Set<Service>;
}

function receivingTopics(resources: PolicyResource[], exempt: string[]): Receiving[] {
    const from = senders(resources);
    const out: Receiving[] = [];
    for (const topic of topics(resources)) {
        if (typeof topic.name === "string" && exempt.includes(topic.name)) continue;
        const services = new Set<Service>();
        for (const s of from) {
            if (pointsAt(s.resource, s.targets, topic) === "yes") services.add(s.service);
        }
        if (services.size > 0) out.push({ topic, services });
    }
    return out;
}

export function describeTopic(topic: Topic): string {
    return typeof topic.name === "string" ? `aws.sns.Topic "${topic.name}"` : `aws.sns.Topic ${topic.resource.name}`;
}

function traffic(r: Receiving): string {
    return [...r.services].map((s) => SERVICES[s].traffic).join(" and ");
}

function principals(r: Receiving): string {
    return [...r.services].map((s) => SERVICES[s].principal).join(" and ");
}

const ENCRYPTION_SCHEMA: PolicyConfigSchema = { properties: { exemptTopicNames: exemptions("SNS topic names") } };

export const topicEncryptionPolicy: StackValidationPolicy = {
    name: "ses-sns-topic-encrypted",
    description: "SNS topics that receive SES notifications or CloudWatch alarm notifications are encrypted with a customer managed KMS key (the AWS managed alias/aws/sns key cannot be granted to those services, so their messages would be dropped).",
    enforcementLevel: "advisory",
    configSchema: ENCRYPTION_SCHEMA,
    validateStack: (args, reportViolation) => {
        const config = configOf<{ exemptTopicNames: string[] }>(args, ENCRYPTION_SCHEMA);
        for (const r of receivingTopics(args.resources, config.exemptTopicNames)) {
            // The alarm topics SesMonitoring creates take no key (no config key sets one): advice to
            // set kmsMasterKeyId there cannot be acted on. Encrypted alarm topics are the user's own,
            // given as notifications.warningTopicArn / criticalTopicArn, and checked where created.
            if (r.topic.resource.parent?.type === SES_MONITORING_TYPE && [...r.services].every((s) => s === "cloudwatch")) continue;
            const key = at(r.topic.props, "kmsMasterKeyId");
            if (isUnknown(key)) continue;
            const grant = `a customer managed KMS key whose key policy grants ${principals(r)} kms:Decrypt and kms:GenerateDataKey*`;
            if (typeof key !== "string" || key === "") {
                reportViolation(`${describeTopic(r.topic)} receives ${traffic(r)} but is not encrypted at rest. Set kmsMasterKeyId to ${grant}.`, r.topic.resource.urn);
            } else if (key === AWS_MANAGED_SNS_KEY || key.endsWith(`:${AWS_MANAGED_SNS_KEY}`)) {
                reportViolation(`${describeTopic(r.topic)} receives ${traffic(r)} but is encrypted with the AWS managed key ${AWS_MANAGED_SNS_KEY}, which ${principals(r)} cannot use: their messages are silently dropped. Set kmsMasterKeyId to ${grant}.`, r.topic.resource.urn);
            }
        }
    },
};

const POLICY_SCHEMA: PolicyConfigSchema = {
    properties: {
        requireSourceArn: {
            type: "boolean",
            default: false,
            description: "Also require an aws:SourceArn condition (the alarm or identity ARNs allowed to publish), not only aws:SourceAccount.",
        },
        exemptTopicNames: exemptions("SNS topic names"),
    },
};

/** Whether a statement names any condition key, under any operator (a block that is no mapping names none). */
function hasConditionKey(statement: any): boolean {
    return Object.values(statement?.Condition ?? {}).some((block) => !!block && typeof block === "object" && Object.keys(block).length > 0);
}

function isWildcard(principal: unknown): boolean {
    if (principal === "*") return true;
    return !!principal && typeof principal === "object" && asList((principal as any).AWS).includes("*");
}

export function policyDocuments(topic: Topic, resources: PolicyResource[]): unknown[] | "none" {
    const attached = resources.filter((r) => r.isType(aws.sns.TopicPolicy)).map((r) => ({ r, props: plainProps(r.props) }))
        .filter(({ r, props }) => pointsAt(r, [at(props, "arn") ?? UNKNOWN], topic) === "yes")
        .map(({ props }) => at(props, "policy"));
    // A TopicPolicy replaces the topic's own policy attribute.
    if (attached.length > 0) return attached;
    const own = at(topic.props, "policy");
    return own === undefined ? "none" : [own];
}

export const topicPolicyPolicy: StackValidationPolicy = {
    name: "ses-sns-topic-policy-scoped",
    description: "SNS topics that receive SES or CloudWatch alarm notifications have a topic policy that allows the sending service principal, every statement allowing it with an aws:SourceAccount condition (and with requireSourceArn an aws:SourceArn condition) that names an account (a literal ID: not a wildcard, not under a negated or IfExists operator), and allow no anonymous principal without a condition.",
    enforcementLevel: "advisory",
    configSchema: POLICY_SCHEMA,
    validateStack: (args, reportViolation) => {
        const config = configOf<{ requireSourceArn: boolean; exemptTopicNames: string[] }>(args, POLICY_SCHEMA);
        for (const r of receivingTopics(args.resources, config.exemptTopicNames)) {
            const documents = policyDocuments(r.topic, args.resources);
            const topic = describeTopic(r.topic);
            const conditions = config.requireSourceArn ? "aws:SourceAccount and aws:SourceArn conditions" : "aws:SourceAccount condition";
            const fix = `Attach an aws.sns.TopicPolicy that keeps the owner's statement and allows ${principals(r)} to SNS:Publish with ${config.requireSourceArn ? "" : "an "}${conditions}.`;
            if (documents === "none") {
                reportViolation(`${topic} receives ${traffic(r)} but has no topic policy in this stack, so nothing limits who may publish on the service's behalf. ${fix}`, r.topic.resource.urn);
                continue;
            }
            if (documents.some(isUnknown)) continue;
            const parsed: any[] = [];
            let invalid = false;
            for (const d of documents) {
                try {
                    parsed.push(typeof d === "string" ? JSON.parse(d) : d);
                } catch {
                    invalid = true;
                }
            }
            // One finding: the statements of a policy that does not parse cannot be judged.
            if (invalid) {
                reportViolation(`${topic} has a topic policy that is not valid JSON. ${fix}`, r.topic.resource.urn);
                continue;
            }
            const all = parsed.flatMap(statements);
            const problems: string[] = [];
            for (const service of r.services) {
                const principal = SERVICES[service].principal;
                const allowing = all.filter((s) => s?.Effect === "Allow" && asList(s?.Principal?.Service).includes(principal));
                if (allowing.length === 0) {
                    problems.push(`no statement allows ${principal}`);
                    continue;
                }
                // Allows add up: one unscoped statement lets the service publish for any account,
                // whatever the others require.
                for (const s of allowing) {
                    // A condition scopes only when it names an account: a wildcard, a negated
                    // operator or `...IfExists` lets any account through.
                    if (limitsSourceAccount(s) && (!config.requireSourceArn || limitsSourceArn(s))) continue;
                    problems.push(`${describeStatement(s, all.indexOf(s))} allows ${principal} with no ${conditions} naming an account`);
                }
            }
            if (all.some((s) => s?.Effect === "Allow" && isWildcard(s?.Principal) && !hasConditionKey(s))) {
                problems.push(`a statement allows any principal ("*") without a condition`);
            }
            if (problems.length > 0) reportViolation(`${topic} receives ${traffic(r)} but its topic policy is not scoped: ${problems.join("; ")}. ${fix}`, r.topic.resource.urn);
        }
    },
};

export const notificationPolicies = [topicEncryptionPolicy, topicPolicyPolicy];
