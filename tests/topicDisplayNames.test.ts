import * as assert from "assert";
import { SesMonitoring, SesMonitoringArgs } from "../components";
import { TOPIC_DISPLAY_NAME_MAX, topicDisplayName } from "../components/shared/physicalNames";
import { runUnderMocks } from "../tools/pulumiMocks";

const TOPIC = "aws:sns/topic:Topic";

/** Every topic the stack creates: alarm topics, a set's SNS destination, feedback notifications. */
function everyTopic(namePrefix: string, setName: string): SesMonitoringArgs {
    return {
        namePrefix,
        configurationSets: { [setName]: { snsDestination: { enabled: true } } },
        identities: { "example.com": { bounce: true, complaint: true } },
    };
}

async function displayNames(args: SesMonitoringArgs): Promise<Record<string, string>> {
    const resources = await runUnderMocks(() => { new SesMonitoring("ses", args); });
    return Object.fromEntries(resources.filter((r) => r.type === TOPIC).map((r) => [r.name, r.inputs.displayName]));
}

describe("SNS topic display names", () => {
    it("are `<what> (<namePrefix>)` when that fits SNS's 100 characters", async () => {
        assert.deepStrictEqual(await displayNames(everyTopic("mail-prod", "marketing")), {
            "ses-warning": "SES warning alarms (mail-prod)",
            "ses-critical": "SES critical alarms (mail-prod)",
            "ses-marketing-sns": "SES events of marketing (mail-prod)",
            "ses-feedback": "SES feedback notifications (mail-prod)",
        });
    });

    it("cut the prefix, marked with ..., when the longest prefix and set name would pass 100", async () => {
        const prefix = `p${"x".repeat(98)}z`; // 100, the longest namePrefix
        const set = `s${"y".repeat(62)}e`; // 64, the longest configuration set name
        const names = await displayNames(everyTopic(prefix, set));
        assert.strictEqual(Object.keys(names).length, 4);
        for (const [resource, displayName] of Object.entries(names)) {
            assert.ok(displayName.length <= TOPIC_DISPLAY_NAME_MAX, `${resource}: ${displayName.length} characters`);
            assert.ok(displayName.endsWith("...)"), displayName);
        }
        assert.strictEqual(names["ses-critical"], `SES critical alarms (${prefix.slice(0, 100 - "SES critical alarms (...)".length)}...)`);
        assert.strictEqual(names["ses-critical"].length, 100);
        assert.strictEqual(names[`ses-${set}-sns`], `SES events of ${set} (${prefix.slice(0, 100 - `SES events of ${set} (...)`.length)}...)`);
        assert.strictEqual(names[`ses-${set}-sns`].length, 100);
    });

    it("keep a name of exactly 100 characters whole, and cut only past it", () => {
        const subject = "SES feedback notifications";
        const fits = "f".repeat(100 - subject.length - 3);
        assert.strictEqual(topicDisplayName(subject, fits), `${subject} (${fits})`);
        assert.strictEqual(topicDisplayName(subject, fits).length, 100);
        assert.strictEqual(topicDisplayName(subject, `${fits}g`), `${subject} (${fits.slice(0, -3)}...)`);
        // A subject with no room for the prefix is cut itself.
        assert.strictEqual(topicDisplayName("s".repeat(120), "p"), `${"s".repeat(97)}...`);
    });
});
