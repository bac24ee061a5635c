/**
 * Physical names do not collide: between two components of one stack, between stacks whose names
 * differ only in punctuation, between any prefix and set pair (`shop` + `eu-main` and `shop-eu` +
 * `main`), between the canary's set and a monitored one, and across regions for the names IAM, S3
 * and CloudWatch dashboards keep account-wide. Every resource type the component registers is
 * classified below by where its name must be unique, read from the inputs the mocks capture, so a
 * new resource type fails here until it is classified. The rule is stated in docs/operations.md.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SesMonitoring, SesMonitoringArgs, SesMonitoringArgsError } from "../components";
import { defaultNamePrefix, setScopedName } from "../components/shared/physicalNames";
import { RegisteredResource, runUnderMocks } from "../tools/pulumiMocks";

/** Where a resource type's physical name must be unique, and which input carries it. */
type NameRule =
    | { input: string; unique: "region" | "account" }
    /** Named within another resource whose own name is checked (a role's inline policy, a rule's target). */
    | { within: string }
    /** Takes no name of its own. */
    | { unnamed: string };

const NAME_RULES: Record<string, NameRule> = {
    "aws:sns/topic:Topic": { input: "name", unique: "region" },
    "aws:sns/topicPolicy:TopicPolicy": { within: "its topic" },
    "aws:sns/topicSubscription:TopicSubscription": { unnamed: "identified by topic and endpoint" },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { input: "name", unique: "region" },
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": { input: "alarmName", unique: "region" },
    // Dashboards are global per account (CloudWatch API Reference, PutDashboard).
    "aws:cloudwatch/dashboard:Dashboard": { input: "dashboardName", unique: "account" },
    "aws:cloudwatch/eventRule:EventRule": { input: "name", unique: "region" },
    "aws:cloudwatch/eventTarget:EventTarget": { within: "its rule (targetId)" },
    "aws:cloudwatch/logGroup:LogGroup": { input: "name", unique: "region" },
    "aws:lambda/function:Function": { input: "name", unique: "region" },
    "aws:lambda/permission:Permission": { within: "its function (statementId)" },
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": { within: "its function" },
    // IAM is global (IAM User Guide, "IAM identifiers": names are unique within the account).
    "aws:iam/role:Role": { input: "name", unique: "account" },
    "aws:iam/rolePolicy:RolePolicy": { within: "its role" },
    // S3 bucket names are global across all accounts of the partition; account-wide is the least they need.
    "aws:s3/bucket:Bucket": { input: "bucket", unique: "account" },
    "aws:s3/bucketPolicy:BucketPolicy": { within: "its bucket" },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { within: "its bucket" },
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": { within: "its bucket" },
    "aws:s3/bucketVersioning:BucketVersioning": { within: "its bucket" },
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": { within: "its bucket" },
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": { input: "name", unique: "region" },
    "aws:glue/catalogDatabase:CatalogDatabase": { input: "name", unique: "region" },
    "aws:glue/catalogTable:CatalogTable": { within: "its database" },
    "aws:athena/workgroup:Workgroup": { input: "name", unique: "region" },
    "aws:athena/namedQuery:NamedQuery": { within: "its workgroup" },
    "aws:sesv2/configurationSet:ConfigurationSet": { input: "configurationSetName", unique: "region" },
    "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination": { within: "its configuration set" },
    "aws:ses/identityNotificationTopic:IdentityNotificationTopic": { within: "its identity (one topic per notification type)" },
    "aws:sesv2/accountVdmAttributes:AccountVdmAttributes": { unnamed: "the account's one VDM setting" },
    // A KMS key is known by its generated id; only an alias would carry a name (none is created).
    "aws:kms/key:Key": { unnamed: "a generated key id" },
};

/** Every feature that creates resources, on, for sets `sets`. */
function everything(sets: string[], extra: Partial<SesMonitoringArgs> = {}): SesMonitoringArgs {
    const configurationSets: SesMonitoringArgs["configurationSets"] = {};
    for (const set of sets) {
        configurationSets[set] = {
            snsDestination: { kmsEncryption: true }, eventBridgeDestination: {}, autoPause: {}, expectedSendIntervalMinutes: 60,
            dimensions: [{ name: "campaign", defaultValue: "none" }],
        };
    }
    return {
        configurationSets,
        notifications: { emails: ["oncall@example.com"], httpsEndpoints: ["https://hooks.example.com/ses"] },
        eventArchive: {},
        identities: { [`${sets[0]}.example.com`]: {} },
        volume: { drops: true, setMaxSends: { [sets[0]!]: 100_000 } },
        canary: { from: "canary@example.com" },
        sendingQuota: {},
        ...extra,
    };
}

interface Named { instance: string; type: string; namespace: string; name: string }

/**
 * The names of every resource below each component of one mocked stack, by `unique` namespace (a
 * regional name's namespace is the stack's region: compare regional names of stacks in one region).
 */
async function namesOf(stack: { project?: string; stack: string; region: string }, build: () => void): Promise<{ names: Named[]; resources: RegisteredResource[] }> {
    const resources = await runUnderMocks(() => {
        pulumi.runtime.setConfig("aws:region", stack.region);
        build();
    }, { project: stack.project ?? "shop", stack: stack.stack });
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const instanceOf = (r: RegisteredResource): string | undefined => {
        for (let at: RegisteredResource | undefined = r; at; at = at.parent ? byUrn.get(at.parent) : undefined) {
            if (at.type === "ses-monitoring:index:SesMonitoring") return `${stack.stack}/${at.name}`;
        }
        return undefined;
    };
    const names: Named[] = [];
    for (const r of resources) {
        const instance = instanceOf(r);
        if (!r.custom || instance === undefined) continue;
        const rule = NAME_RULES[r.type];
        assert.ok(rule, `${r.type} (${r.name}) is not classified in NAME_RULES: say where its physical name must be unique`);
        if (!("input" in rule)) continue;
        const name = r.inputs[rule.input];
        assert.strictEqual(typeof name, "string", `${r.type} ${r.name} has no ${rule.input}: physical names must be set, not left to the provider`);
        names.push({ instance, type: r.type, namespace: rule.unique === "account" ? r.type : `${r.type} in ${stack.region}`, name });
    }
    return { names, resources };
}

/** Physical names two instances share in one namespace. */
function shared(a: Named[], b: Named[]): string[] {
    const keys = new Set(a.map((n) => `${n.namespace}: ${n.name}`));
    return [...new Set(b.map((n) => `${n.namespace}: ${n.name}`).filter((k) => keys.has(k)))];
}

/** Names within one instance that two of its resources share. */
function duplicates(names: Named[]): string[] {
    const seen = new Map<string, number>();
    for (const n of names) seen.set(`${n.namespace}: ${n.name}`, (seen.get(`${n.namespace}: ${n.name}`) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([key]) => key);
}

describe("physical names", function () {
    this.timeout(120_000);

    it("classifies every resource type a stack with every feature on registers, and names each one that takes a name", async () => {
        const { names, resources } = await namesOf({ stack: "prod", region: "eu-west-1" }, () => {
            new SesMonitoring("ses", everything(["main", "eu-main"], { deliverabilityManager: {} }));
        });
        const types = new Set(resources.filter((r) => r.custom).map((r) => r.type));
        assert.ok(types.size >= 25, `only ${types.size} types`);
        for (const type of Object.keys(NAME_RULES)) assert.ok(types.has(type), `${type} is classified but never registered: a stale rule`);
        assert.deepStrictEqual(duplicates(names), []);
    });

    it("two components of one stack: a second one with the same prefix is refused, naming namePrefix; with their own prefixes they share no name", async () => {
        await assert.rejects(namesOf({ stack: "prod", region: "eu-west-1" }, () => {
            new SesMonitoring("mail", everything(["main"]));
            new SesMonitoring("marketing", everything(["news"]));
        }), (err: Error) => {
            assert.ok(err instanceof SesMonitoringArgsError, String(err));
            assert.match(err.message, /^namePrefix: "shop-prod" \(the default, <project>-<stack>\) is already the prefix of SesMonitoring "mail" in this stack/);
            return true;
        });
        await assert.rejects(namesOf({ stack: "prod", region: "eu-west-1" }, () => {
            new SesMonitoring("mail", everything(["main"], { namePrefix: "mail" }));
            new SesMonitoring("marketing", everything(["news"], { namePrefix: "mail" }));
        }), /^SesMonitoringArgsError: namePrefix: "mail" is already the prefix of SesMonitoring "mail" in this stack/);

        const { names } = await namesOf({ stack: "prod", region: "eu-west-1" }, () => {
            new SesMonitoring("mail", everything(["main"]));
            new SesMonitoring("marketing", everything(["news"], { namePrefix: "shop-prod-marketing" }));
        });
        const mail = names.filter((n) => n.instance === "prod/mail");
        const marketing = names.filter((n) => n.instance === "prod/marketing");
        assert.ok(mail.length > 40 && marketing.length > 40);
        assert.deepStrictEqual(shared(mail, marketing), []);
    });

    it("two components of one stack under one AWS provider may not monitor the same configuration set, managed or not: refused by set, the second creates nothing", async () => {
        const message = (holder: string) => `"main" is already monitored by SesMonitoring "${holder}" in this stack, under the same AWS provider: SES has one configuration set of a name per account and region, and both would create it or its event destinations, whose names are fixed (AWS refuses one of them while deploying): monitor each set from one SesMonitoring`;
        for (const second of [{ main: {} }, { main: { manage: false } }]) {
            const { resources } = await namesOf({ stack: "prod", region: "eu-west-1" }, () => {
                new SesMonitoring("mail", everything(["main"]));
                assert.throws(() => new SesMonitoring("marketing", { namePrefix: "shop-prod-marketing", configurationSets: { ...second, news: {} } }), (err: Error) => {
                    assert.ok(err instanceof SesMonitoringArgsError, String(err));
                    assert.deepStrictEqual(err.issues, [{ path: "configurationSets.main", message: message("mail") }]);
                    return true;
                });
            });
            assert.deepStrictEqual(resources.filter((r) => r.name.includes("marketing") || r.name.includes("news")).map((r) => r.name), []);
        }
        // Both refusals at once: the prefix and the set, each by its field.
        await assert.rejects(namesOf({ stack: "prod", region: "eu-west-1" }, () => {
            new SesMonitoring("mail", everything(["main"]));
            new SesMonitoring("marketing", everything(["main"]));
        }), (err: Error) => {
            assert.ok(err instanceof SesMonitoringArgsError, String(err));
            assert.deepStrictEqual(err.issues.map((i) => i.path), ["namePrefix", "configurationSets.main"]);
            return true;
        });
        // A refused component takes nothing: a third may take the set the refused one asked for beside the taken one.
        await namesOf({ stack: "prod", region: "eu-west-1" }, () => {
            new SesMonitoring("mail", everything(["main"]));
            assert.throws(() => new SesMonitoring("marketing", everything(["news", "main"], { namePrefix: "shop-prod-marketing" })));
            new SesMonitoring("newsletter", everything(["news"], { namePrefix: "shop-prod-newsletter" }));
        });
        // Nor does one whose registration fails (Pulumi refuses an empty name after the checks).
        await namesOf({ stack: "prod", region: "eu-west-1" }, () => {
            assert.throws(() => new SesMonitoring("", everything(["main"])), /name/i);
            new SesMonitoring("mail", everything(["main"]));
        });
        // The same name under two parents is two components (two URNs): refused too.
        await assert.rejects(namesOf({ stack: "prod", region: "eu-west-1" }, () => {
            const a = new pulumi.ComponentResource("shop:index:Orders", "orders", {});
            const b = new pulumi.ComponentResource("shop:index:Billing", "billing", {});
            new SesMonitoring("monitoring", everything(["main"], { namePrefix: "shop-orders" }), { parent: a });
            new SesMonitoring("monitoring", everything(["main"], { namePrefix: "shop-billing" }), { parent: b });
        }), (err: Error) => {
            assert.ok(err instanceof SesMonitoringArgsError, String(err));
            assert.deepStrictEqual(err.issues.map((i) => i.path), ["configurationSets.main"]);
            return true;
        });
        // A provider of another package leaves the AWS children on the default AWS provider: still refused.
        await assert.rejects(namesOf({ stack: "prod", region: "eu-west-1" }, () => {
            class OtherProvider extends pulumi.ProviderResource {}
            const other = new OtherProvider("shopext", "other", {});
            new SesMonitoring("mail", everything(["main"]));
            new SesMonitoring("marketing", everything(["main"], { namePrefix: "shop-prod-marketing" }), { provider: other });
        }), (err: Error) => {
            assert.ok(err instanceof SesMonitoringArgsError, String(err));
            assert.deepStrictEqual(err.issues.map((i) => i.path), ["configurationSets.main"]);
            return true;
        });
    });

    it("stacks prod.eu and prod-eu of one project share no name (the default prefix of a name that needs cleaning carries a hash)", async () => {
        assert.strictEqual(defaultNamePrefix("shop", "prod-eu"), "shop-prod-eu");
        assert.match(defaultNamePrefix("shop", "prod.eu"), /^shop-prod-eu-[0-9a-f]{6}$/);
        const dotted = await namesOf({ stack: "prod.eu", region: "eu-west-1" }, () => { new SesMonitoring("ses", everything(["main"])); });
        const dashed = await namesOf({ stack: "prod-eu", region: "eu-west-1" }, () => { new SesMonitoring("ses", everything(["other"])); });
        assert.deepStrictEqual(shared(dotted.names, dashed.names), []);
    });

    it("prefix shop with set eu-main and prefix shop-eu with set main share no name, for every resource type", async () => {
        const a = await namesOf({ stack: "a", region: "eu-west-1" }, () => { new SesMonitoring("ses", everything(["eu-main"], { namePrefix: "shop" })); });
        const b = await namesOf({ stack: "b", region: "eu-west-1" }, () => { new SesMonitoring("ses", everything(["main"], { namePrefix: "shop-eu" })); });
        assert.deepStrictEqual(shared(a.names, b.names), []);
        // The names that hold the set are told apart by the hash of `<prefix>.<set>`.
        assert.notStrictEqual(setScopedName("shop", "eu-main"), setScopedName("shop-eu", "main"));
        const functions = (n: Named[]) => n.filter((x) => x.type === "aws:lambda/function:Function").map((x) => x.name).sort();
        assert.deepStrictEqual(functions(a.names).filter((f) => f.endsWith("-auto-pause")), [`${setScopedName("shop", "eu-main")}-auto-pause`]);
        assert.deepStrictEqual(functions(b.names).filter((f) => f.endsWith("-auto-pause")), [`${setScopedName("shop-eu", "main")}-auto-pause`]);
    });

    it("the canary's set is no name a sender's set of another stack has (prefix shop, set shop-canary)", async () => {
        const canary = await namesOf({ stack: "a", region: "eu-west-1" }, () => { new SesMonitoring("ses", everything(["main"], { namePrefix: "shop" })); });
        const sender = await namesOf({ stack: "b", region: "eu-west-1" }, () => { new SesMonitoring("ses", everything(["shop-canary"], { namePrefix: "mail" })); });
        assert.deepStrictEqual(shared(canary.names, sender.names), []);
        const canarySet = canary.names.find((n) => n.type === "aws:sesv2/configurationSet:ConfigurationSet" && n.name.startsWith("shop-canary"));
        assert.match(canarySet?.name ?? "", /^shop-canary-[0-9a-f]{6}$/);
    });

    it("one prefix in two regions of one program (a provider inherited from a parent): allowed, and no name is shared", async () => {
        const { names } = await namesOf({ stack: "prod", region: "us-east-1" }, () => {
            new SesMonitoring("east", everything(["main"], { namePrefix: "shop" }));
            const provider = new aws.Provider("west", { region: "eu-west-1" });
            const platform = new pulumi.ComponentResource("shop:index:Platform", "platform", {}, { providers: [provider] });
            new SesMonitoring("west", everything(["main"], { namePrefix: "shop" }), { parent: platform });
        });
        // Regional names of the west component live in eu-west-1.
        const east = names.filter((n) => n.instance === "prod/east");
        const west = names.filter((n) => n.instance === "prod/west").map((n) => ({ ...n, namespace: n.namespace.replace(/ in us-east-1$/, " in eu-west-1") }));
        assert.ok(east.length > 40 && west.length > 40);
        assert.ok(east.filter((x) => !x.namespace.includes(" in ")).length >= 6, "roles, the bucket and the dashboard");
        assert.deepStrictEqual(shared(east, west), []);
        const roles = west.filter((n) => n.type === "aws:iam/role:Role").map((n) => n.name);
        assert.ok(roles.length > 0 && roles.every((r) => r.endsWith("-eu-west-1")), roles.join(", "));
    });
});
