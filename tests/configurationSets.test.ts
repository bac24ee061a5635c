import * as assert from "assert";
import { resolveSettings } from "../components/settings";
import { refusalOf } from "./refusal";

const CONTEXT = { project: "p", stack: "s" };
const withDimension = (dimension: Record<string, unknown>) => ({ configurationSets: { a: { dimensions: [dimension] } } });

/** The issue lines of args that must be refused, after checking that nothing was registered. */
async function refusal(args: unknown): Promise<string[]> {
    return (await refusalOf(args)).message.split("\n");
}

describe("configuration set dimensions", () => {
    it("take names and default values of 1-256 characters, as the AWS provider validates them", () => {
        const settings = resolveSettings(withDimension({ name: "n".repeat(256), defaultValue: "v".repeat(256) }), CONTEXT);
        assert.deepStrictEqual(settings.configurationSets[0].dimensions, [{ name: "n".repeat(256), source: "MESSAGE_TAG", defaultValue: "v".repeat(256) }]);
    });

    it("refuse a name or default value of 257 characters, naming the field and the rule", async () => {
        assert.deepStrictEqual(await refusal(withDimension({ name: "n".repeat(257), defaultValue: "none" })),
            [`configurationSets.a.dimensions[0].name: "${"n".repeat(257)}" is not a dimension name (1-256 of [A-Za-z0-9_-], or an ses: auto-tag)`]);
        assert.deepStrictEqual(await refusal(withDimension({ name: "campaign", defaultValue: "v".repeat(257) })),
            [`configurationSets.a.dimensions[0].defaultValue: "${"v".repeat(257)}" is not a default dimension value (1-256 of [A-Za-z0-9_.@-])`]);
    });

    const reserved = ["Received", "To", "From", "DKIM-Signature", "CC", "message-id", "Return-Path"];
    for (const header of [...reserved, "received", "FROM", "Message-ID", "dkim-signature", "cc"]) {
        it(`refuse EMAIL_HEADER dimension ${header}, a header SES does not let a dimension read`, async () => {
            assert.deepStrictEqual(await refusal(withDimension({ name: header, source: "EMAIL_HEADER", defaultValue: "none" })), [
                `configurationSets.a.dimensions[0].name: "${header}" is a header an EMAIL_HEADER dimension cannot read `
                + "(SES refuses Received, To, From, DKIM-Signature, CC, message-id, Return-Path)",
            ]);
        });
    }

    it("accept those names as message or link tags, and other headers as EMAIL_HEADER dimensions", () => {
        const settings = resolveSettings({
            configurationSets: {
                a: {
                    dimensions: [
                        { name: "From", defaultValue: "none" },
                        { name: "To", source: "LINK_TAG", defaultValue: "none" },
                        { name: "X-Campaign", source: "EMAIL_HEADER", defaultValue: "none" },
                        { name: "Reply-To", source: "EMAIL_HEADER", defaultValue: "none" },
                    ],
                },
            },
        }, CONTEXT);
        assert.deepStrictEqual(settings.configurationSets[0].dimensions.map((d) => `${d.name}/${d.source}`),
            ["From/MESSAGE_TAG", "To/LINK_TAG", "X-Campaign/EMAIL_HEADER", "Reply-To/EMAIL_HEADER"]);
    });
});
