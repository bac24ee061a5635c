/**
 * SNS topics that SES event destinations publish to carry every bounce and complaint, with the
 * recipients' addresses, to whatever subscribes. Their topic policy must let SES, and only SES,
 * publish, and only for this account (confused-deputy protection: without `aws:SourceAccount` or
 * `aws:SourceArn` any account's configuration set could publish into the topic), besides the owner
 * account's own statement (`aws.sns.TopicPolicy` replaces the whole policy, so it keeps one).
 *
 * Stricter than `ses-sns-topic-policy-scoped` (advisory, which also covers feedback and alarm
 * topics): here any other principal allowed to publish is a violation.
 */
import * as aws from "@pulumi/aws";
import { PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { describeDestination, EventDestinationInfo, eventDestinations } from "./inventory";
import { describeTopic, pointsAt, policyDocuments, Topic, topics } from "./notifications";
import { configOf, exemptions } from "./policyConfig";
import { arnParts } from "./references";
import { ACCOUNT_ID, accountIdIn, asList, describeStatement, limitsSourceAccount, limitsSourceArn, requiredValues, statements } from "./statements";
import { at, isUnknown, plainProps, UNKNOWN } from "./unknowns";

const SES_PRINCIPAL = "ses.amazonaws.com";
const PUBLISH = "sns:publish";

const SCHEMA: PolicyConfigSchema = {
    properties: {
        requireSourceAccount: {
            type: "boolean",
            default: false,
            description: "Require an aws:SourceAccount condition on the SES statement (by default aws:SourceAccount or aws:SourceArn will do: either names the account).",
        },
        requireSourceArn: {
            type: "boolean",
            default: false,
            description: "Require an aws:SourceArn condition (the configuration set ARNs allowed to publish) on the SES statement.",
        },
        exemptTopicNames: exemptions("SNS topic names"),
    },
};

interface Config {
    requireSourceAccount: boolean;
    requireSourceArn: boolean;
    exemptTopicNames: string[];
}

interface DestinationTopic {
    topic: Topic;
    /** False for a topic made elsewhere whose policy this stack attaches. */
    inStack: boolean;
    destinations: EventDestinationInfo[];
}

/**
 * The topics SES event destinations publish to: the stack's own topics, and topics made elsewhere
 * (given by ARN) whose `aws.sns.TopicPolicy` this stack manages. A topic made elsewhere with no
 * policy here is out of this stack's reach and not checked.
 */
export function destinationTopics(resources: PolicyResource[]): DestinationTopic[] {
    const destinations = eventDestinations(resources).filter((d) => d.topicArns.length > 0);
    if (destinations.length === 0) return [];
    const own = topics(resources);
    const out: DestinationTopic[] = [];
    for (const topic of own) {
        const publishing = destinations.filter((d) => pointsAt(d.resource, d.topicArns, topic) === "yes");
        if (publishing.length > 0) out.push({ topic, inStack: true, destinations: publishing });
    }
    const policies = resources.filter((r) => r.isType(aws.sns.TopicPolicy)).map((r) => ({ r, arn: at(plainProps(r.props), "arn") }));
    const external = new Map<string, EventDestinationInfo[]>();
    for (const d of destinations) {
        for (const arn of d.topicArns) {
            if (typeof arn !== "string" || own.some((t) => pointsAt(d.resource, [arn], t) === "yes")) continue;
            external.set(arn, [...(external.get(arn) ?? []), d]);
        }
    }
    for (const [arn, publishing] of external) {
        const policy = policies.find((p) => p.arn === arn);
        if (!policy) continue;
        const name = arnParts(arn)?.resource ?? arn;
        out.push({ topic: { resource: policy.r, props: {}, name, arn }, inStack: false, destinations: publishing });
    }
    return out;
}

/** Whether an IAM action pattern (`SNS:Publish`, `sns:*`, `*`, `sns:Pub*`) covers sns:Publish; actions are case-insensitive. */
function coversPublish(pattern: unknown): boolean {
    if (typeof pattern !== "string") return false;
    const regex = pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${regex}$`).test(PUBLISH);
}

function grantsPublish(statement: any): boolean {
    if (statement?.Effect !== "Allow") return false;
    if (statement.Action !== undefined) return asList(statement.Action).some(coversPublish);
    // NotAction allows everything it does not list.
    if (statement.NotAction !== undefined) return !asList(statement.NotAction).some(coversPublish);
    return false;
}

/** The account a principal value names: a 12-digit ID or `arn:<partition>:iam::<id>:root`. */
function accountOf(value: unknown): string | undefined {
    return accountIdIn(value) ?? (typeof value === "string" ? /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1] : undefined);
}

type PrincipalKind = "ses" | "owner" | "other" | "cannot tell";

function onlyKey(principal: unknown, key: string): boolean {
    return !!principal && typeof principal === "object" && !Array.isArray(principal) && Object.keys(principal).length === 1 && key in principal;
}

function principalKind(statement: any, owners: Set<string>): PrincipalKind {
    // Allow with NotPrincipal allows everyone not listed.
    if (statement.NotPrincipal !== undefined) return "other";
    const principal = statement.Principal;
    if (onlyKey(principal, "Service")) {
        const services = asList(principal.Service);
        return services.length > 0 && services.every((s) => s === SES_PRINCIPAL) ? "ses" : "other";
    }
    const ownerAccounts = (accounts: (string | undefined)[]): PrincipalKind => {
        if (accounts.length === 0 || accounts.some((a) => a === undefined)) return "other";
        if (owners.size === 0) return "cannot tell";
        return accounts.every((a) => owners.has(a!)) ? "owner" : "other";
    };
    const anyone = principal === "*" || (onlyKey(principal, "AWS") && asList(principal.AWS).every((p) => p === "*"));
    if (anyone) {
        // SNS's own default statement: anyone, as long as the caller (or the resource a service
        // acts for) belongs to the owner account. aws:PrincipalAccount is the current spelling.
        const pinned = [...requiredValues(statement, "AWS:SourceOwner"), ...requiredValues(statement, "aws:PrincipalAccount")];
        return pinned.length === 0 ? "other" : ownerAccounts(pinned.map(accountIdIn));
    }
    if (onlyKey(principal, "AWS")) return ownerAccounts(asList(principal.AWS).map(accountOf));
    return "other";
}

function describePrincipal(statement: any): string {
    if (statement.NotPrincipal !== undefined) return `every principal but ${JSON.stringify(statement.NotPrincipal)}`;
    return JSON.stringify(statement.Principal ?? null);
}

function conditionsWanted(config: Config): string {
    if (config.requireSourceAccount && config.requireSourceArn) return "aws:SourceAccount and aws:SourceArn conditions";
    if (config.requireSourceAccount) return "an aws:SourceAccount condition";
    if (config.requireSourceArn) return "an aws:SourceArn condition";
    return "an aws:SourceAccount or aws:SourceArn condition";
}

/** The owner account: from the topic's ARN, the policy's `arn`, or the ARNs the statements are about. */
function ownerAccounts(topic: Topic, resources: PolicyResource[], all: any[]): Set<string> {
    const arns: unknown[] = [topic.arn];
    for (const r of resources.filter((p) => p.isType(aws.sns.TopicPolicy))) {
        const props = plainProps(r.props);
        if (pointsAt(r, [at(props, "arn") ?? UNKNOWN], topic) === "yes") arns.push(at(props, "arn"));
    }
    all.forEach((s) => arns.push(...asList(s?.Resource)));
    const owners = new Set<string>();
    for (const arn of arns) {
        const p = typeof arn === "string" ? arnParts(arn) : undefined;
        if (p?.service === "sns" && ACCOUNT_ID.test(p.account)) owners.add(p.account);
    }
    return owners;
}

/** What lets more than SES (of this account) publish, or "unknown" when preview hides the policy. */
function publishProblems(topic: Topic, resources: PolicyResource[], config: Config): string[] | "none" | "unknown" {
    const documents = policyDocuments(topic, resources);
    if (documents === "none") return "none";
    if (documents.some(isUnknown)) return "unknown";
    const problems: string[] = [];
    const parsed: any[] = [];
    for (const d of documents) {
        try {
            parsed.push(typeof d === "string" ? JSON.parse(d) : d);
        } catch {
            problems.push("its topic policy is not valid JSON");
        }
    }
    const all = parsed.flatMap(statements);
    const owners = ownerAccounts(topic, resources, all);
    let sesAllowed = false;
    all.forEach((s, i) => {
        if (!grantsPublish(s)) return;
        const kind = principalKind(s, owners);
        if (kind === "other") {
            problems.push(`${describeStatement(s, i)} lets ${describePrincipal(s)} publish`);
        } else if (kind === "ses") {
            sesAllowed = true;
            const account = limitsSourceAccount(s);
            const arn = limitsSourceArn(s);
            const limited = (account || arn) && (!config.requireSourceAccount || account) && (!config.requireSourceArn || arn);
            if (!limited) problems.push(`${describeStatement(s, i)} lets ${SES_PRINCIPAL} publish without ${conditionsWanted(config)} naming an account`);
        }
    });
    if (!sesAllowed && parsed.length > 0) problems.push(`no statement lets ${SES_PRINCIPAL} publish, so SES cannot deliver events to it`);
    return problems;
}

export const destinationTopicPolicy: StackValidationPolicy = {
    name: "ses-event-destination-topic-ses-only",
    description: "SNS topics that SES event destinations publish to have a topic policy in the stack that lets only ses.amazonaws.com publish, limited by aws:SourceAccount and/or aws:SourceArn (the configuration set ARN), besides the owner account's statement; any other principal allowed SNS:Publish is a violation.",
    enforcementLevel: "mandatory",
    configSchema: SCHEMA,
    validateStack: (args, reportViolation: ReportViolation) => {
        const config = configOf<Config>(args, SCHEMA);
        const found = destinationTopics(args.resources);
        if (found.length === 0) args.notApplicable("no SES event destination publishes to an SNS topic of this stack");
        for (const { topic, inStack, destinations } of found) {
            if (typeof topic.name === "string" && config.exemptTopicNames.includes(topic.name)) continue;
            const problems = publishProblems(topic, args.resources, config);
            if (problems === "unknown" || (Array.isArray(problems) && problems.length === 0)) continue;
            const label = inStack ? describeTopic(topic) : `aws.sns.Topic "${String(topic.name)}" (made elsewhere)`;
            const from = destinations.map(describeDestination).join(", ");
            const fix = `Attach an aws.sns.TopicPolicy that keeps the owner account's statement and lets only ${SES_PRINCIPAL} SNS:Publish, with ${conditionsWanted(config)} naming this account (aws:SourceArn: the configuration set's ARN).`;
            const what = problems === "none"
                ? "has no topic policy in this stack, so nothing limits who may publish on SES's behalf"
                : `its topic policy does not limit publishing to SES: ${problems.join("; ")}`;
            reportViolation(`${label} receives SES events from ${from} but ${what}. ${fix}`, topic.resource.urn);
        }
    },
};

export const eventDestinationPolicies = [destinationTopicPolicy];
